package dev.mlops.serve;

import java.util.Arrays;
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

    /**
     * The model, version, every output by name and the request id: the label by class name, probabilities by class name, arrays by
     * value, e.g. {@code Prediction[model=credit, version=3, label=good, probabilities={bad=0.21, good=0.79}, requestId=r-1]} or
     * {@code Prediction[model=cpu, version=1, variable=42.5]}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Prediction[model=").append(model).append(", version=").append(version);
        for (Map.Entry<String, Object> e : outputs.entrySet()) {
            s.append(", ").append(e.getKey()).append('=');
            Object v = e.getValue();
            if (e.getKey().equals("label")) {
                s.append(label().orElse("null"));
            } else if (v instanceof double[] p && labels != null && p.length == labels.size()) {
                s.append('{');
                for (int i = 0; i < p.length; i++) {
                    s.append(i == 0 ? "" : ", ").append(labels.get(i)).append('=').append(p[i]);
                }
                s.append('}');
            } else if (v != null && v.getClass().isArray()) {
                s.append(Arrays.toString(OutputBatch.boxRange(v, 0, java.lang.reflect.Array.getLength(v))));
            } else {
                s.append(v);
            }
        }
        if (requestId != null) {
            s.append(", requestId=").append(requestId);
        }
        return s.append(']').toString();
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
