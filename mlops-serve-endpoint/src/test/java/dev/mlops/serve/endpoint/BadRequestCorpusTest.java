package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.mlops.serve.ModelServer;
import inference.OpenInferenceGrpc.InferParameter;
import inference.OpenInferenceGrpc.InferTensorContents;
import inference.OpenInferenceGrpc.ModelInferRequest;
import inference.OpenInferenceGrpc.ModelMetadataRequest;
import inference.OpenInferenceGrpc.ModelReadyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad requests by both transports: each gets the right 4xx status or gRPC code and a message that names the problem,
 * none gets a 5xx, and the endpoint answers a good request correctly after all of them.
 */
class BadRequestCorpusTest {
    private static ModelServer logreg;
    private static ModelServer colors;
    private static ModelEndpoint endpoint;
    private static Http http;
    private static Grpc grpc;
    private static final List<Integer> STATUSES = new ArrayList<>();

    @BeforeAll
    static void start() {
        logreg = Models.logreg();
        colors = Models.categorical();
        endpoint = ModelEndpoint.newBuilder().model("logreg", logreg).model("colors", colors)
                .config(EndpointConfig.newBuilder().maxRequestBytes(64 << 10).maxTensorElements(10_000)
                        .idleTimeout(Duration.ofMillis(500)).build()).build();
        http = new Http(endpoint.httpUri());
        grpc = new Grpc(endpoint.grpcTarget());
    }

    @AfterAll
    static void stop() {
        grpc.close();
        endpoint.close();
        logreg.close();
        colors.close();
    }

    private record Rest(String name, Supplier<Http.Reply> call, int status, String fragment) {
    }

    private static final String X2 = "{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[1]}";

    private static String withX1(String x1) {
        return "{\"inputs\":[" + x1 + "," + X2 + "]}";
    }

    private static Rest json(String name, String body, int status, String fragment) {
        return new Rest(name, () -> http.post("v2/models/logreg/infer", body), status, fragment);
    }

