package dev.mlops.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.ModelLoadException;
import dev.mlops.api.PredictionEvent;
import dev.mlops.api.TextColumn;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.PredictionException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelServerTest {
    @TempDir
    Path dir;

    private static ModelServer logreg() {
        return ModelServer.newBuilder().artifact(TestModels.logreg("r1")).build();
    }

    @Test
    void predict_record_matchesTheModelComputedByHand() {
        try (ModelServer server = logreg()) {
            Prediction p = server.predict(Map.of("x1", 0.3, "x2", -0.1));
            double good = TestModels.pGood(0.3, -0.1);
            assertArrayEquals(new double[] {1 - good, good}, p.probabilities().orElseThrow(), 1e-6);
            assertEquals("good", p.label().orElseThrow());
            assertEquals(0L, server.predict(Map.of("x1", -2, "x2", 1f)).output("label"));
            assertEquals("bad", server.predict(Map.of("x1", -2, "x2", 1f)).label().orElseThrow());
        }
    }

    @Test
    void predict_listAndFrame_agreeWithSingleRecords() {
        try (ModelServer server = logreg()) {
            double[] x1 = {0.0, 1.0, -1.0, 2.5, 1e-3};
            double[] x2 = {0.0, 0.5, 3.0, -2.0, 7.0};
            List<Map<String, ?>> records = new ArrayList<>();
            for (int i = 0; i < x1.length; i++) {
                records.add(Map.of("x1", x1[i], "x2", x2[i]));
            }
            List<Prediction> listed = server.predict(records);
            Frame scored = server.predict(Frame.of(DoubleColumn.of("x1", x1), DoubleColumn.of("x2", x2),
                    CategoricalColumn.of("id", "a", "b", "c", "d", "e")));
            assertEquals(List.of("label", "probabilities.bad", "probabilities.good"), scored.columnNames());
            for (int i = 0; i < x1.length; i++) {
                Prediction one = server.predict(records.get(i));
                assertArrayEquals(one.probabilities().orElseThrow(), listed.get(i).probabilities().orElseThrow());
                assertEquals(TestModels.pGood(x1[i], x2[i]), scored.doubles("probabilities.good").getDouble(i),
                        1e-6);
                assertEquals(one.label().orElseThrow(), scored.categorical("label").getString(i));
            }
        }
    }

    @Test
    void predict_stringInputThroughLabelEncoder() {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.categorical()).build()) {
            assertEquals(3.0, server.predict(Map.of("x", 1.0, "color", "blue")).value(), 1e-6);
            assertEquals(-2.0, server.predict(Map.of("x", 1.0, "color", "purple")).value(), 1e-6);
            Map<String, Object> missing = new HashMap<>();
            missing.put("x", Double.NaN);
            missing.put("color", null);
            assertTrue(Double.isNaN(server.predict(missing).value()));
            Frame scored = server.predict(Frame.of(DoubleColumn.of("x", 0, 1), TextColumn.of("color", "red", "ü")));
            assertEquals(0.5, scored.doubles("score").getDouble(0), 1e-6);
            assertEquals(-2.0, scored.doubles("score").getDouble(1), 1e-6);
        }
    }

    @Test
    void listeners_seeAMissingStringAsAMissingCell() throws InterruptedException {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.categorical()).build()) {
            LinkedBlockingQueue<PredictionEvent> events = new LinkedBlockingQueue<>();
            server.onPrediction(events::add);
            server.predict(Frame.of(DoubleColumn.of("x", 1, 2), CategoricalColumn.of("color", "blue", null)));
            PredictionEvent e = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals("blue", e.inputs().categorical("color").getString(0));
            assertTrue(e.inputs().column("color").isMissing(1), "not the empty string the graph was fed");
        }
    }

    private static PredictionException failure(ModelServer server, Map<String, ?> record) {
        return assertThrows(PredictionException.class, () -> server.predict(record));
    }

    @Test
    void predict_badRecords_getSpecificReasonsNamingTheInput() {
        try (ModelServer server = logreg()) {
            PredictionException e = failure(server, Map.of("x1", 1.0));
            assertEquals(Reason.MISSING_INPUT, e.reason());
            assertEquals("x2", e.input().orElseThrow());
            e = failure(server, Map.of("x1", 1.0, "x2", 2.0, "x3", 3.0));
            assertEquals(Reason.UNEXPECTED_INPUT, e.reason());
            assertEquals("x3", e.input().orElseThrow());
            e = failure(server, Map.of("x1", "1.0", "x2", 2.0));
            assertEquals(Reason.WRONG_TYPE, e.reason());
            assertEquals("x1", e.input().orElseThrow());
            e = failure(server, Map.of("x1", 1.0, "x2", Double.NaN));
            assertEquals(Reason.NAN_NOT_ALLOWED, e.reason());
            assertEquals("x2", e.input().orElseThrow());
            Map<String, Object> nul = new HashMap<>();
            nul.put("x1", null);
            nul.put("x2", 1.0);
            e = failure(server, nul);
            assertEquals(Reason.MISSING_VALUE, e.reason());
            e = failure(server, Map.of("x1", new double[] {1, 2}, "x2", 1.0));
            assertEquals(Reason.WRONG_SHAPE, e.reason());
            assertEquals("x1", e.input().orElseThrow());
            assertTrue(e.getMessage().contains("[-1, 1]"), e.getMessage());
            assertEquals(6, server.stats().failures());
        }
    }

    @Test
    void predict_badFrames_getSpecificReasons() {
        try (ModelServer server = logreg()) {
            PredictionException e = assertThrows(PredictionException.class,
                    () -> server.predict(Frame.of(DoubleColumn.of("x1", 1.0))));
            assertEquals(Reason.MISSING_INPUT, e.reason());
            e = assertThrows(PredictionException.class, () -> server.predict(
                    Frame.of(DoubleColumn.of("x1", 1.0), CategoricalColumn.of("x2", "a"))));
            assertEquals(Reason.WRONG_TYPE, e.reason());
            e = assertThrows(PredictionException.class, () -> server.predict(
                    Frame.of(DoubleColumn.of("x1", 1.0, 2.0), DoubleColumn.of("x2", 1.0, Double.NaN))));
            assertEquals(Reason.NAN_NOT_ALLOWED, e.reason());
            assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        }
    }

    @Test
    void predict_emptyInputs_giveEmptyResults() {
        try (ModelServer server = logreg()) {
            assertEquals(List.of(), server.predict(List.of()));
            assertEquals(0, server.predict(Frame.of(DoubleColumn.of("x1"), DoubleColumn.of("x2"))).rowCount());
        }
    }

    @Test
    void predict_hugeFiniteValues_areServed() {
        try (ModelServer server = logreg()) {
            assertEquals("good", server.predict(Map.of("x1", 1e30, "x2", 0.0)).label().orElseThrow());
            assertEquals("bad", server.predict(Map.of("x1", -1e30, "x2", 0.0)).label().orElseThrow());
        }
    }

    /** Issue 9, part 3: an infinity used to reach the graph silently. */
    @Test
    void predict_infinity_isRefusedNamingTheInputAndRow() {
        try (ModelServer server = logreg()) {
            PredictionException e = failure(server, Map.of("x1", Double.POSITIVE_INFINITY, "x2", 0.0));
            assertEquals(Reason.INFINITY_NOT_ALLOWED, e.reason());
            assertEquals("x1", e.input().orElseThrow());
            assertTrue(e.getMessage().contains("input 'x1' is Infinity but the model does not accept infinities"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("send a finite number"), e.getMessage());

            e = failure(server, Map.of("x1", 0.0, "x2", Float.NEGATIVE_INFINITY));
            assertEquals(Reason.INFINITY_NOT_ALLOWED, e.reason());
            assertTrue(e.getMessage().contains("input 'x2' is -Infinity"), e.getMessage());

            e = failure(server, Map.of("x1", 0.0, "x2", 1e39));
            assertEquals(Reason.INFINITY_NOT_ALLOWED, e.reason());
            assertTrue(e.getMessage().contains("1.0E39, which overflows the model's FLOAT to +Infinity"),
                    e.getMessage());

            List<Map<String, ?>> records = List.of(Map.of("x1", 0.0, "x2", 0.0),
                    Map.of("x1", Double.NEGATIVE_INFINITY, "x2", 0.0));
            e = assertThrows(PredictionException.class, () -> server.predict(records));
            assertTrue(e.getMessage().contains("input 'x1' in record 1 is -Infinity"), e.getMessage());

            e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x1", 1.0, 2.0, 3.0), DoubleColumn.of("x2", 0.0, 0.0, Double.POSITIVE_INFINITY))));
            assertEquals(Reason.INFINITY_NOT_ALLOWED, e.reason());
            assertEquals("x2", e.input().orElseThrow());
            assertTrue(e.getMessage().contains("input 'x2' at row 2 is Infinity"), e.getMessage());
        }
    }

    @Test
    void predict_infinity_isServedWhereTheSignatureAcceptsIt() {
        ModelSignature plain = TestModels.logregSignature();
        ModelSignature accepting = new ModelSignature(
                plain.inputs().stream().map(t -> t.withAcceptsInfinity(true)).toList(), plain.outputs(),
                plain.labels(), plain.task());
        ModelArtifact artifact = ModelArtifact.newBuilder().model(TestModels.bytes("logreg")).signature(accepting)
                .build();
        try (ModelServer server = ModelServer.newBuilder().artifact(artifact).build()) {
            assertEquals("good", server.predict(Map.of("x1", Double.POSITIVE_INFINITY, "x2", 0.0)).label()
                    .orElseThrow());
            Frame scored = server.predict(Frame.of(DoubleColumn.of("x1", 0.0), DoubleColumn.of("x2",
                    Double.POSITIVE_INFINITY)));
            assertEquals("bad", scored.categorical("label").getString(0));
        }
    }

    /** Issue 9, part 7: a null used to fail with a bare NullPointerException from inside the server. */
    @Test
    void predict_null_isRefusedAtTheBoundaryWithAMessage() {
        try (ModelServer server = logreg()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.predict((Map<String, ?>) null));
            assertTrue(e.getMessage().contains("predict(record) got null instead of a record"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> server.predict((Frame) null));
            assertTrue(e.getMessage().contains("predict(frame) got null instead of a frame"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> server.predict((List<? extends Map<String, ?>>) null));
            assertTrue(e.getMessage().contains("predict(records) got null"), e.getMessage());
            List<Map<String, ?>> withHole = new ArrayList<>();
            withHole.add(Map.of("x1", 0.0, "x2", 0.0));
            withHole.add(null);
            e = assertThrows(IllegalArgumentException.class, () -> server.predict(withHole));
            assertTrue(e.getMessage().contains("record 1 of 2 is null"), e.getMessage());
            assertEquals(0, server.stats().failures(), "misuse is not a served failure");
        }
    }

    /** Issue 9, part 7: toString used to print the probabilities as [D@... */
    @Test
    void prediction_toString_namesTheLabelProbabilitiesAndValues() {
        try (ModelServer server = logreg()) {
            Prediction p = server.predict(Map.of("x1", 0.3, "x2", -0.1));
            double[] probs = p.probabilities().orElseThrow();
            assertEquals("Prediction[model=" + p.model() + ", version=" + p.version() + ", label=good, probabilities={bad="
                    + probs[0] + ", good=" + probs[1] + "}, requestId=" + p.requestId() + "]", p.toString());
        }
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.categorical()).build()) {
            Prediction p = server.predict(Map.of("x", 1.0, "color", "blue"));
            assertEquals("Prediction[model=" + p.model() + ", version=" + p.version() + ", score=" + p.value() + ", requestId="
                    + p.requestId() + "]",
                    p.toString());
        }
        Prediction wide = new Prediction("m", 2, Map.of("embedding", new double[] {0.5, -1}), List.of(), "r-7");
        assertEquals("Prediction[model=m, version=2, embedding=[0.5, -1.0], requestId=r-7]", wide.toString());
    }

    @Test
    void build_signatureNotMatchingTheGraph_isRefusedNamingTheInput() {
        ModelSignature wrongName = new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.FLOAT, false),
                        TensorSpec.column("z", ElementType.FLOAT, false)),
                TestModels.logregSignature().outputs(), List.of("bad", "good"), ModelTask.CLASSIFICATION);
        ModelArtifact a = ModelArtifact.newBuilder().model(TestModels.bytes("logreg")).signature(wrongName).build();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelServer.newBuilder().artifact(a).build());
        assertTrue(e.getMessage().contains("'z'"), e.getMessage());

        ModelSignature wrongType = new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.DOUBLE, false),
                        TensorSpec.column("x2", ElementType.FLOAT, false)),
                TestModels.logregSignature().outputs(), List.of("bad", "good"), ModelTask.CLASSIFICATION);
        ModelArtifact b = ModelArtifact.newBuilder().model(TestModels.bytes("logreg")).signature(wrongType).build();
        e = assertThrows(ModelLoadException.class, () -> ModelServer.newBuilder().artifact(b).build());
        assertTrue(e.getMessage().contains("'x1'") && e.getMessage().contains("DOUBLE"), e.getMessage());
    }

    @Test
    void build_notAnOnnxGraph_isRefusedWithAModelLoadException() {
        ModelArtifact junk = ModelArtifact.newBuilder().model(new byte[] {1, 2, 3, 4})
                .signature(TestModels.logregSignature()).build();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelServer.newBuilder().artifact(junk).build());
        assertTrue(e.getMessage().contains("cannot load the graph of in-memory artifact")
                && e.getMessage().contains("ORT_INVALID_PROTOBUF")
                && e.getMessage().contains("onnx.checker.check_model"), e.getMessage());
    }

    @Test
    void load_fromRepositoryByAliasAndVersion_andFromADirectory() {
        ModelRepository repo = ModelRepository.onFileSystem(dir.resolve("repo"));
        repo.register("credit", TestModels.logreg("r1"));
        repo.register("credit", TestModels.logreg("r2"));
        repo.setAlias("credit", "production", 1);
        try (ModelServer a = ModelServer.load(repo, "credit@production");
             ModelServer b = ModelServer.load(repo, "credit@2")) {
            assertEquals(1, a.info().version());
            assertEquals(2, b.predict(Map.of("x1", 0, "x2", 0)).version());
            assertEquals("credit", a.info().model());
        }
        TestModels.logreg("r3").writeTo(dir.resolve("bare"));
        try (ModelServer c = ModelServer.load(dir.resolve("bare"))) {
            assertEquals(0, c.info().version());
            assertEquals("good", c.predict(Map.of("x1", 1, "x2", 0)).label().orElseThrow());
        }
    }

    @Test
    void load_tamperedArtifact_isRefused() throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(dir.resolve("repo"));
        repo.register("credit", TestModels.logreg("r1"));
        Path model = dir.resolve("repo/credit/1/model.onnx");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelServer.load(repo, "credit@1"));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
    }

    @Test
    void close_isIdempotentAndLaterCallsFailClosed() {
        ModelServer server = logreg();
        server.close();
        server.close();
        assertEquals(Reason.CLOSED, failure(server, Map.of("x1", 1, "x2", 1)).reason());
        assertEquals(Reason.CLOSED, assertThrows(PredictionException.class,
                () -> server.predict(List.of(Map.of("x1", 1, "x2", 1)))).reason());
    }

    @Test
    void info_reportsTheProviderAndVersion() {
        try (ModelServer server = logreg()) {
            ServerInfo info = server.info();
            assertTrue(info.provider() == ExecutionProvider.CPU || info.provider() == ExecutionProvider.CUDA);
            assertEquals("1.23.2", info.onnxRuntimeVersion());
            assertEquals(TestModels.logregSignature(), info.signature());
        }
    }

    @Test
    void requestCache_whenOn_answersRepeatsFromTheCache() {
        ServerConfig config = ServerConfig.newBuilder().requestCacheSize(100).build();
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config).build()) {
            Prediction a = server.predict(Map.of("x1", 0.5, "x2", 0.5));
            Prediction b = server.predict(Map.of("x1", 0.5, "x2", 0.5));
            assertEquals(a.outputs(), b.outputs());
            assertTrue(!a.requestId().equals(b.requestId()), "a cached answer keeps its own request id");
            assertEquals(1, server.stats().cacheHits());
            server.predict(Map.of("x1", 0.5, "x2", 0.25));
            assertEquals(1, server.stats().cacheHits());
        }
        try (ModelServer off = logreg()) {
            off.predict(Map.of("x1", 0.5, "x2", 0.5));
            off.predict(Map.of("x1", 0.5, "x2", 0.5));
            assertEquals(0, off.stats().cacheHits());
        }
    }
}
