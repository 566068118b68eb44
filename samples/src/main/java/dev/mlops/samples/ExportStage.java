package dev.mlops.samples;

import ai.onnx.proto.OnnxMl;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.train.onnx.ExportedModel;
import dev.mlops.train.onnx.ModelPackager;
import dev.mlops.train.onnx.OnnxExport;
import dev.mlops.api.model.TensorSpec;
import org.tribuo.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The packaging step of the main job: joins the fitted preprocessing and the trained Tribuo model into one ONNX graph,
 * writes the model artifact (graph, signature, profile, metrics, provenance, checksums) and reads it back verified.
 */
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
        System.out.println("  " + (exported.task() == ModelTask.CLASSIFICATION ? "labels:  " : "dimensions: ")
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

    /**
     * Packages the model with its fitted preprocessing into {@code directory} (a model artifact), reads it back with
     * checksum verification, prints its files, signature and metrics, and returns it for registering.
     *
     * @param model           the trained Tribuo model, trained on {@code preprocessing}'s output columns
     * @param preprocessing   the fitted preprocessing chain
     * @param profileJson     the training data's reference profile ({@code Profile.toJson()}), or null
     * @param metrics         evaluation metrics by name
     * @param runId           the tracking run, or empty
     * @param fingerprints    data set role to {@code Frame.fingerprint()}
     * @param directory       where the artifact's files go
     * @return the artifact as read back from {@code directory}
     */
    public static ModelArtifact packageModel(Model<?> model, FittedPreprocessing preprocessing, String profileJson,
                                             Map<String, ? extends Number> metrics, String runId,
                                             Map<String, String> fingerprints, Path directory) {
        ModelPackager.Builder builder = ModelPackager.newBuilder().model(model).preprocessing(preprocessing)
                .metrics(metrics).runId(runId);
        if (profileJson != null) {
            builder.profileJson(profileJson);
        }
        fingerprints.forEach(builder::dataFingerprint);
        builder.build().writeTo(directory);
        ModelArtifact artifact = ModelArtifact.read(directory);
        System.out.println("Packaged " + model.getClass().getSimpleName() + " into " + directory
                + " (read back, checksums verified):");
        new TreeMap<>(artifact.checksums()).forEach((file, sha) -> System.out.println("  " + file + "  sha256 "
                + sha.substring(0, 12) + "..."));
        ModelSignature signature = artifact.signature();
        System.out.println("  inputs:  " + signature.inputs().stream().map(t -> t.name() + " "
                + t.type().name().toLowerCase() + (t.nullable() ? "?" : "")).collect(Collectors.joining(", ")));
        System.out.println("  outputs: " + signature.outputs().stream().map(t -> t.name() + " "
                + t.type().name().toLowerCase() + t.shape().stream().map(d -> d < 0 ? "N" : d.toString()).toList())
                .collect(Collectors.joining(", ")));
        System.out.println("  task " + signature.task() + ", labels " + signature.labels() + ", model.onnx "
                + artifact.modelSize() + " bytes");
        System.out.println("  metrics: " + artifact.metrics());
        return artifact;
    }

    private static String describe(List<TensorSpec> tensors) {
        return tensors.stream().map(t -> t.name() + " " + t.type().name().toLowerCase()
                + t.shape().stream().map(d -> d < 0 ? "N" : d.toString()).toList()).collect(Collectors.joining(", "));
    }
}
