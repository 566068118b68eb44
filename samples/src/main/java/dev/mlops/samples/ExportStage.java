package dev.mlops.samples;

import ai.onnx.proto.OnnxMl;
import dev.mlops.train.onnx.ExportedModel;
import dev.mlops.train.onnx.OnnxExport;
import dev.mlops.train.onnx.TensorSpec;
import org.tribuo.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The export step of the main job: writes a trained Tribuo model as one ONNX graph and prints its signature. */
public final class ExportStage {

    private ExportStage() {
    }

    /**
     * Exports {@code model} reading {@code featureNames} (the preprocessing output order), writes
     * {@code directory/model.onnx}, and prints the signature, the operators used and any feature the model knows
     * but is not fed.
     *
     * @return the exported model, for packaging
     */
    public static ExportedModel export(Model<?> model, List<String> featureNames, Path directory) {
        ExportedModel exported = OnnxExport.export(model, featureNames);
        Path file = directory.resolve("model.onnx");
        try {
            Files.createDirectories(directory);
            exported.writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        OnnxMl.ModelProto proto = exported.proto();
        System.out.println("Exported " + model.getClass().getSimpleName() + " to " + file + " ("
                + exported.modelBytes().length + " bytes, " + proto.getGraph().getNodeCount() + " nodes)");
        System.out.println("  inputs:  " + describe(exported.inputs()));
        System.out.println("  outputs: " + describe(exported.outputs()));
        System.out.println("  " + (exported.task() == ExportedModel.Task.CLASSIFICATION ? "labels:  " : "dimensions: ")
                + exported.labelNames());
        Map<String, Long> ops = new TreeMap<>(proto.getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(n -> (n.getDomain().isEmpty() ? "" : n.getDomain() + ".") + n.getOpType(),
                        Collectors.counting())));
        System.out.println("  operators: " + ops);
        System.out.println("  opsets: " + proto.getOpsetImportList().stream()
                .map(o -> (o.getDomain().isEmpty() ? "ai.onnx" : o.getDomain()) + " " + o.getVersion()).toList());
        if (!exported.missingFeatures().isEmpty()) {
            System.out.println("  not fed (read as absent): " + exported.missingFeatures());
        }
        return exported;
    }

    private static String describe(List<TensorSpec> tensors) {
        return tensors.stream().map(t -> t.name() + " " + t.elementType().name().toLowerCase()
                + t.shape().stream().map(d -> d < 0 ? "N" : d.toString()).toList()).collect(Collectors.joining(", "));
    }
}
