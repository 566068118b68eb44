package dev.mlops.api.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlops.api.ModelLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArtifactTest {
    @TempDir
    Path dir;

    @Test
    void writeThenRead_roundTripsEveryPart() {
        ModelArtifact a = ModelArtifact.newBuilder()
                .model(new byte[] {8, 7, 1, 2})
                .signature(TestArtifacts.signature())
                .profile(JsonNodeFactory.instance.objectNode().put("rows", 1000))
                .metrics(Map.of("accuracy", 0.75, "auc", 0.8))
                .provenance(new Provenance("run-7", null, Map.of("train", "abc", "test", "def"),
                        JsonNodeFactory.instance.objectNode().put("trainer", "LogisticRegression")))
                .build();
        a.writeTo(dir);
        ModelArtifact b = ModelArtifact.read(dir);
        assertArrayEquals(a.modelBytes(), b.modelBytes());
        assertEquals(a.signature(), b.signature());
        assertEquals(1000, b.profile().get("rows").asInt());
        assertEquals(0.75, b.metric("accuracy").getAsDouble());
        assertEquals("run-7", b.provenance().runId());
        assertEquals(Provenance.SDK_VERSION, b.provenance().sdkVersion());
        assertEquals(Map.of("train", "abc", "test", "def"), b.provenance().dataFingerprints());
        assertEquals("LogisticRegression", b.provenance().details().get("trainer").asText());
        assertEquals(a, b);
        assertEquals(a.checksums(), b.checksums());
    }

    @Test
    void writeTo_writesEveryFileAndAManifestOfTheirHashes() throws IOException {
        ModelArtifact a = TestArtifacts.artifact(1, 100);
        a.writeTo(dir);
        for (String f : List.of("model.onnx", "signature.json", "profile.json", "metrics.json", "provenance.json",
                "manifest.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("\"formatVersion\" : 1"), manifest);
        assertTrue(manifest.contains(ArtifactFiles.sha256(Files.readAllBytes(dir.resolve("model.onnx")))), manifest);
    }

    @Test
    void read_tamperedModel_isRefusedNamingTheFileAndBothHashes() throws IOException {
        ModelArtifact a = TestArtifacts.artifact(2, 64);
        a.writeTo(dir);
        byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
        bytes[10] ^= 1;
        Files.write(dir.resolve("model.onnx"), bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelArtifact.read(dir));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains(a.checksums().get("model.onnx")), e.getMessage());
        assertTrue(e.getMessage().contains(ArtifactFiles.sha256(bytes)), e.getMessage());
    }

    @Test
    void read_truncatedSignature_isRefused() throws IOException {
        TestArtifacts.artifact(3, 64).writeTo(dir);
        byte[] sig = Files.readAllBytes(dir.resolve("signature.json"));
        Files.write(dir.resolve("signature.json"), java.util.Arrays.copyOf(sig, sig.length / 2));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelArtifact.read(dir));
        assertTrue(e.getMessage().contains("signature.json") && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void read_missingFile_isRefusedNamingIt() throws IOException {
        TestArtifacts.artifact(4, 64).writeTo(dir);
        Files.delete(dir.resolve("metrics.json"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelArtifact.read(dir));
        assertTrue(e.getMessage().contains("metrics.json"), e.getMessage());
    }

    @Test
    void read_withoutManifest_saysItIsNotAnArtifact() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelArtifact.read(dir));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    }

    @Test
    void read_newerFormatVersion_isRefusedWithTheVersions() throws IOException {
        TestArtifacts.artifact(5, 64).writeTo(dir);
        Path m = dir.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelArtifact.read(dir));
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }

    @Test
    void build_withoutModelOrSignature_isRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelArtifact.newBuilder().signature(TestArtifacts.signature()).build());
        assertTrue(e.getMessage().contains("ONNX graph bytes")
                && e.getMessage().contains("model(bytes)"), e.getMessage());
        IllegalStateException e2 = assertThrows(IllegalStateException.class,
                () -> ModelArtifact.newBuilder().model(new byte[] {1}).build());
        assertTrue(e2.getMessage().contains("needs a signature")
                && e2.getMessage().contains("signature(...)"), e2.getMessage());
    }

    @Test
    void signature_roundTripsThroughJson() {
        ModelSignature s = TestArtifacts.signature();
        assertEquals(s, ModelSignature.fromJson(s.toJson()));
        assertEquals(ElementType.STRING, s.input("purpose").orElseThrow().type());
    }

    /** Issue 9: signature.json files written before TensorSpec had acceptsInfinity must still load. */
    @Test
    void signature_writtenBeforeAcceptsInfinity_readsAsRefusingInfinities() {
        String old = """
                {"inputs": [{"name": "age", "type": "FLOAT", "shape": [-1, 1], "nullable": true},
                            {"name": "purpose", "type": "STRING", "shape": [-1, 1], "nullable": false}],
                 "outputs": [{"name": "variable", "type": "FLOAT", "shape": [-1, 1], "nullable": false}],
                 "labels": [], "task": "REGRESSION"}""";
        ModelSignature s = ModelSignature.fromJson(old);
        assertEquals(new TensorSpec("age", ElementType.FLOAT, List.of(-1L, 1L), true, false), s.inputs().get(0));
        assertFalse(s.inputs().get(1).acceptsInfinity());
        assertTrue(s.toJson().contains("\"acceptsInfinity\" : false"), s.toJson());
    }

    @Test
    void tensorSpec_everyFlagCombination_roundTripsThroughJson() {
        qt().forAll(booleans().all(), booleans().all(), integers().between(1, 8)).checkAssert((nullable, inf, w) -> {
            TensorSpec t = new TensorSpec("x", ElementType.DOUBLE, List.of(-1L, (long) w), nullable, inf);
            ModelSignature s = new ModelSignature(List.of(t), List.of(t.withAcceptsInfinity(!inf)), List.of(),
                    ModelTask.OTHER);
            assertEquals(s, ModelSignature.fromJson(s.toJson()));
        });
    }

    @Test
    void signature_duplicateInput_isRejected() {
        TensorSpec t = TensorSpec.column("x", ElementType.FLOAT, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelSignature(List.of(t, t),
                List.of(TensorSpec.column("y", ElementType.FLOAT, false)), List.of(), ModelTask.REGRESSION));
        assertTrue(e.getMessage().contains("Duplicate input name 'x'")
                && e.getMessage().contains("its own name"), e.getMessage());
    }

    @Test
    void anyModelBytes_surviveAWriteAndRead() {
        qt().withExamples(30).forAll(longs().all(), integers().between(1, 5000)).checkAssert((seed, size) -> {
            try {
                Path d = Files.createTempDirectory(dir, "p");
                ModelArtifact a = TestArtifacts.artifact(seed, size);
                a.writeTo(d);
                assertArrayEquals(a.modelBytes(), ModelArtifact.read(d).modelBytes());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void unicodeInJson_survives() {
        ModelArtifact a = ModelArtifact.newBuilder().model(new byte[] {1}).signature(TestArtifacts.signature())
                .provenance(Provenance.of("läuft-β-✓", Map.of("train", "ü"))).build();
        a.writeTo(dir);
        assertEquals("läuft-β-✓", ModelArtifact.read(dir).provenance().runId());
        assertTrue(new String(a.toFiles().get("provenance.json"), StandardCharsets.UTF_8).contains("läuft"));
    }
}
