package dev.mlops.api.tracking;

import java.util.Objects;

/**
 * One logged value of a metric.
 *
 * @param key the metric name
 * @param value the value (may be NaN or infinite: a diverged loss is still worth recording)
 * @param step the step it belongs to (epoch, fold, trial, training size); 0 when there is no sequence
 * @param timeMillis when it was logged, in milliseconds since the epoch
 */
public record MetricPoint(String key, double value, long step, long timeMillis) {
    /** Checks the key. */
    public MetricPoint {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("A metric key must not be blank");
        }
    }
}
