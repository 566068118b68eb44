package dev.mlops.monitor;

/**
 * Performance of one window estimated from the model's (calibrated) probabilities, without labels: the expected
 * accuracy, ROC AUC and F1 with a 95% band for what the labels, once they arrive, would show (docs/decisions/106).
 *
 * @param key      the window's key
 * @param rows     the predictions it is estimated from
 * @param accuracy expected accuracy
 * @param rocAuc   expected ROC AUC of the positive class's score
 * @param f1       expected F1 of the positive class
 */
public record EstimatedPerformance(String key, long rows, Band accuracy, Band rocAuc, Band f1) {

    /**
     * An estimate with its band.
     *
     * @param estimate the expected value
     * @param lower    the 2.5th percentile
     * @param upper    the 97.5th percentile
     */
    public record Band(double estimate, double lower, double upper) {
        /** Whether a value lies inside the band. */
        public boolean covers(double value) {
            return value >= lower && value <= upper;
        }
    }
}
