package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.Provenance;
import dev.mlops.api.model.TensorSpec;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve stage on a small logistic regression (models/logreg.onnx, from mlops-serve's make_models.py). */
class ServeStageTest {
    @TempDir
    Path root;

    static ModelArtifact logreg(String run) throws Exception {
        byte[] bytes;
        try (InputStream in = ServeStageTest.class.getResourceAsStream("/models/logreg.onnx")) {
            bytes = in.readAllBytes();
        }
        ModelSignature sig = new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.FLOAT, false),
                        TensorSpec.column("x2", ElementType.FLOAT, false)),
                List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                        new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of("bad", "good"), ModelTask.CLASSIFICATION);
        return ModelArtifact.newBuilder().model(bytes).signature(sig).provenance(Provenance.of(run, Map.of()))
                .build();
    }

    @Test
    void run_movesProductionUnderLoadWithoutFailures() throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("credit", logreg("run-1"));
        repo.setAlias("credit", "production", 1);
        Frame test = Frame.of(DoubleColumn.of("x1", 0.1, 0.5, -1.0, 2.0), DoubleColumn.of("x2", 1.0, 0.0, 0.5, 0.2),
                DoubleColumn.of("ignored", 1, 2, 3, 4));
        ServeStage.Result result = ServeStage.run(repo, "credit", test, logreg("run-2"));
        assertEquals(0, result.failures());
        assertEquals(2, result.secondVersion());
        assertTrue(result.byVersion().getOrDefault(2, 0L) > 0, result.toString());
        assertEquals(2, repo.resolve("credit@production").version());
    }
}
