package dev.mlops.serve;

import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.Provenance;
import dev.mlops.api.model.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Artifacts around the ONNX models written by {@code src/test/resources/models/make_models.py}. */
public final class TestModels {
    private TestModels() {
    }

    /** The bytes of a committed test model. */
    public static byte[] bytes(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream("/models/" + name + ".onnx")) {
            if (in == null) {
                throw new IllegalStateException("missing test model " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logistic regression's signature: x1, x2 (float, no NaN) to label (index) and probabilities. */
    public static ModelSignature logregSignature() {
        return new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.FLOAT, false),
                        TensorSpec.column("x2", ElementType.FLOAT, false)),
                List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                        new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of("bad", "good"), ModelTask.CLASSIFICATION);
    }

    /** p(good) = sigmoid(1.5 x1 - 2 x2 + 0.25). */
    public static ModelArtifact logreg(String runId) {
        return ModelArtifact.newBuilder().model(bytes("logreg")).signature(logregSignature())
                .metrics(Map.of("accuracy", 0.8)).provenance(Provenance.of(runId, Map.of("train", "fp-" + runId)))
                .build();
    }

    /** The logistic regression probability by hand, the oracle of the tests. */
    public static double pGood(double x1, double x2) {
        return 1 / (1 + Math.exp(-(1.5 * x1 - 2 * x2 + 0.25)));
    }

    /** score = x + code(color), with a nullable string input through an ai.onnx.ml LabelEncoder. */
    public static ModelArtifact categorical() {
        return ModelArtifact.newBuilder().model(bytes("categorical")).signature(new ModelSignature(
                List.of(TensorSpec.column("x", ElementType.FLOAT, true),
                        TensorSpec.column("color", ElementType.STRING, true)),
                List.of(TensorSpec.column("score", ElementType.FLOAT, true)), List.of(), ModelTask.REGRESSION))
                .build();
    }

    /** A chain of 40 matrix products: slow for thousands of rows, for timeout tests. */
    public static ModelArtifact slow() {
        return ModelArtifact.newBuilder().model(bytes("slow")).signature(new ModelSignature(
                List.of(TensorSpec.column("x", ElementType.FLOAT, false)),
                List.of(TensorSpec.column("y", ElementType.FLOAT, false)), List.of(), ModelTask.REGRESSION))
                .build();
    }
}
