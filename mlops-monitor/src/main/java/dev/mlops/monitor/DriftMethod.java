package dev.mlops.monitor;

/**
 * A per-feature drift statistic. Tests ({@link #isTest()}) flag drift when their p-value is below the threshold;
 * distances flag it when the distance is above. Which applies to which column type is stated per constant; the
 * defaults per column are in docs/decisions/101.
 */
public enum DriftMethod {
    /** Two-sample Kolmogorov-Smirnov test (numeric), from KLL quantile sketches. */
    KS(true, true, false, 0.05),
    /** First Wasserstein distance divided by the reference standard deviation (numeric). */
    WASSERSTEIN(false, true, false, 0.1),
    /** Population stability index over reference-quantile bins (numeric) or categories. */
    PSI(false, true, true, 0.1),
    /** Jensen-Shannon distance, base 2, over reference-quantile bins (numeric) or categories. */
    JENSEN_SHANNON(false, true, true, 0.1),
    /** Hellinger distance over reference-quantile bins (numeric) or categories. */
    HELLINGER(false, true, true, 0.1),
    /** Chi-squared test of homogeneity of category counts. */
    CHI_SQUARED(true, false, true, 0.05),
    /** Two-proportion z-test on the first category's share (two categories or boolean). */
    Z_TEST(true, false, true, 0.05),
    /** The largest difference of one category's share. */
    L_INFINITY(false, false, true, 0.1);

    private final boolean test;
    private final boolean numeric;
    private final boolean categorical;
    private final double defaultThreshold;

    DriftMethod(boolean test, boolean numeric, boolean categorical, double defaultThreshold) {
        this.test = test;
        this.numeric = numeric;
        this.categorical = categorical;
        this.defaultThreshold = defaultThreshold;
    }

    /** Whether it is a test with a p-value (drift below the threshold) rather than a distance (drift above). */
    public boolean isTest() {
        return test;
    }

    /** Whether it applies to numeric columns. */
    public boolean appliesToNumeric() {
        return numeric;
    }

    /** Whether it applies to categorical, text and boolean columns. */
    public boolean appliesToCategorical() {
        return categorical;
    }

    /** The established threshold: 0.05 on p-values, 0.1 on distances. */
    public double defaultThreshold() {
        return defaultThreshold;
    }
}
