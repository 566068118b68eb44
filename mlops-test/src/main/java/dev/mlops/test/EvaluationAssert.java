package dev.mlops.test;

import dev.mlops.train.Evaluation;
import dev.mlops.train.Metrics;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on an evaluation: the verdict against the trivial baselines, any metric by name, and the slices. A
 * failure message carries the numbers (the model's, the baseline's, the margin) and the evaluation's primary metric
 * with the reason it was chosen.
 *
 * <pre>{@code
 * assertThat(evaluation).beatsBaselineBy(0.05).metric("roc_auc").isAtLeast(0.75);
 * }</pre>
 */
public final class EvaluationAssert extends AbstractObjectAssert<EvaluationAssert, Evaluation> {

    EvaluationAssert(Evaluation actual) {
        super(actual, EvaluationAssert.class);
    }

    /** The model beats the best trivial baseline by the evaluator's own meaningful margin. */
    public EvaluationAssert beatsBaseline() {
        isNotNull();
        return beatsBaselineBy(actual.baselineVerdict().minMargin());
    }

    /**
     * The model's primary metric is better than the best trivial baseline's by at least {@code margin} (in the
     * metric's direction: higher for AUC and accuracy, lower for log loss and RMSE).
     */
    public EvaluationAssert beatsBaselineBy(double margin) {
        isNotNull();
        Evaluation.BaselineVerdict v = actual.baselineVerdict();
        if (!(v.margin() >= margin)) {
            failWithMessage("Expected the model to beat the best baseline '%s' by at least %s on %s, but the model has"
                    + " %s against the baseline's %s, a margin of %s.%nThe evaluator's verdict: %s%nPrimary metric %s: %s",
                    v.bestBaseline(), num(margin), actual.primaryMetric(), num(v.modelValue()),
                    num(v.baselineValue()), num(v.margin()), v.text(), actual.primaryMetric(),
                    actual.primaryMetricReason());
        }
        return this;
    }

    /** Assertions on one of the model's metrics on the evaluation frame ({@code roc_auc}, {@code rmse}, ...). */
    public MetricAssert metric(String name) {
        isNotNull();
        Double v = actual.metrics().values().get(name);
        if (v == null) {
            failWithMessage("Expected the evaluation to have a metric '%s', but its metrics are %s", name,
                    actual.metrics().values().keySet());
        }
        return new MetricAssert(name, v, actual.metrics().rows(), this);
    }

    /** Assertions on the evaluation's primary metric. */
    public MetricAssert primaryMetric() {
        return metric(actual.primaryMetric());
    }

    /**
     * No slice of at least {@code minRows} rows has a primary metric worse than {@code floor} (in the metric's
     * direction). The message lists every such slice with its size and value.
     */
    public EvaluationAssert hasNoSliceWorseThan(double floor, int minRows) {
        isNotNull();
        boolean higher = Metrics.higherIsBetter(actual.primaryMetric());
        var bad = actual.slices().stream().filter(s -> s.rows() >= minRows && !Double.isNaN(s.value())
                && (higher ? s.value() < floor : s.value() > floor)).toList();
        if (!bad.isEmpty()) {
            failWithMessage("Expected no slice of at least %d rows with %s %s %s, but:%n%s", minRows,
                    actual.primaryMetric(), higher ? "below" : "above", num(floor), bad.stream()
                            .map(s -> "  - " + s.column() + "=" + s.group() + ": " + num(s.value()) + " on " + s.rows()
                                    + " rows (gap " + num(s.gap()) + ")").collect(Collectors.joining("\n")));
        }
        return this;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
