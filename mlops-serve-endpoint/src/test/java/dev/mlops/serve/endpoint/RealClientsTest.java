package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.serve.ModelServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients written by others: curl for REST and Debian's python3-grpcio (with the vendored proto) for gRPC. Where a
 * client is missing the test skips and says how to install it; under {@code CI=true} (where {@code .ci/run} installs
 * them) a missing client fails.
 */
class RealClientsTest {
    private static ModelServer logreg;
    private static ModelEndpoint endpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        logreg = Models.logreg();
        endpoint = ModelEndpoint.newBuilder().model("logreg", logreg).build();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        logreg.close();
    }

    private record Run(int exit, String out) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void require(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(what + " is missing under CI; .ci/run installs it");
        }
        Assumptions.assumeTrue(present, what + " is not installed here; apt-get install -y curl python3-grpcio "
                + "python3-grpc-tools to run this test");
    }

    @Test
    void curl_infersHealthAndMetadata_exactlyAsTheReadmeShows() throws Exception {
        require(Files.isExecutable(Path.of("/usr/bin/curl")), "curl");
        String url = endpoint.httpUri().resolve("v2/models/logreg/infer").toString();
        String body = "{\"id\":\"curl-1\",\"inputs\":[{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],"
                + "\"data\":[0.5]},{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[-0.25]}]}";
        Run r = run(List.of("/usr/bin/curl", "-sS", "--max-time", "30", "-H", "Content-Type: application/json",
                "-d", body, url));
        assertEquals(0, r.exit(), r.out());
        JsonNode json = Http.JSON.readTree(r.out());
        assertEquals("curl-1", json.get("id").asText());
        assertEquals(Models.pGood(0.5, -0.25), json.get("outputs").get(1).get("data").get(1).doubleValue(), 1e-6);

        Run ready = run(List.of("/usr/bin/curl", "-sS", "--max-time", "30", "-o", "/dev/null", "-w",
                "%{http_code}", endpoint.httpUri().resolve("v2/health/ready").toString()));
        assertEquals("200", ready.out());
        Run bad = run(List.of("/usr/bin/curl", "-sS", "--max-time", "30", "-w", " %{http_code}", "-d", "{}", url));
        assertTrue(bad.out().endsWith(" 415"), "curl's default form content type is refused: " + bad.out());
    }

    @Test
    void pythonGrpcio_withTheVendoredProto_getsTheSameAnswersAsJava() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean present = Files.isExecutable(python) && run(List.of(python.toString(), "-c",
                "import grpc, grpc_tools")).exit() == 0;
        require(present, "python3-grpcio and python3-grpc-tools");
        List<String> command = new ArrayList<>(List.of(python.toString(), "src/test/python/grpc_client.py",
                "src/main/proto", dir.toString(), endpoint.grpcTarget()));
        Run r = run(command);
        assertEquals(0, r.exit(), r.out());
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        JsonNode json = Http.JSON.readTree(last);
        assertTrue(json.get("live").booleanValue());
        assertEquals("onnx_onnxv1", json.get("platform").asText());
        assertEquals("py-1", json.get("typed_id").asText());
        float[] java;
        try (Grpc g = new Grpc(endpoint.grpcTarget())) {
            java = Grpc.floats(g.stub.modelInfer(Grpc.logregRaw("j", new float[] {0.5f}, new float[] {-0.25f}))
                    .getRawOutputContents(1));
        }
        for (String field : List.of("typed_probabilities", "raw_probabilities")) {
            for (int i = 0; i < 2; i++) {
                assertEquals(java[i], (float) json.get(field).get(i).doubleValue(), field);
            }
        }
        assertEquals(json.get("typed_label").get(0).longValue(), json.get("raw_label").get(0).longValue());
        assertEquals("NOT_FOUND", json.get("error").get(0).asText());
        assertTrue(json.get("error").get(1).asText().contains("no model 'nope'"));
    }
}
