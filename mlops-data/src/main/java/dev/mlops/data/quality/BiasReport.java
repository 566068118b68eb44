package dev.mlops.data.quality;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bias in labels across the groups of a column: the favourable-label rate per group, the statistical parity
 * difference ({@code rate(group) - rate(reference)}) and the disparate impact ratio
 * ({@code rate(group) / rate(reference)}), with groups below the usual four-fifths (0.8) rule flagged. The
 * reference group is the one given, or else the group with the highest rate.
 *
 * @param groupColumn    the column that defines groups
 * @param labelColumn    the label column
 * @param favourable     the favourable label value
 * @param referenceGroup the group others are compared with
 * @param threshold      the disparate impact below which a group is flagged (0.8)
 * @param groups         one entry per group, sorted by group
 */
public record BiasReport(String groupColumn, String labelColumn, String favourable, String referenceGroup,
                         double threshold, List<GroupRate> groups) {
    /** The four-fifths rule. */
    public static final double FOUR_FIFTHS = 0.8;

    /** Copies the list. */
    public BiasReport {
        groups = List.copyOf(groups);
    }

    /** The bias report with the highest-rate group as reference and the 0.8 rule. */
    public static BiasReport of(Frame frame, String groupColumn, String labelColumn, String favourable) {
        return of(frame, groupColumn, labelColumn, favourable, null);
    }

    /**
     * The bias report against a chosen reference group (null: the group with the highest rate).
     *
     * @throws IllegalArgumentException when the reference group has no row
     */
    public static BiasReport of(Frame frame, String groupColumn, String labelColumn, String favourable,
                                String referenceGroup) {
        Column g = frame.column(groupColumn);
        Column l = frame.column(labelColumn);
        Map<String, long[]> counts = new TreeMap<>();
        for (int r = 0; r < frame.rowCount(); r++) {
            String group = Groups.key(g, r);
            String label = Groups.key(l, r);
            if (group == null || label == null) {
                continue;
            }
            long[] c = counts.computeIfAbsent(group, k -> new long[2]);
            c[0]++;
            if (label.equals(favourable)) {
                c[1]++;
            }
        }
        String ref = referenceGroup;
        if (ref == null) {
            double best = -1;
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                double rate = (double) e.getValue()[1] / e.getValue()[0];
                if (rate > best) {
                    best = rate;
                    ref = e.getKey();
                }
            }
        } else if (!counts.containsKey(ref)) {
            throw new IllegalArgumentException("The reference group '" + ref + "' has no labelled row in '"
                    + groupColumn + "'; the groups are " + counts.keySet());
        }
        List<GroupRate> out = new ArrayList<>();
        if (ref != null) {
            double refRate = (double) counts.get(ref)[1] / counts.get(ref)[0];
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                long n = e.getValue()[0];
                long fav = e.getValue()[1];
                double rate = (double) fav / n;
                double di = refRate == 0 ? Double.NaN : rate / refRate;
                out.add(new GroupRate(e.getKey(), n, fav, rate, rate - refRate, di, di < FOUR_FIFTHS));
            }
        }
        return new BiasReport(groupColumn, labelColumn, favourable, ref, FOUR_FIFTHS, out);
    }

    /** The groups flagged by the four-fifths rule. */
    public List<GroupRate> flagged() {
        return groups.stream().filter(GroupRate::flagged).toList();
    }

    /** A small table for a person. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "Bias of '%s' = %s by %s (reference %s)%n", labelColumn,
                favourable, groupColumn, referenceGroup));
        sb.append(String.format(java.util.Locale.ROOT, "  %-24s %6s %8s %9s %9s%n", "group", "rows", "rate",
                "parity", "impact"));
        for (GroupRate g : groups) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-24s %6d %8.3f %+9.3f %9.3f%s%n", g.group(), g.count(),
                    g.rate(), g.parityDifference(), g.disparateImpact(), g.flagged() ? "  < 0.8 FLAGGED" : ""));
        }
        return sb.toString();
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * One group's favourable rate and how it compares with the reference group's.
     *
     * @param group            the group value
     * @param count            labelled rows in the group
     * @param favourableCount  rows with the favourable label
     * @param rate             favourable share
     * @param parityDifference rate minus the reference rate
     * @param disparateImpact  rate over the reference rate
     * @param flagged          whether the impact ratio is below the threshold
     */
    public record GroupRate(String group, long count, long favourableCount, double rate, double parityDifference,
                            double disparateImpact, boolean flagged) {
    }
}
