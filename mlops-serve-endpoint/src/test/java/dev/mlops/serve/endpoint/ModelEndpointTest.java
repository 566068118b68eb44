package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import inference.OpenInferenceGrpc.ModelInferResponse;
import inference.OpenInferenceGrpc.ModelMetadataRequest;
import inference.OpenInferenceGrpc.ModelMetadataResponse;
import inference.OpenInferenceGrpc.ModelReadyRequest;
import inference.OpenInferenceGrpc.ServerLiveRequest;
import inference.OpenInferenceGrpc.ServerMetadataRequest;
import inference.OpenInferenceGrpc.ServerReadyRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standalone endpoint over REST and gRPC against the in-process server: same model, same bits. */
class ModelEndpointTest {
    private static ModelServer logreg;
    private static ModelServer categorical;
    private static ModelEndpoint endpoint;
    private static Http http;

    @BeforeAll
    static void start() {
        logreg = Models.logreg();
        categorical = Models.categorical();
        endpoint = ModelEndpoint.newBuilder().model("logreg", logreg).model("colors", categorical).build();
        http = new Http(endpoint.httpUri());
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        logreg.close();
        categorical.close();
    }

    private static float[][] inputs(int rows, long seed) {
        Random r = new Random(seed);
        float[] x1 = new float[rows];
        float[] x2 = new float[rows];
        for (int i = 0; i < rows; i++) {
            x1[i] = (float) (r.nextGaussian() * 2);
            x2[i] = (float) (r.nextGaussian() * 2);
        }
        return new float[][] {x1, x2};
    }

    /** The in-process answer: labels and probabilities narrowed back to the model's FP32. */
    private static Object[] inProcess(float[] x1, float[] x2) {
        List<Map<String, ?>> records = new ArrayList<>();
        for (int i = 0; i < x1.length; i++) {
            records.add(Map.of("x1", x1[i], "x2", x2[i]));
        }
        List<Prediction> ps = logreg.predict(records);
        long[] labels = new long[x1.length];
        float[] probs = new float[x1.length * 2];
        for (int i = 0; i < ps.size(); i++) {
            labels[i] = (Long) ps.get(i).output("label");
            double[] p = ps.get(i).probabilities().orElseThrow();
            probs[2 * i] = (float) p[0];
            probs[2 * i + 1] = (float) p[1];
        }
        return new Object[] {labels, probs};
    }

