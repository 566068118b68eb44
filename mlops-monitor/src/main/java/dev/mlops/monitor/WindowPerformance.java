package dev.mlops.monitor;

/**
 * The measured performance of one window's predictions whose labels have arrived, with the project's metric
 * formulas (scikit-learn's definitions). Metrics that do not apply, or lack data, are {@code NaN}.
 *
 * @param key              the window's key
 * @param predictions      predictions observed in the window with a request id
 * @param labelled         of those, how many got their label
 * @param accuracy         share predicted right (classification)
 * @param balancedAccuracy mean recall over the classes present (classification)
 * @param rocAuc           ROC AUC of the positive class's score (binary)
 * @param logLoss          log loss of the positive class's probability (binary)
 * @param rmse             root mean squared error (regression)
 * @param mae              mean absolute error (regression)
 */
public record WindowPerformance(String key, long predictions, long labelled, double accuracy, double balancedAccuracy,
                                double rocAuc, double logLoss, double rmse, double mae) {

    /** The share of the window's predictions that have a label. */
    public double coverage() {
        return predictions == 0 ? 0 : (double) labelled / predictions;
    }
}
