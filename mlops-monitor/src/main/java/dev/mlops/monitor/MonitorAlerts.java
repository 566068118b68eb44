package dev.mlops.monitor;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The monitor's alert rules: what raises an {@link Alert} and with which key. Rules run under the monitor's lock
 * and only collect alerts; {@link #fire(List)} sends them after the lock is released.
 */
final class MonitorAlerts {
    static final int MIN_LABELS = 30;

    private final AlertRouter router;
    private final double floor;
    private final String scoreColumn;
    private final ChangeDetector scoreDetector;
    private final ChangeDetector errorDetector;
    private final boolean regression;

    MonitorAlerts(AlertRouter router, double floor, String scoreColumn, ChangeDetector scoreDetector,
                  ChangeDetector errorDetector, boolean regression) {
        this.router = router;
        this.floor = floor;
        this.scoreColumn = scoreColumn;
        this.scoreDetector = scoreDetector;
        this.errorDetector = errorDetector;
        this.regression = regression;
    }

    void scores(Frame outputs, Instant now, List<Alert> raised) {
        if (scoreDetector == null || outputs.columnCount() == 0) {
            return;
        }
        if (!outputs.hasColumn(scoreColumn)) {
            throw new IllegalArgumentException("The score detector reads output '" + scoreColumn
                    + "' but the outputs are " + outputs.columnNames());
        }
        Column c = outputs.column(scoreColumn);
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r) && c.value(r) instanceof Number n && Double.isFinite(n.doubleValue())
                    && scoreDetector.add(n.doubleValue())) {
                raised.add(new Alert("detector:score:" + scoreColumn, Alert.Kind.DETECTOR, now, "The change detector "
                        + "on output '" + scoreColumn + "' fired at value " + scoreDetector.count()
                        + ": its mean has changed", Map.of("column", scoreColumn,
                        "detections", scoreDetector.detections())));
            }
        }
    }

    void joined(double error, WindowPerformance window, Instant now, List<Alert> raised) {
        if (errorDetector != null && Double.isFinite(error) && errorDetector.add(error)) {
            raised.add(new Alert("detector:errors", Alert.Kind.DETECTOR, now, "The change detector on prediction "
                    + "errors fired at label " + errorDetector.count() + ": the error rate has risen"
                    + (window == null ? "" : " (window " + window.key() + ")"),
                    Map.of("detections", errorDetector.detections())));
        }
        if (Double.isNaN(floor) || window == null || window.labelled() < MIN_LABELS) {
            return;
        }
        double measured = regression ? window.rmse() : window.accuracy();
        boolean below = regression ? measured > floor : measured < floor;
        if (below) {
            String metric = regression ? "RMSE" : "accuracy";
            raised.add(new Alert("performance:measured", Alert.Kind.PERFORMANCE, now, "Measured " + metric
                    + " of window " + window.key() + " is " + round(measured) + " on " + window.labelled()
                    + " labels, beyond the floor " + floor, Map.of("window", window.key(), "value", measured,
                    "floor", floor, "labelled", window.labelled())));
        }
    }

    /** Rules on a closed window; the alerts carry the window's end as their time. */
    void closed(WindowReport r, EstimatedPerformance estimate, List<Alert> raised) {
        Instant now = r.end();
        Map<String, Object> details = Map.of("window", r.key(), "rows", r.rows());
        if (r.datasetDrift()) {
            raised.add(new Alert("dataset-drift", Alert.Kind.DATASET_DRIFT, now, "Window " + r.key() + ": "
                    + Math.round(r.driftedShare() * 100) + "% of the input features drifted: " + r.driftedColumns(),
                    details));
        }
        if (!r.driftedOutputs().isEmpty()) {
            raised.add(new Alert("prediction-drift", Alert.Kind.PREDICTION_DRIFT, now, "Window " + r.key()
                    + ": the model's outputs drifted: " + r.driftedOutputs(), details));
        }
        if (r.reconstruction().drifted()) {
            raised.add(new Alert("multivariate-drift", Alert.Kind.MULTIVARIATE_DRIFT, now, "Window " + r.key()
                    + ": the reconstruction error " + round(r.reconstruction().error()) + " left the reference band ["
                    + round(r.reconstruction().lower()) + ", " + round(r.reconstruction().upper()) + "]", details));
        }
        if (!Double.isNaN(floor) && estimate != null && estimate.accuracy().upper() < floor) {
            raised.add(new Alert("performance:estimated", Alert.Kind.PERFORMANCE, now, "Estimated accuracy of window "
                    + r.key() + " is " + round(estimate.accuracy().estimate()) + " (band up to "
                    + round(estimate.accuracy().upper()) + "), below the floor " + floor, Map.of("window", r.key(),
                    "estimate", estimate.accuracy().estimate(), "floor", floor)));
        }
    }

    void fire(List<Alert> raised) {
        if (router != null) {
            raised.forEach(router::fire);
        }
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
