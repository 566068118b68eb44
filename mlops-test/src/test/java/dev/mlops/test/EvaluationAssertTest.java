package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;

import dev.mlops.train.Evaluation;
import dev.mlops.train.Evaluator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluationAssertTest {
    private static Evaluation evaluation;

    @BeforeAll
    static void evaluate() {
        evaluation = Evaluator.classification().sliceBy("group").evaluate(Fixtures.MODEL, Fixtures.TEST);
    }

    @Test
    void beatsBaselineBy_aModelOfAKnownRule_passesAndChainsToAMetric() {
        assertThat(evaluation).beatsBaseline().beatsBaselineBy(0.05).metric("roc_auc").isAtLeast(0.95)
                .isAtMost(1.0).and().metric("log_loss").isAtMost(0.5);
        assertThat(evaluation).primaryMetric().isGreaterThan(0.9);
        assertThat(evaluation).hasNoSliceWorseThan(0.8, 50);
    }

    @Test
    void beatsBaselineBy_anUnreachableMargin_failsWithTheModelTheBaselineAndTheMargin() {
        Evaluation.BaselineVerdict v = evaluation.baselineVerdict();
        assertThatThrownBy(() -> assertThat(evaluation).beatsBaselineBy(2.0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("beat the best baseline '" + v.bestBaseline() + "' by at least 2.0000")
                .hasMessageContaining(EvaluationAssert.num(v.modelValue()))
                .hasMessageContaining(EvaluationAssert.num(v.baselineValue()))
                .hasMessageContaining("a margin of " + EvaluationAssert.num(v.margin()))
                .hasMessageContaining(evaluation.primaryMetricReason());
    }

    @Test
    void metric_belowTheFloor_failsWithTheValueAndTheShortfall() {
        double auc = evaluation.metrics().get("roc_auc");
        assertThatThrownBy(() -> assertThat(evaluation).metric("roc_auc").isAtLeast(1.5))
                .hasMessageContaining("Expected roc_auc to be at least 1.5000, but it is " + EvaluationAssert.num(auc)
                        + " on 200 rows (short by " + EvaluationAssert.num(1.5 - auc) + ")");
    }

    @Test
    void metric_anUnknownName_failsListingTheNames() {
        assertThatThrownBy(() -> assertThat(evaluation).metric("auc"))
                .hasMessageContaining("to have a metric 'auc'").hasMessageContaining("roc_auc");
    }

    @Test
    void hasNoSliceWorseThan_aFloorAboveEverySlice_failsNamingTheSlices() {
        assertThatThrownBy(() -> assertThat(evaluation).hasNoSliceWorseThan(1.01, 1))
                .hasMessageContaining("group=a").hasMessageContaining("group=b").hasMessageContaining(" rows (gap ");
    }
}
