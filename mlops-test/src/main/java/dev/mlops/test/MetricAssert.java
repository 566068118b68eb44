package dev.mlops.test;

import org.assertj.core.api.AbstractDoubleAssert;

/**
 * Assertions on one metric of an evaluation; every AssertJ double assertion works too, described by the metric's
 * name and the rows it was measured on. {@link #and()} goes back to the evaluation.
 */
public final class MetricAssert extends AbstractDoubleAssert<MetricAssert> {
    private final String name;
    private final int rows;
    private final EvaluationAssert evaluation;

    MetricAssert(String name, Double value, int rows, EvaluationAssert evaluation) {
        super(value, MetricAssert.class);
        this.name = name;
        this.rows = rows;
        this.evaluation = evaluation;
        describedAs("%s on %d rows", name, rows);
    }

    /** The metric is at least {@code floor} (and not NaN). */
    public MetricAssert isAtLeast(double floor) {
        isNotNull();
        if (!(actual >= floor)) {
            failWithMessage("Expected %s to be at least %s, but it is %s on %d rows (short by %s)", name,
                    EvaluationAssert.num(floor), EvaluationAssert.num(actual), rows,
                    EvaluationAssert.num(floor - actual));
        }
        return this;
    }

    /** The metric is at most {@code ceiling} (and not NaN). */
    public MetricAssert isAtMost(double ceiling) {
        isNotNull();
        if (!(actual <= ceiling)) {
            failWithMessage("Expected %s to be at most %s, but it is %s on %d rows (over by %s)", name,
                    EvaluationAssert.num(ceiling), EvaluationAssert.num(actual), rows,
                    EvaluationAssert.num(actual - ceiling));
        }
        return this;
    }

    /** Back to the evaluation, for more assertions on it. */
    public EvaluationAssert and() {
        return evaluation;
    }
}
