package dev.mlops.test;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.serve.ModelServer;
import dev.mlops.train.TrainedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model under test as one function from input rows to predictions, whatever runs it: a {@link TrainedModel}
 * (Tribuo), a {@link ModelServer} (ONNX Runtime) or a lambda of your own. The assertions and behavioural checks of
 * this kit work on this one shape.
 *
 * <p>The predictions frame has one row per input row: for classification a categorical {@value #PREDICTED} column
 * and a numeric {@code probability_<class>} column per class (when the model gives probabilities), for regression a
 * numeric {@value #PREDICTED} column, as {@link TrainedModel#predict(Frame)} returns them. {@link #of(ModelServer)}
 * renames the server's {@code label} and {@code probabilities.<class>} columns to that shape.
 */
@FunctionalInterface
public interface Predictor {
    /** The name of the predicted label or value column. */
    String PREDICTED = "predicted";
    /** The prefix of the per-class probability columns. */
    String PROBABILITY_PREFIX = "probability_";

    /** Predicts every row of {@code frame}, in order. */
    Frame predict(Frame frame);

    /** The name of the probability column of a class. */
    static String probabilityOf(String label) {
        return PROBABILITY_PREFIX + label;
    }

    /** A trained model's predictions, as it makes them. */
    static Predictor of(TrainedModel model) {
        Objects.requireNonNull(model, "model");
        return model::predict;
    }

    /**
     * A served model's predictions, renamed to this shape: {@code label} becomes {@value #PREDICTED},
     * {@code probabilities.<class>} becomes {@code probability_<class>}; a model without a {@code label} output
     * (regression) has its first output as {@value #PREDICTED}.
     */
    static Predictor of(ModelServer server) {
        Objects.requireNonNull(server, "server");
        return frame -> normalizeServed(server.predict(frame));
    }

    private static Frame normalizeServed(Frame served) {
        List<Column> out = new ArrayList<>();
        boolean hasLabel = served.hasColumn("label");
        for (Column c : served.columns()) {
            String name = c.name();
            if (name.equals("label") || !hasLabel && out.isEmpty()) {
                out.add(c.rename(PREDICTED));
            } else if (name.startsWith("probabilities.")) {
                out.add(c.rename(PROBABILITY_PREFIX + name.substring("probabilities.".length())));
            }
        }
        return Frame.of(out);
    }
}
