package dev.mlops.features;

import ai.onnx.proto.OnnxMl;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.features.internal.ChainRunner;
import dev.mlops.features.internal.FittedSteps;
import dev.mlops.features.internal.OnnxGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A fitted preprocessing chain: the contract between training and serving. {@link #apply(Frame)} turns a frame with
 * the {@link #inputFields()} into an all-NUMERIC frame with one column per model feature, named and ordered as
 * {@link #outputNames()}; {@link #toOnnx()} writes the same computation as an ONNX model.
 *
 * <p>The ONNX model has one input per original column, named as the column, shape {@code [N,1]}:
 * {@code tensor(float)} for NUMERIC, INTEGER and BOOLEAN columns (missing = NaN; booleans 0/1) and
 * {@code tensor(string)} for CATEGORICAL and TEXT columns (missing = the empty string). Its one output,
 * {@code features}, is {@code tensor(float)} of shape {@code [N, F]} in {@link #outputNames()} order. It uses the
 * default domain (opset 17) and {@code ai.onnx.ml} (opset 3).
 *
 * <p>Immutable and thread-safe; JSON round trip through {@link #toJson()} / {@link #fromJson(String)}.
 *
 * @param inputFields the original columns the chain reads, in order
 * @param steps the fitted transforms, in order
 * @param outputNames the names of the output columns, in order
 */
public record FittedPreprocessing(List<Field> inputFields, List<FittedTransform> steps, List<String> outputNames) {

    /** Copies the parts and checks that the names are distinct. */
    public FittedPreprocessing {
        inputFields = List.copyOf(Objects.requireNonNull(inputFields, "inputFields"));
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        outputNames = List.copyOf(Objects.requireNonNull(outputNames, "outputNames"));
        if (new HashSet<>(outputNames).size() != outputNames.size()) {
            throw new IllegalArgumentException("The output names repeat a name: " + outputNames);
        }
    }

    /**
     * The model features of a frame: all NUMERIC, named and ordered as {@link #outputNames()}. Other columns of the
     * frame (the label, ids) are not in the result.
     *
     * @throws IllegalArgumentException naming the column when an input column is absent or of an incompatible type
     * @throws dev.mlops.api.DataException for an unseen category under {@link Transform.UnseenCategories#ERROR}
     */
    public Frame apply(Frame frame) {
        return ChainRunner.apply(frame, inputFields, steps, outputNames);
    }

    /**
     * Whether the chain handles a missing value of this input: the input is nullable and its steps turn a missing
     * value into defined features, in {@link #apply(Frame)} and in the ONNX graph alike (imputation; ordinal
     * encoding, -1; one-hot encoding, a row of zeros under {@link Transform.UnseenCategories#IGNORE}, or the imputed
     * label's column under {@code ERROR} when the fill is one of its categories). False for an input whose missing
     * value would reach the model as NaN or fail, and for a name that is not an input. A packaged model accepts
     * missing values (NaN, null, a missing cell) for exactly these inputs.
     */
    public boolean acceptsMissing(String input) {
        for (Field f : inputFields) {
            if (f.name().equals(input)) {
                return f.nullable() && FittedSteps.definesMissing(steps, input);
            }
        }
        return false;
    }

    /** The number of output columns. */
    public int outputCount() {
        return outputNames.size();
    }

    /** The chain as an ONNX model (see the class comment for its inputs and output). */
    public OnnxMl.ModelProto toOnnxModel() {
        OnnxGraph graph = new OnnxGraph(inputFields);
        for (FittedTransform step : steps) {
            if (!(step instanceof FittedSteps.Step s)) {
                throw new IllegalStateException("Step " + step.getClass().getName() + " cannot be written as ONNX");
            }
            s.emit(graph);
        }
        return graph.finish(outputNames, "mlops-java preprocessing: " + steps.size() + " steps, "
                + inputFields.size() + " inputs, " + outputNames.size() + " features");
    }

    /** The chain as the bytes of an ONNX model file. */
    public byte[] toOnnx() {
        return toOnnxModel().toByteArray();
    }

    /** The chain as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads a chain written by {@link #toJson()}. */
    public static FittedPreprocessing fromJson(String json) {
        return Json.read(json, FittedPreprocessing.class);
    }
}
