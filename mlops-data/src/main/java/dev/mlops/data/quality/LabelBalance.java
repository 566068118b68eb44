package dev.mlops.data.quality;

import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The class shares of a label column, the imbalance ratio (largest class count over smallest) and a warning when
 * the smallest class's share is below a threshold.
 *
 * @param label            the label column
 * @param counts           rows per class, sorted by class
 * @param shares           share per class among rows with a label
 * @param missing          rows without a label
 * @param majority         the largest class
 * @param minority         the smallest class
 * @param imbalanceRatio   majority count over minority count ({@code NaN} with no class)
 * @param minMinorityShare the threshold below which {@code warning} is set
 * @param warning          whether the minority share is below the threshold
 */
public record LabelBalance(String label, Map<String, Long> counts, Map<String, Double> shares, long missing,
                           String majority, String minority, double imbalanceRatio, double minMinorityShare,
                           boolean warning) {
    /** The default threshold: warn when a class holds less than 10% of the rows. */
    public static final double DEFAULT_MIN_MINORITY_SHARE = 0.1;

    /** Copies the maps. */
    public LabelBalance {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        shares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    }

    /** The balance of a label column with the default threshold. */
    public static LabelBalance of(Frame frame, String label) {
        return of(frame, label, DEFAULT_MIN_MINORITY_SHARE);
    }

    /** The balance of a label column, warning below {@code minMinorityShare}. */
    public static LabelBalance of(Frame frame, String label, double minMinorityShare) {
        Map<String, Long> counts = Groups.counts(frame, label);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        String majority = null;
        String minority = null;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            shares.put(e.getKey(), (double) e.getValue() / total);
            if (majority == null || e.getValue() > counts.get(majority)) {
                majority = e.getKey();
            }
            if (minority == null || e.getValue() < counts.get(minority)) {
                minority = e.getKey();
            }
        }
        double ratio = minority == null ? Double.NaN : (double) counts.get(majority) / counts.get(minority);
        boolean warn = minority != null && shares.get(minority) < minMinorityShare;
        return new LabelBalance(label, counts, shares, frame.rowCount() - total, majority, minority, ratio,
                minMinorityShare, warn);
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }
}
