package dev.mlops.api.model;

import dev.mlops.api.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The contract of a model: its named inputs and outputs, the class label names and the task.
 *
 * <p>Stored as {@code signature.json} beside {@code model.onnx}; a server checks it against the ONNX graph on load
 * and checks every request against it. Immutable; round-trips through {@link #toJson()} and {@link #fromJson}.
 *
 * @param inputs the inputs, in graph order
 * @param outputs the outputs, in graph order
 * @param labels the class names in the order of the probability columns (empty for regression)
 * @param task what the model predicts
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> labels,
                             ModelTask task) {

    /** Checks that names are unique and that there is at least one input and one output. */
    public ModelSignature {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
        labels = labels == null ? List.of() : List.copyOf(labels);
        task = task == null ? ModelTask.OTHER : task;
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("A signature needs at least one input and one output, got "
                    + inputs.size() + " inputs and " + outputs.size() + " outputs");
        }
        Set<String> seen = new HashSet<>();
        for (TensorSpec t : inputs) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("Duplicate input name '" + t.name()
                        + "' in signature; give each input its own name");
            }
        }
        seen.clear();
        for (TensorSpec t : outputs) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("Duplicate output name '" + t.name()
                        + "' in signature; give each output its own name");
            }
        }
    }

    /** The input of this name, if any. */
    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The output of this name, if any. */
    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** This signature as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads a signature written by {@link #toJson()}. */
    public static ModelSignature fromJson(String json) {
        return Json.read(json, ModelSignature.class);
    }
}
