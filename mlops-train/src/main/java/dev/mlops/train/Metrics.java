package dev.mlops.train;

import java.util.Map;
import java.util.Set;

/** The metrics of one model on one data set, looked up by name for thresholds, slices and tuning. */
public sealed interface Metrics permits ClassificationMetrics, RegressionMetrics {
    /** The metrics where lower is better; every other metric is higher-is-better. */
    Set<String> LOWER_IS_BETTER = Set.of("log_loss", "brier", "ece", "rmse", "mae", "mape");

    /** The number of rows scored. */
    int rows();

    /** Every scalar metric by name ({@code accuracy}, {@code roc_auc}, {@code rmse}, ...). */
    Map<String, Double> values();

    /**
     * One metric by name.
     *
     * @throws IllegalArgumentException listing the names when there is no such metric
     */
    default double get(String name) {
        Double v = values().get(name);
        if (v == null) {
            throw new IllegalArgumentException("No metric '" + name + "'; the metrics are " + values().keySet());
        }
        return v;
    }

    /** Whether a higher value of the metric is better. */
    static boolean higherIsBetter(String name) {
        return !LOWER_IS_BETTER.contains(name);
    }
}
