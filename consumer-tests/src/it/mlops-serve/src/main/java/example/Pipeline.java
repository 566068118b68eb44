package example;

import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.Provenance;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Registers a small logistic regression (ONNX) in a repository and serves it on ONNX Runtime. */
public final class Pipeline {
    public static void main(String[] args) throws Exception {
        byte[] onnx = Files.readAllBytes(Path.of(args[0], "mlops-serve/src/test/resources/models/logreg.onnx"));
        ModelSignature signature = new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.FLOAT, false), TensorSpec.column("x2", ElementType.FLOAT, false)),
                List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                        new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of("bad", "good"), ModelTask.CLASSIFICATION);
        ModelRepository repository = ModelRepository.onFileSystem(Path.of(args[1], "models"));
        int version = repository.register("demo",
                ModelArtifact.newBuilder().model(onnx).signature(signature).provenance(Provenance.of("consumer", Map.of()))
                        .build()).version();
        repository.setAlias("demo", "production", version);
        try (ModelServer server = ModelServer.load(repository, "demo@production")) {
            Prediction p = server.predict(Map.of("x1", 2.0, "x2", 0.0));
            if (!p.label().orElseThrow().equals("good")) {
                throw new AssertionError("sigmoid(1.5*2 + 0.25) > 0.5 means good, got " + p);
            }
            System.out.println("mlops-serve consumer: " + p.label().orElseThrow() + " " + java.util.Arrays.toString(p.probabilities().orElseThrow()));
        }
    }
}
