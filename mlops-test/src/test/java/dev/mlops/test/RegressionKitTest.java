package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.serve.ModelServer;
import dev.mlops.test.BehaviourChecks.Direction;
import dev.mlops.test.junit.ModelServerExtension;
import dev.mlops.train.Evaluator;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import org.junit.jupiter.api.Test;

/** The kit on a regression model: y = 2x + 1, trained by Tribuo and served by ONNX Runtime. */
class RegressionKitTest {
    private static final Frame TRAIN = SyntheticFrame.line(200, 21, 0.1);
    private static final TrainedModel MODEL = Trainer.linearRegression().seed(1).train(TRAIN, "y");

    @Test
    void servedRegression_agreesAndBehaves() {
        Frame test = SyntheticFrame.line(50, 22, 0.1);
        Frame cases = Frame.of(DoubleColumn.of("x", 0, 5), DoubleColumn.of("expected", 1, 11));
        try (ModelServer server = ModelServer.newBuilder().artifact(ModelServerExtension.artifactOf(MODEL)).build()) {
            assertThat(server).agreesWith(MODEL).onRows(test);
            assertThat(BehaviourChecks.of(Predictor.of(server), test)
                    .directional("x", 1, dev.mlops.api.model.PredictionColumns.VALUE, Direction.NOT_DECREASING, 1e-6)
                    .minimumFunctionality("y = 2x + 1", cases, "expected", 0.2)
                    .run()).allChecksPassed();
        }
        assertThat(Evaluator.regression().evaluate(MODEL, test)).metric("rmse").isAtMost(0.2).and()
                .metric("r2").isAtLeast(0.99);
    }
}
