package dev.mlops.train.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One exported ONNX model and what a caller needs to feed and read it. Immutable: the bytes are copied in and out.
 *
 * <p>Classification models have two outputs: {@value OnnxExport#LABEL} ({@code tensor(int64)} [N], the index of the
 * predicted class in {@link #labelNames()}) and {@value OnnxExport#PROBABILITIES} ({@code tensor(float)} [N, C], in
 * {@link #labelNames()} order; raw scores when {@link #probabilistic()} is false). Regression models have one,
 * {@value OnnxExport#VALUE} ({@code tensor(float)} [N, D], in {@link #labelNames()} (dimension) order).
 *
 * @param modelBytes      the serialized {@code ModelProto}
 * @param task            classification or regression
 * @param inputs          the graph inputs, in order
 * @param outputs         the graph outputs, in order
 * @param labelNames      class names (classification) or dimension names (regression), in output-column order
 * @param featureNames    the caller's feature order, the columns of the {@value OnnxExport#FEATURES} input
 * @param missingFeatures features the model knows that the caller does not feed (read as zero, or as missing by
 *                        XGBoost), sorted
 * @param probabilistic   whether {@value OnnxExport#PROBABILITIES} holds probabilities (rows sum to one)
 */
public record ExportedModel(byte[] modelBytes, ModelTask task, List<TensorSpec> inputs, List<TensorSpec> outputs,
                            List<String> labelNames, List<String> featureNames, List<String> missingFeatures,
                            boolean probabilistic) {

    /** Checks the parts and copies them. */
    public ExportedModel {
        modelBytes = Objects.requireNonNull(modelBytes, "modelBytes").clone();
        Objects.requireNonNull(task, "task");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        labelNames = List.copyOf(labelNames);
        featureNames = List.copyOf(featureNames);
        missingFeatures = List.copyOf(missingFeatures);
    }

    /** A copy of the serialized model. */
    @Override
    public byte[] modelBytes() {
        return modelBytes.clone();
    }

    /** Parses the model. */
    public OnnxMl.ModelProto proto() {
        try {
            return OnnxMl.ModelProto.parseFrom(modelBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("The exported model bytes do not parse; this is a bug", e);
        }
    }

    /** Writes the model to {@code file} (a {@code .onnx} file any ONNX runtime can load). */
    public void writeTo(Path file) throws IOException {
        Files.write(file, modelBytes);
    }

    /** The input or output with this name. */
    public TensorSpec tensor(String name) {
        for (TensorSpec t : inputs) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        for (TensorSpec t : outputs) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("No input or output named '" + name + "'; inputs "
                + inputs.stream().map(TensorSpec::name).toList() + ", outputs "
                + outputs.stream().map(TensorSpec::name).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportedModel that && Arrays.equals(modelBytes, that.modelBytes) && task == that.task
                && inputs.equals(that.inputs) && outputs.equals(that.outputs) && labelNames.equals(that.labelNames)
                && featureNames.equals(that.featureNames) && missingFeatures.equals(that.missingFeatures)
                && probabilistic == that.probabilistic;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(modelBytes), task, inputs, outputs, labelNames, featureNames,
                missingFeatures, probabilistic);
    }

    @Override
    public String toString() {
        return "ExportedModel[" + task + ", " + modelBytes.length + " bytes, inputs=" + inputs + ", outputs=" + outputs
                + ", labelNames=" + labelNames + ", missingFeatures=" + missingFeatures + "]";
    }
}
