package dev.mlops.monitor;

/**
 * The drift of one column in one window: the statistic with the bound its sketches allow, the p-value for tests,
 * the threshold it was held against (fixed, or calibrated on the reference), and the verdict.
 *
 * @param column          the column
 * @param output          whether it is a model output (prediction drift) rather than an input
 * @param method          the statistic
 * @param statistic       its estimate (for tests: the test statistic; D for KS, chi-squared, z)
 * @param statisticLower  the statistic's lower bound from the sketches' errors (equal to it when exact)
 * @param statisticUpper  its upper bound
 * @param pValue          the p-value of a test ({@code NaN} for distances)
 * @param pValueLower     the p-value's lower bound
 * @param pValueUpper     the p-value's upper bound
 * @param threshold       what the verdict compared with: a p-value or distance threshold, or the calibrated limit
 * @param calibrated      whether the threshold is the reference's mean + k sd of the statistic
 * @param verdict         drift, no drift, or undecided within the sketch error
 */
public record FeatureDrift(String column, boolean output, DriftMethod method, double statistic,
                           double statisticLower, double statisticUpper, double pValue, double pValueLower,
                           double pValueUpper, double threshold, boolean calibrated, Verdict verdict) {

    /** Whether the verdict is {@link Verdict#DRIFT}. */
    public boolean drifted() {
        return verdict == Verdict.DRIFT;
    }
}
