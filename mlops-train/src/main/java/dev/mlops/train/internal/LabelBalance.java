package dev.mlops.train.internal;

import java.util.List;
import java.util.Locale;

/**
 * The counts of a label's commonest and rarest classes, and whether the label is imbalanced by the rule of decision
 * 085 (the commonest outnumbers the rarest by {@code ratio} or more; a class absent from the rows is infinitely
 * rare). One rule for the evaluator's primary metric and the tuner's default metric.
 *
 * @param label the label column
 * @param commonest the commonest class
 * @param commonestCount its rows
 * @param rarest the rarest class
 * @param rarestCount its rows
 * @param rows the rows counted
 */
public record LabelBalance(String label, String commonest, long commonestCount, String rarest, long rarestCount,
                           int rows) {

    /** Counts the classes of {@code truth} (indices into {@code classes}; classes never seen count 0). */
    public static LabelBalance of(String label, List<String> classes, int[] truth) {
        long[] counts = new long[classes.size()];
        for (int t : truth) {
            counts[t]++;
        }
        int most = 0;
        int least = 0;
        for (int c = 1; c < counts.length; c++) {
            most = counts[c] > counts[most] ? c : most;
            least = counts[c] < counts[least] ? c : least;
        }
        return new LabelBalance(label, classes.get(most), counts[most], classes.get(least), counts[least],
                truth.length);
    }

    /** Commonest over rarest (infinite when the rarest is absent). */
    public double ratio() {
        return rarestCount == 0 ? Double.POSITIVE_INFINITY : (double) commonestCount / rarestCount;
    }

    /** Whether the ratio reaches {@code threshold}. */
    public boolean imbalanced(double threshold) {
        return ratio() >= threshold;
    }

    /** "label 'y' has 591 'no' to 8 'yes' (73.9:1) in the 599 training rows", naming which rows. */
    public String describe(String which) {
        return String.format(Locale.ROOT, "label '%s' has %d '%s' to %d '%s' (%.1f:1) in the %d %s rows", label,
                commonestCount, commonest, rarestCount, rarest, ratio(), rows, which);
    }
}
