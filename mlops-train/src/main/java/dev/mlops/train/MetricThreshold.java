package dev.mlops.train;

import java.util.Objects;

/**
 * A gate on one metric when a candidate model is compared with the current one (as MLflow's and TFMA's model
 * validation do). The direction comes from {@link Metrics#higherIsBetter(String)}. Each part may be null (not
 * checked). A negative change allows the candidate to be that much worse.
 *
 * @param metric the metric name
 * @param absolute the value the candidate must reach (at least, or at most for lower-is-better metrics)
 * @param minAbsoluteChange the least improvement over the current model, in the metric's units
 * @param minRelativeChange the least improvement over the current model, as a fraction of its value
 */
public record MetricThreshold(String metric, Double absolute, Double minAbsoluteChange, Double minRelativeChange) {
    /** Checks the name. */
    public MetricThreshold {
        Objects.requireNonNull(metric, "metric");
        if (absolute == null && minAbsoluteChange == null && minRelativeChange == null) {
            throw new IllegalArgumentException("A threshold on '" + metric + "' needs an absolute value or a change");
        }
    }

    /** Only an absolute bar. */
    public static MetricThreshold atLeast(String metric, double absolute) {
        return new MetricThreshold(metric, absolute, null, null);
    }

    /** The candidate may be at most {@code tolerance} worse than the current model (and any better). */
    public static MetricThreshold noWorseThan(String metric, double tolerance) {
        return new MetricThreshold(metric, null, -Math.abs(tolerance), null);
    }
}