    private static Rest binary(String name, String model, String header, byte[] data, String headerLength, int status,
                               String fragment) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] body = ByteBuffer.allocate(h.length + data.length).put(h).put(data).array();
        return new Rest(name, () -> http.post("v2/models/" + model + "/infer", body, "Content-Type",
                "application/octet-stream", "Inference-Header-Content-Length",
                headerLength == null ? Integer.toString(h.length) : headerLength), status, fragment);
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static final String BIN_X = "{\"inputs\":[{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],"
            + "\"parameters\":{\"binary_data_size\":4}},{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[1,1],"
            + "\"parameters\":{\"binary_data_size\":4}}]}";

    private static String colorsBinary(int bytesSize) {
        return "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[1]},"
                + "{\"name\":\"color\",\"datatype\":\"BYTES\",\"shape\":[1,1],\"parameters\":{\"binary_data_size\":"
                + bytesSize + "}}]}";
    }

    private static String okWith(String extra) {
        String ok = withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[1]}");
        return ok.substring(0, ok.length() - 1) + extra + "}";
    }

    private static List<Rest> restCases() {
        String ok = withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[1]}");
        return List.of(
                json("malformed JSON", "{\"inputs\": [", 400, "not valid JSON"),
                json("JSON array instead of object", "[1,2]", 400, "must be a JSON object"),
                new Rest("empty body", () -> http.post("v2/models/logreg/infer", new byte[0], "Content-Type",
                        "application/json"), 400, "no body"),
                new Rest("text/plain body", () -> http.post("v2/models/logreg/infer", ok, "Content-Type",
                        "text/plain"), 415, "application/json"),
                new Rest("form body", () -> http.post("v2/models/logreg/infer", ok, "Content-Type",
                        "application/x-www-form-urlencoded"), 415, "application/json"),
                json("no inputs field", "{}", 400, "needs \"inputs\""),
                json("inputs not an array", "{\"inputs\":{}}", 400, "array of tensors"),
                json("empty inputs", "{\"inputs\":[]}", 400, "no inputs"),
                json("unknown top-level field", "{\"input\":[]}", 400, "unknown field \"input\""),
                json("input not an object", "{\"inputs\":[1]}", 400, "must be an object"),
                json("input without name", withX1("{\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[1]}"), 400,
                        "needs \"name\""),
                json("input without datatype", withX1("{\"name\":\"x1\",\"shape\":[1,1],\"data\":[1]}"), 400,
                        "needs \"datatype\""),
                json("unknown datatype", withX1("{\"name\":\"x1\",\"datatype\":\"FLOAT\",\"shape\":[1,1],"
                        + "\"data\":[1]}"), 400, "unknown datatype 'FLOAT'"),
                json("unsupported datatype", withX1("{\"name\":\"x1\",\"datatype\":\"UINT8\",\"shape\":[1,1],"
                        + "\"data\":[1]}"), 400, "does not serve"),
                json("wrong datatype", withX1("{\"name\":\"x1\",\"datatype\":\"FP64\",\"shape\":[1,1],"
                        + "\"data\":[1]}"), 400, "has datatype FP64 but the model takes FP32"),
                json("no shape", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"data\":[1]}"), 400,
                        "needs \"shape\""),
                json("fractional dimension", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1.5,1],"
                        + "\"data\":[1]}"), 400, "dimensions are whole numbers"),
                json("negative dimension", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[-1,1],"
                        + "\"data\":[1]}"), 400, "negative dimension"),
                json("huge shape", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1000000000000,1],"
                        + "\"data\":[1]}"), 413, "over the endpoint's limit"),
                json("overflowing shape", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":"
                        + "[9223372036854775807,9223372036854775807],\"data\":[1]}"), 413, "limit"),
                json("zero rows", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[0,1],\"data\":[]}"),
                        400, "at least 1"),
                json("fewer data than shape", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[2,1],"
                        + "\"data\":[1]}"), 400, "holds 1"),
                json("more data than shape", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],"
                        + "\"data\":[1,2,3]}"), 400, "more data elements"),
                json("wrong width", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,2],"
                        + "\"data\":[1,2]}"), 400, "the model takes shape [-1, 1]"),
                json("unknown input", "{\"inputs\":[" + X2 + ",{\"name\":\"x3\",\"datatype\":\"FP32\","
                        + "\"shape\":[1,1],\"data\":[1]}]}", 400, "no input 'x3'"),
                json("missing input", "{\"inputs\":[" + X2 + "]}", 400, "lacks input 'x1'"),
                json("duplicate input", "{\"inputs\":[" + X2 + "," + X2 + "]}", 400, "given twice"),
                json("duplicate JSON key", "{\"inputs\":[],\"inputs\":[]}", 400, "Duplicate field"),
                json("rows disagree", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[2,1],"
                        + "\"data\":[1,2]}"), 400, "same first dimension"),
                json("string for a number", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],"
                        + "\"data\":[\"1\"]}"), 400, "must be a number"),
                json("NaN token", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],"
                        + "\"data\":[NaN]}"), 400, "not valid JSON"),
                json("null where missing values are forbidden", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\","
                        + "\"shape\":[1,1],\"data\":[null]}"), 400, "NAN_NOT_ALLOWED"),
                json("beyond FP32", withX1("{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],"
                        + "\"data\":[1e39]}"), 400, "FP32 range"),
                json("unknown output", okWith(",\"outputs\":[{\"name\":\"score\"}]"), 400,
                        "no output 'score'"),
                json("duplicate output", okWith(",\"outputs\":[{\"name\":\"label\"},"
                        + "{\"name\":\"label\"}]"), 400, "asked for twice"),
                json("outputs not an array", okWith(",\"outputs\":\"label\""), 400,
                        "must be an array"),
                json("id not a string", ok.replace("{\"inputs\"", "{\"id\":7,\"inputs\""), 400,
                        "must be a string"),
                json("timeout not a number", ok.replace("{\"inputs\"", "{\"parameters\":{\"timeout\":\"1s\"},"
                        + "\"inputs\""), 400, "microseconds"),
                json("binary_data_output not a boolean", ok.replace("{\"inputs\"", "{\"parameters\":"
                        + "{\"binary_data_output\":1},\"inputs\""), 400, "true or false"),
                new Rest("unknown model", () -> http.post("v2/models/nope/infer", ok), 404, "no model 'nope'"),
                new Rest("unknown version", () -> http.post("v2/models/logreg/versions/7/infer", ok), 404,
                        "no version '7'"),
                new Rest("unknown model metadata", () -> http.get("v2/models/nope"), 404, "serves [logreg, colors]"),
                new Rest("unknown route", () -> http.get("v3/models"), 404, "no route"),
                new Rest("GET on infer", () -> http.get("v2/models/logreg/infer"), 405, "takes POST"),
                new Rest("POST on health", () -> http.post("v2/health/live", "{}"), 405, "takes GET"),
                new Rest("oversized body", () -> http.post("v2/models/logreg/infer", "{\"inputs\":[\""
                        + "x".repeat(70 << 10) + "\"]}"), 413, "over the endpoint's limit"),
                binary("header longer than body", "logreg", BIN_X, floats(1, 2), "100000", 400,
                        "Inference-Header-Content-Length is 100000"),
                binary("header length not a number", "logreg", BIN_X, floats(1, 2), "abc", 400,
                        "byte length of the JSON part"),
                new Rest("binary size without header", () -> http.post("v2/models/logreg/infer", BIN_X), 400,
                        "no Inference-Header-Content-Length"),
                binary("binary size beyond the body", "logreg", BIN_X, floats(1), null, 400,
                        "bytes of binary data are left"),
                binary("truncated binary tensor", "logreg", BIN_X.replace("\"binary_data_size\":4}}]",
                        "\"binary_data_size\":3}}]"), new byte[7], null, 400, "but its binary data has 3 bytes"),
                binary("bytes nobody claims", "logreg", BIN_X, floats(1, 2, 3), null, 400, "no input claims"),
                binary("NaN where forbidden", "logreg", BIN_X, floats(Float.NaN, 2), null, 400, "NaN"),
                binary("data and binary size together", "logreg", BIN_X.replace("\"shape\":[1,1],\"parameters\"",
                        "\"shape\":[1,1],\"data\":[1],\"parameters\""), floats(1, 2), null, 400, "send one"),
                binary("invalid UTF-8 in BYTES", "colors", colorsBinary(6),
                        new byte[] {2, 0, 0, 0, (byte) 0xC3, (byte) 0x28}, null, 400, "not valid UTF-8"),
                binary("BYTES element longer than its data", "colors", colorsBinary(6),
                        new byte[] {9, 0, 0, 0, 'r', 'e'}, null, 400, "truncated"),
                binary("BYTES without a length", "colors", colorsBinary(2), new byte[] {1, 0}, null, 400,
                        "truncated"));
    }

    @TestFactory
    Stream<DynamicTest> rest_badRequest_getsItsFourHundredAndSaysWhy() {
        return restCases().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Http.Reply r = c.call.get();
            synchronized (STATUSES) {
                STATUSES.add(r.status());
            }
            assertEquals(c.status, r.status(), c.name + ": " + r.text());
            assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
            assertTrue(r.error().contains(c.fragment), c.name + ": '" + r.error() + "' should say '" + c.fragment
                    + "'");
            assertTrue(r.header("X-Request-Id") != null, "every answer carries a request id");
        }));
    }

    private record Rpc(String name, Supplier<Object> call, Status.Code code, String fragment) {
    }

    private static Rpc infer(String name, ModelInferRequest request, Status.Code code, String fragment) {
        return new Rpc(name, () -> grpc.stub.modelInfer(request), code, fragment);
    }

    private static ModelInferRequest.InferInputTensor tensor(String name, String type, long[] shape,
                                                             InferTensorContents contents) {
        ModelInferRequest.InferInputTensor.Builder b = ModelInferRequest.InferInputTensor.newBuilder().setName(name)
                .setDatatype(type);
        for (long d : shape) {
            b.addShape(d);
        }
        if (contents != null) {
            b.setContents(contents);
        }
        return b.build();
    }

    private static InferTensorContents fp32(float... v) {
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        for (float f : v) {
            c.addFp32Contents(f);
        }
        return c.build();
    }

    private static ModelInferRequest.Builder logreg(ModelInferRequest.InferInputTensor x1) {
        return ModelInferRequest.newBuilder().setModelName("logreg").setId("bad-1").addInputs(x1)
                .addInputs(Grpc.fp32("x2", 1f));
    }

    private static List<Rpc> grpcCases() {
        long[] one = {1, 1};
        ModelInferRequest good = Grpc.logreg("ok", new float[] {1}, new float[] {2});
        return List.of(
                infer("unknown model", good.toBuilder().setModelName("nope").build(), Status.Code.NOT_FOUND,
                        "no model 'nope'"),
                infer("unknown version", good.toBuilder().setModelVersion("3").build(), Status.Code.NOT_FOUND,
                        "no version '3'"),
                infer("no inputs", ModelInferRequest.newBuilder().setModelName("logreg").build(),
                        Status.Code.INVALID_ARGUMENT, "no inputs"),
                infer("unknown datatype", logreg(tensor("x1", "REAL", one, fp32(1))).build(),
                        Status.Code.INVALID_ARGUMENT, "unknown datatype 'REAL'"),
                infer("wrong datatype", logreg(tensor("x1", "FP64", one, InferTensorContents.newBuilder()
                        .addFp64Contents(1).build())).build(), Status.Code.INVALID_ARGUMENT, "model takes FP32"),
                infer("values in the wrong contents field", logreg(tensor("x1", "FP32", one,
                        InferTensorContents.newBuilder().addFp64Contents(1).build())).build(),
                        Status.Code.INVALID_ARGUMENT, "fp32_contents"),
                infer("shape and data disagree", logreg(tensor("x1", "FP32", one, fp32(1, 2))).build(),
                        Status.Code.INVALID_ARGUMENT, "holds 2"),
                infer("raw count differs from inputs", good.toBuilder().clearInputs().addInputs(tensor("x1", "FP32",
                        one, null)).addInputs(tensor("x2", "FP32", one, null)).addRawInputContents(
                        ByteString.copyFrom(floats(1))).build(), Status.Code.INVALID_ARGUMENT,
                        "raw_input_contents"),
                infer("truncated raw tensor", Grpc.logregRaw("t", new float[] {1}, new float[] {2}).toBuilder()
                        .setRawInputContents(0, ByteString.copyFrom(new byte[3])).build(),
                        Status.Code.INVALID_ARGUMENT, "but its binary data has 3 bytes"),
                infer("raw and typed contents together", Grpc.logregRaw("t", new float[] {1}, new float[] {2})
                        .toBuilder().setInputs(0, tensor("x1", "FP32", one, fp32(1))).build(),
                        Status.Code.INVALID_ARGUMENT, "send one"),
                infer("negative dimension", logreg(tensor("x1", "FP32", new long[] {-3, 1}, fp32(1))).build(),
                        Status.Code.INVALID_ARGUMENT, "negative dimension"),
                infer("huge shape", logreg(tensor("x1", "FP32", new long[] {1L << 40, 1}, fp32(1))).build(),
                        Status.Code.RESOURCE_EXHAUSTED, "limit"),
                infer("unknown input", good.toBuilder().addInputs(Grpc.fp32("x9", 1f)).build(),
                        Status.Code.INVALID_ARGUMENT, "no input 'x9'"),
                infer("duplicate input", good.toBuilder().addInputs(Grpc.fp32("x2", 1f)).build(),
                        Status.Code.INVALID_ARGUMENT, "given twice"),
                infer("NaN where forbidden", logreg(tensor("x1", "FP32", one, fp32(Float.NaN))).build(),
                        Status.Code.INVALID_ARGUMENT, "NaN"),
                infer("unknown output", good.toBuilder().addOutputs(ModelInferRequest.InferRequestedOutputTensor
                        .newBuilder().setName("score")).build(), Status.Code.INVALID_ARGUMENT, "no output 'score'"),
                infer("timeout of the wrong type", good.toBuilder().putParameters("timeout", InferParameter
                        .newBuilder().setStringParam("soon").build()).build(), Status.Code.INVALID_ARGUMENT,
                        "microseconds"),
                infer("invalid UTF-8 in BYTES", ModelInferRequest.newBuilder().setModelName("colors")
                        .addInputs(Grpc.fp32("x", 1f)).addInputs(tensor("color", "BYTES", one, InferTensorContents
                                .newBuilder().addBytesContents(ByteString.copyFrom(new byte[] {(byte) 0xFF}))
                                .build())).build(), Status.Code.INVALID_ARGUMENT, "not valid UTF-8"),
                infer("oversized message", logreg(tensor("x1", "FP32", new long[] {20_000, 1},
                        fp32(new float[20_000]))).build(), Status.Code.RESOURCE_EXHAUSTED, ""),
                new Rpc("metadata of an unknown model", () -> grpc.stub.modelMetadata(ModelMetadataRequest
                        .newBuilder().setName("nope").build()), Status.Code.NOT_FOUND, "no model 'nope'"),
                new Rpc("readiness of an unknown model", () -> grpc.stub.modelReady(ModelReadyRequest.newBuilder()
                        .setName("nope").build()), Status.Code.NOT_FOUND, "no model 'nope'"));
    }

    @TestFactory
    Stream<DynamicTest> grpc_badRequest_getsItsStatusCodeAndSaysWhy() {
        return grpcCases().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, c.call::get, c.name);
            assertEquals(c.code, e.getStatus().getCode(), c.name + ": " + e.getStatus());
            String message = String.valueOf(e.getStatus().getDescription());
            assertTrue(message.contains(c.fragment), c.name + ": '" + message + "' should say '" + c.fragment + "'");
            com.google.rpc.Status rich = io.grpc.protobuf.StatusProto.fromThrowable(e);
            if (rich != null) {
                assertEquals(c.code.value(), rich.getCode(), "the google.rpc.Status agrees");
            }
        }));
    }

    @Test
    void corpus_isLargeEnough() {
        assertTrue(restCases().size() + grpcCases().size() >= 40, "at least 40 bad requests");
    }

    @Test
    void slowClient_isCutOffAtTheIdleTimeout_andOthersAreStillServed() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), endpoint.httpPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v2/models/logreg/infer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"inputs\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(200, http.post("v2/models/logreg/infer", Http.logregRequest("during", new float[] {1},
                    new float[] {2})).status(), "other clients are served while one stalls");
            InputStream in = s.getInputStream();
            byte[] answer = in.readAllBytes(); // returns once the server gives up on the stalled body
            String text = new String(answer, StandardCharsets.US_ASCII);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 4"), "cut off without a 5xx: " + text);
        }
    }

    @Test
    void afterTheCorpus_noFiveHundreds_andAGoodRequestIsAnsweredCorrectly() {
        rest_badRequest_getsItsFourHundredAndSaysWhy().forEach(t -> {
            try {
                t.getExecutable().execute();
            } catch (Throwable e) {
                throw new AssertionError(t.getDisplayName(), e);
            }
        });
        synchronized (STATUSES) {
            assertTrue(STATUSES.stream().allMatch(s -> s >= 400 && s < 500), "only 4xx: " + STATUSES);
        }
        Http.Reply r = http.post("v2/models/logreg/infer", Http.logregRequest("after", new float[] {0.5f},
                new float[] {0.25f}));
        assertEquals(200, r.status());
        assertEquals(Models.pGood(0.5, 0.25), r.json().get("outputs").get(1).get("data").get(1).doubleValue(), 1e-6);
        assertTrue(grpc.stub.modelInfer(Grpc.logreg("after", new float[] {1}, new float[] {2})).getOutputsCount() == 2);
        assertTrue(!endpoint.metrics().contains("reason=\"internal\""), "no internal failures counted");
    }
}