    private static float[] floats(JsonNode data) {
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(data.get(i).asText());
        }
        return out;
    }

    private static long[] longs(JsonNode data) {
        long[] out = new long[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i).longValue();
        }
        return out;
    }

    @Test
    void health_liveAndReady_over_rest_and_grpc() {
        assertEquals(200, http.get("v2/health/live").status());
        assertTrue(http.get("v2/health/live").json().get("live").booleanValue());
        assertTrue(http.get("v2/health/ready").json().get("ready").booleanValue());
        assertTrue(http.get("v2/models/logreg/ready").json().get("ready").booleanValue());
        assertEquals(200, http.get("v2/models/logreg/versions/0/ready").status());
        try (Grpc g = new Grpc(endpoint.grpcTarget())) {
            assertTrue(g.stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
            assertTrue(g.stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
            assertTrue(g.stub.modelReady(ModelReadyRequest.newBuilder().setName("colors").build()).getReady());
        }
    }

    @Test
    void metadata_reportsPlatformSignatureAndBinaryExtension() {
        JsonNode server = http.get("v2").json();
        assertEquals("mlops-java", server.get("name").asText());
        assertEquals("binary_tensor_data", server.get("extensions").get(0).asText());
        JsonNode model = http.get("v2/models/logreg").json();
        assertEquals("onnx_onnxv1", model.get("platform").asText());
        assertEquals("0", model.get("versions").get(0).asText());
        assertEquals("x1", model.get("inputs").get(0).get("name").asText());
        assertEquals("FP32", model.get("inputs").get(0).get("datatype").asText());
        assertEquals("[-1,1]", model.get("inputs").get(0).get("shape").toString());
        assertEquals("INT64", model.get("outputs").get(0).get("datatype").asText());
        assertEquals("[-1,2]", model.get("outputs").get(1).get("shape").toString());
        assertEquals("BYTES", http.get("v2/models/colors").json().get("inputs").get(1).get("datatype").asText());
        try (Grpc g = new Grpc(endpoint.grpcTarget())) {
            assertEquals(List.of("binary_tensor_data"), g.stub.serverMetadata(
                    ServerMetadataRequest.getDefaultInstance()).getExtensionsList());
            ModelMetadataResponse m = g.stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("logreg")
                    .build());
            assertEquals("onnx_onnxv1", m.getPlatform());
            assertEquals(List.of(-1L, 2L), m.getOutputs(1).getShapeList());
        }
    }

    @Test
    void infer_restJson_restBinary_grpc_grpcRaw_and_inProcess_giveTheSameBits() {
        for (int rows : new int[] {1, 64}) {
            float[][] x = inputs(rows, rows);
            Object[] expected = inProcess(x[0], x[1]);
            long[] labels = (long[]) expected[0];
            float[] probs = (float[]) expected[1];
            for (int i = 0; i < rows; i++) { // and the model is the one we think it is
                assertEquals(Models.pGood(x[0][i], x[1][i]), probs[2 * i + 1], 1e-6);
            }

            Http.Reply json = http.post("v2/models/logreg/infer", Http.logregRequest("req-" + rows, x[0], x[1]));
            assertEquals(200, json.status(), json.text());
            JsonNode body = json.json();
            assertEquals("req-" + rows, body.get("id").asText());
            assertEquals("req-" + rows, json.header("X-Request-Id"));
            assertEquals("logreg", body.get("model_name").asText());
            assertEquals("label", body.get("outputs").get(0).get("name").asText());
            assertEquals("[" + rows + "]", body.get("outputs").get(0).get("shape").toString());
            assertEquals("[" + rows + ",2]", body.get("outputs").get(1).get("shape").toString());
            assertArrayEquals(labels, longs(body.get("outputs").get(0).get("data")));
            assertArrayEquals(probs, floats(body.get("outputs").get(1).get("data")));

            Http.Reply binary = http.post("v2/models/logreg/infer", binaryRequest(x[0], x[1]),
                    "Content-Type", "application/octet-stream", "Inference-Header-Content-Length",
                    Integer.toString(binaryHeader(x[0].length).length));
            assertEquals(200, binary.status(), binary.text());
            int header = Integer.parseInt(binary.header("Inference-Header-Content-Length"));
            JsonNode head = Http.Reply.class.cast(new Http.Reply(200, binary.headers(),
                    Arrays.copyOf(binary.body(), header))).json();
            assertEquals(rows * 8, head.get("outputs").get(0).get("parameters").get("binary_data_size").intValue());
            ByteBuffer rest = ByteBuffer.wrap(binary.body(), header, binary.body().length - header)
                    .order(ByteOrder.LITTLE_ENDIAN);
            long[] binLabels = new long[rows];
            rest.asLongBuffer().get(binLabels);
            rest.position(rest.position() + rows * 8);
            float[] binProbs = new float[rows * 2];
            rest.asFloatBuffer().get(binProbs);
            assertArrayEquals(labels, binLabels);
            assertArrayEquals(probs, binProbs);

            try (Grpc g = new Grpc(endpoint.grpcTarget())) {
                ModelInferResponse typed = g.stub.modelInfer(Grpc.logreg("g-" + rows, x[0], x[1]));
                assertEquals("g-" + rows, typed.getId());
                assertArrayEquals(labels, typed.getOutputs(0).getContents().getInt64ContentsList().stream()
                        .mapToLong(Long::longValue).toArray());
                float[] grpcProbs = new float[rows * 2];
                for (int i = 0; i < grpcProbs.length; i++) {
                    grpcProbs[i] = typed.getOutputs(1).getContents().getFp32Contents(i);
                }
                assertArrayEquals(probs, grpcProbs);
                ModelInferResponse raw = g.stub.modelInfer(Grpc.logregRaw("r-" + rows, x[0], x[1]));
                assertArrayEquals(labels, Grpc.longs(raw.getRawOutputContents(0)));
                assertArrayEquals(probs, Grpc.floats(raw.getRawOutputContents(1)));
                assertEquals(List.of((long) rows, 2L), raw.getOutputs(1).getShapeList());
            }
        }
    }

    private static byte[] binaryHeader(int rows) {
        return Http.json(Map.of("inputs", List.of(
                Map.of("name", "x1", "datatype", "FP32", "shape", new int[] {rows, 1},
                        "parameters", Map.of("binary_data_size", rows * 4)),
                Map.of("name", "x2", "datatype", "FP32", "shape", new int[] {rows, 1},
                        "parameters", Map.of("binary_data_size", rows * 4))),
                "parameters", Map.of("binary_data_output", true))).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] binaryRequest(float[] x1, float[] x2) {
        byte[] head = binaryHeader(x1.length);
        ByteBuffer b = ByteBuffer.allocate(head.length + 8 * x1.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(head);
        for (float v : x1) {
            b.putFloat(v);
        }
        for (float v : x2) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void infer_nestedData_outputSelection_andVersionRoute() {
        String nested = "{\"inputs\":[{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[2,1],\"data\":[[0.5],[1.5]]},"
                + "{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[0.25,-1]}],"
                + "\"outputs\":[{\"name\":\"probabilities\"}]}";
        Http.Reply r = http.post("v2/models/logreg/versions/0/infer", nested);
        assertEquals(200, r.status(), r.text());
        JsonNode outs = r.json().get("outputs");
        assertEquals(1, outs.size());
        assertEquals("probabilities", outs.get(0).get("name").asText());
        assertEquals(Models.pGood(1.5, -1), outs.get(0).get("data").get(3).doubleValue(), 1e-6);
        assertTrue(r.header("X-Request-Id").length() > 8, "no id sent: one is generated");
        assertEquals(r.header("X-Request-Id"), r.json().get("id").asText(), "and given in the body too");
        assertEquals("abc-1", http.post("v2/models/logreg/infer", nested, "X-Request-Id", "abc-1")
                .header("X-Request-Id"));
    }

    @Test
    void infer_requestId_reachesThePredictionEvent_soAMonitorCanJoinLabels() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<dev.mlops.api.PredictionEvent> events =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (AutoCloseable subscription = logreg.onPrediction(events::add)) {
            String one = "{\"id\":\"loan-17\",\"inputs\":[{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],"
                    + "\"data\":[0.5]},{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[0.25]}]}";
            assertEquals(200, http.post("v2/models/logreg/infer", one).status());
            assertEquals(List.of("loan-17"), eventOf("loan-17", events).requestIds());
            String two = one.replace("loan-17", "batch-3").replace("[1,1]", "[2,1]").replace("[0.5]", "[0.5,1.5]")
                    .replace("[0.25]", "[0.25,-1]");
            assertEquals(200, http.post("v2/models/logreg/infer", two).status());
            assertEquals(List.of("batch-3/0", "batch-3/1"), eventOf("batch-3", events).requestIds(),
                    "one id per row, from the request's");
        }
    }

    /**
     * The event of the request with this id. Events reach listeners on the hub's own thread, so one of an earlier
     * test's requests may still arrive after the subscription; those are skipped.
     */
    private static dev.mlops.api.PredictionEvent eventOf(String requestId,
            java.util.concurrent.BlockingQueue<dev.mlops.api.PredictionEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            dev.mlops.api.PredictionEvent e = events.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            if (e != null && e.requestIds().get(0).startsWith(requestId)) {
                return e;
            }
        }
        throw new AssertionError("no prediction event for request " + requestId + " within 30 s");
    }

    @Test
    void infer_severalModels_routedByName_withStringInputs() {
        String req = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,1],\"data\":[1,2]},"
                + "{\"name\":\"color\",\"datatype\":\"BYTES\",\"shape\":[2,1],\"data\":[\"red\",\"blue\"]}]}";
        Http.Reply r = http.post("v2/models/colors/infer", req);
        assertEquals(200, r.status(), r.text());
        Map<String, Object> a = Map.of("x", 1f, "color", "red");
        Map<String, Object> b = Map.of("x", 2f, "color", "blue");
        List<Prediction> expected = categorical.predict(List.of(a, b));
        JsonNode data = r.json().get("outputs").get(0).get("data");
        assertEquals((float) expected.get(0).value(), Float.parseFloat(data.get(0).asText()));
        assertEquals((float) expected.get(1).value(), Float.parseFloat(data.get(1).asText()));
        assertEquals(404, http.post("v2/models/nope/infer", req).status());
    }

    @Test
    void metrics_countRequestsInThePrometheusFormat() {
        http.post("v2/models/logreg/infer", Http.logregRequest("m", new float[] {1}, new float[] {2}));
        http.post("v2/models/logreg/infer", "{");
        Http.Reply m = http.get("metrics");
        assertEquals(200, m.status());
        assertTrue(m.header("Content-Type").startsWith("text/plain"), m.header("Content-Type"));
        String text = m.text();
        assertTrue(text.contains("mlops_inference_request_success_total{model=\"logreg\"}"), text);
        assertTrue(text.contains("mlops_inference_count_total{model=\"logreg\"}"), text);
        assertTrue(text.contains("mlops_inference_request_duration_seconds_bucket"), text);
        assertTrue(text.contains("mlops_inference_pending_request_count"), text);
        assertTrue(text.contains("mlops_inference_exec_count_total{model=\"logreg\"}"), text);
        assertEquals(text.lines().count() > 10, true);
        assertTrue(endpoint.metrics().contains("mlops_inference_request_success_total"));
    }
}
