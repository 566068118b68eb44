package dev.mlops.api.model;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small artifacts for repository tests: the graph bytes are opaque to the repository, so random bytes do. */
final class TestArtifacts {
    private TestArtifacts() {
    }

    static ModelSignature signature() {
        return new ModelSignature(
                List.of(TensorSpec.column("age", ElementType.FLOAT, false),
                        TensorSpec.column("purpose", ElementType.STRING, true)),
                List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                        new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of("bad", "good"), ModelTask.CLASSIFICATION);
    }

    static ModelArtifact artifact(long seed, int modelBytes) {
        byte[] bytes = new byte[modelBytes];
        new Random(seed).nextBytes(bytes);
        return ModelArtifact.newBuilder()
                .model(bytes)
                .signature(signature())
                .metrics(Map.of("accuracy", 0.5 + (seed % 40) / 100.0))
                .provenance(Provenance.of("run-" + seed, Map.of("train", "fp-" + seed)))
                .build();
    }
}
