package dev.mlops.api.model;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;

/**
 * The one schema of a prediction frame, used by {@code TrainedModel.predict(Frame)} (Tribuo) and
 * {@code ModelServer.predict(Frame)} (ONNX Runtime) alike, so the two compare without a mapping: for a classifier a
 * categorical {@value #LABEL} column and a numeric {@code probabilities.<class>} column per class (when the model
 * gives probabilities), for a regressor a numeric {@value #VALUE} column. The names are the exported graph's output
 * names; a matrix output becomes one column per class.
 */
public final class PredictionColumns {
    /** The predicted class. */
    public static final String LABEL = "label";
    /** The class probabilities output; its columns are {@link #probability(String)}. */
    public static final String PROBABILITIES = "probabilities";
    /** The prefix of a class's probability column. */
    public static final String PROBABILITY_PREFIX = PROBABILITIES + ".";
    /** The predicted value of a regressor. */
    public static final String VALUE = "value";

    private PredictionColumns() {
    }

    /** The name of a class's probability column, {@code probabilities.<class>}. */
    public static String probability(String label) {
        return PROBABILITY_PREFIX + label;
    }

    /**
     * The prediction of a frame of predictions: its {@value #LABEL} column, else its {@value #VALUE} column.
     *
     * @throws IllegalArgumentException naming the columns when it has neither
     */
    public static Column predicted(Frame predictions) {
        if (predictions.hasColumn(LABEL)) {
            return predictions.column(LABEL);
        }
        if (predictions.hasColumn(VALUE)) {
            return predictions.column(VALUE);
        }
        throw new IllegalArgumentException("A prediction frame has a '" + LABEL + "' or a '" + VALUE + "' column; this"
                + " one has " + predictions.columnNames());
    }
}
