package dev.mlops.test;

import dev.mlops.api.Frame;
import dev.mlops.api.model.PredictionColumns;
import dev.mlops.serve.ModelServer;
import dev.mlops.train.TrainedModel;
import java.util.Objects;

/**
 * A model under test as one function from input rows to predictions, whatever runs it: a {@link TrainedModel}
 * (Tribuo), a {@link ModelServer} (ONNX Runtime) or a lambda of your own. The assertions and behavioural checks of
 * this kit work on this one shape.
 *
 * <p>The predictions frame has one row per input row, in the one schema of {@link PredictionColumns}: for
 * classification a categorical {@code label} column and a numeric {@code probabilities.<class>} column per class
 * (when the model gives probabilities), for regression a numeric {@code value} column. {@link TrainedModel#predict}
 * and {@link ModelServer#predict(Frame)} both answer in it, so no mapping sits between them.
 */
@FunctionalInterface
public interface Predictor {
    /** Predicts every row of {@code frame}, in order. */
    Frame predict(Frame frame);

    /** The name of the probability column of a class. */
    static String probabilityOf(String label) {
        return PredictionColumns.probability(label);
    }

    /** A trained model's predictions, as it makes them. */
    static Predictor of(TrainedModel model) {
        Objects.requireNonNull(model, "model");
        return model::predict;
    }

    /** A served model's predictions, as the server makes them (the same schema as a trained model's). */
    static Predictor of(ModelServer server) {
        Objects.requireNonNull(server, "server");
        return server::predict;
    }
}
