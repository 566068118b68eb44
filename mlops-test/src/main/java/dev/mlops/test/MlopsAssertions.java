package dev.mlops.test;

import dev.mlops.api.IngestReport;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.serve.ModelServer;
import dev.mlops.train.Evaluation;
import dev.mlops.train.TrainedModel;
import org.assertj.core.api.Assertions;

/**
 * The entry point of the kit's assertions, and of all of AssertJ's: one static import gives both.
 *
 * <pre>{@code
 * import static dev.mlops.test.MlopsAssertions.assertThat;
 *
 * assertThat(ingest.report()).rejectedNothing();
 * assertThat(validation).hasNoErrors();
 * assertThat(evaluation).beatsBaselineBy(0.05).metric("roc_auc").isAtLeast(0.75);
 * assertThat(server).agreesWith(trained).onRows(test);
 * assertThat(behaviour).allChecksPassed();
 * }</pre>
 */
public class MlopsAssertions extends Assertions {

    /** Extended by users who gather their own entry points; not instantiated. */
    protected MlopsAssertions() {
    }

    /** Assertions on what a read did with its rows. */
    public static IngestReportAssert assertThat(IngestReport actual) {
        return new IngestReportAssert(actual);
    }

    /** Assertions on a validation report. */
    public static ValidationReportAssert assertThat(ValidationReport actual) {
        return new ValidationReportAssert(actual);
    }

    /** Assertions on an evaluation. */
    public static EvaluationAssert assertThat(Evaluation actual) {
        return new EvaluationAssert(actual);
    }

    /** Assertions on a served model's predictions (not on the server object: {@code isSameAs} compares predictors). */
    public static PredictorAssert assertThat(ModelServer actual) {
        return new PredictorAssert(actual == null ? null : Predictor.of(actual), "the served model");
    }

    /** Assertions on a trained model's predictions. */
    public static PredictorAssert assertThat(TrainedModel actual) {
        return new PredictorAssert(actual == null ? null : Predictor.of(actual), "the trained model");
    }

    /** Assertions on any predictor's predictions. */
    public static PredictorAssert assertThat(Predictor actual) {
        return new PredictorAssert(actual, "the model");
    }

    /** Assertions on a drift report: {@code assertThat(report).noFeatureDrifted()}. */
    public static DriftReportAssert assertThat(dev.mlops.monitor.DriftReport actual) {
        return new DriftReportAssert(actual);
    }

    /** Assertions on behavioural checks. */
    public static BehaviourReportAssert assertThat(BehaviourReport actual) {
        return new BehaviourReportAssert(actual);
    }
}
