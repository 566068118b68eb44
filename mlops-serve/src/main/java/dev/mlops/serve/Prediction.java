package dev.mlops.serve;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outputs of a model for one record, and the version that produced them.
 *
 * <p>Each output is a {@code Double}, {@code Long}, {@code String} or {@code Boolean} when the model gives one value
 * per row, or a {@code double[]}, {@code long[]}, {@code String[]} or {@code boolean[]} when it gives several (class
 * probabilities). Immutable by convention: do not modify the arrays.
 *
 * @param model the model name
 * @param version the version that answered
 * @param outputs output name to value, in graph order
 * @param labels the class names of the signature (empty for regression)
 * @param requestId the request id: the caller's, or one the server generated; delayed labels join on it
 */
public record Prediction(String model, int version, Map<String, Object> outputs, List<String> labels,
                         String requestId) {

    /** The value of one output. */
    public Object output(String name) {
        Object v = outputs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No output '" + name + "'; the outputs are " + outputs.keySet());
        }
        return v;
    }

    /**
     * The predicted class name: the {@code label} output, mapped through the signature's labels when it is an index.
     */
    public Optional<String> label() {
        Object v = outputs.get("label");
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long index && index >= 0 && index < labels.size()) {
            return Optional.of(labels.get(index.intValue()));
        }
        return Optional.of(v.toString());
    }

    /** The class probabilities (the {@code probabilities} output), in the order of {@link #labels()}. */
    public Optional<double[]> probabilities() {
        Object v = outputs.get("probabilities");
        return v instanceof double[] p ? Optional.of(p) : Optional.empty();
    }

    /** The first output as a number: the value of a regression model. */
    public double value() {
        Object v = outputs.values().iterator().next();
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof double[] d && d.length > 0) {
            return d[0];
        }
        throw new IllegalStateException("The first output is " + v.getClass().getSimpleName() + ", not a number");
    }
}
