package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import inference.OpenInferenceGrpc.ServerLiveRequest;
import inference.OpenInferenceGrpc.ServerMetadataRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, TLS, timeouts, admission limits and draining, by both transports. */
class SafetyTest {
    private static final String ONE = Http.logregRequest("s", new float[] {1}, new float[] {2});

    @TempDir
    Path dir;

    @Test
    void bearerTokens_requiredExceptOnHealth_by_rest_and_grpc() {
        try (ModelServer logreg = Models.logreg();
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", logreg)
                     .bearerTokens(Set.of("s3cret", "other-token")).build()) {
            Http http = new Http(endpoint.httpUri());
            Http.Reply none = http.post("v2/models/logreg/infer", ONE);
            assertEquals(401, none.status());
            assertEquals("Bearer", none.header("WWW-Authenticate"));
            assertTrue(none.error().contains("Authorization: Bearer"), none.error());
            assertEquals(401, http.post("v2/models/logreg/infer", ONE, "Authorization", "Bearer s3cre").status());
            assertEquals(401, http.get("v2/models/logreg", "Authorization", "Basic czNjcmV0").status());
            assertEquals(401, http.get("metrics").status());
            assertEquals(200, http.post("v2/models/logreg/infer", ONE, "Authorization", "Bearer s3cret").status());
            assertEquals(200, http.get("v2", "Authorization", "Bearer other-token").status());
            assertEquals(200, http.get("v2/health/ready").status(), "health stays open for probes");

            try (Grpc g = new Grpc(endpoint.grpcTarget())) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> g.stub.serverMetadata(ServerMetadataRequest.getDefaultInstance()));
                assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
                assertTrue(g.stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
                Metadata auth = new Metadata();
                auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer s3cret");
                assertEquals(2, g.stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
                        .modelInfer(Grpc.logreg("a", new float[] {1}, new float[] {2})).getOutputsCount());
            }
        }
    }

    @Test
    void tls_servesBothTransports_withASelfSignedKey_fromPkcs12OrPem() throws Exception {
        Path store = dir.resolve("endpoint.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "endpoint", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String log = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, log);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        Certificate cert = keys.getCertificate("endpoint");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("endpoint", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);

        Path certPem = dir.resolve("cert.pem");
        Path keyPem = dir.resolve("key.pem");
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(certPem, "-----BEGIN CERTIFICATE-----\n" + pem.encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(keys.getKey("endpoint",
                password).getEncoded()) + "\n-----END PRIVATE KEY-----\n");

        for (boolean fromPem : new boolean[] {false, true}) {
            try (ModelServer logreg = Models.logreg();
                 ModelEndpoint endpoint = (fromPem ? ModelEndpoint.newBuilder().tls(certPem, keyPem)
                         : ModelEndpoint.newBuilder().tls(store, password)).model("logreg", logreg).build()) {
                assertEquals("https", endpoint.httpUri().getScheme());
                Http https = new Http(endpoint.httpUri(), HttpClient.newBuilder().sslContext(ssl).build());
                assertEquals(200, https.post("v2/models/logreg/infer", ONE).status(), "pem " + fromPem);
                ManagedChannel channel = NettyChannelBuilder.forTarget(endpoint.grpcTarget(),
                        TlsChannelCredentials.newBuilder().trustManager(tmf.getTrustManagers()).build()).build();
                try (Grpc g = new Grpc(channel)) {
                    assertEquals(2, g.stub.modelInfer(Grpc.logreg("tls", new float[] {1}, new float[] {2}))
                            .getOutputsCount());
                }
                try (Grpc plain = new Grpc(endpoint.grpcTarget())) {
                    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                            () -> plain.stub.serverLive(ServerLiveRequest.getDefaultInstance()), "no plaintext");
                    assertEquals(io.grpc.Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getMessage());
                }
            }
        }
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ModelEndpoint.newBuilder().tls(certPem, certPem),
                "a certificate is not a key");
        assertTrue(e2.getMessage().contains("No unencrypted PKCS#8 key")
                && e2.getMessage().contains("cert.pem")
                && e2.getMessage().contains("openssl pkcs8 -topk8"), e2.getMessage());
    }

    @Test
    void timeout_answers504AndDeadlineExceeded_whileTheModelIsStuck() {
        Models.Gate gate = new Models.Gate(Models.logreg(), 1);
        try (gate; ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", gate)
                .config(EndpointConfig.newBuilder().requestTimeout(Duration.ofMillis(200)).build()).build()) {
            Http http = new Http(endpoint.httpUri());
            Http.Reply r = http.post("v2/models/logreg/infer", ONE);
            assertEquals(504, r.status(), r.text());
            assertTrue(r.error().contains("did not finish within its timeout of 200.0 ms"), r.error());
            String ownTimeout = "{\"parameters\":{\"timeout\":50000}," + ONE.substring(1);
            Http.Reply own = http.post("v2/models/logreg/infer", ownTimeout);
            assertEquals(504, own.status(), own.text());
            assertTrue(own.error().contains("50.0 ms"), "the request's own timeout is shorter: " + own.error());
            try (Grpc g = new Grpc(endpoint.grpcTarget())) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> g.stub.modelInfer(Grpc.logreg("t", new float[] {1}, new float[] {2})));
                assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            }
            gate.release();
            assertEquals(200, http.post("v2/models/logreg/infer", ONE).status());
        }
    }

    @Test
    void admission_fullEndpointAnswers429WithRetryAfter_andResourceExhausted() throws Exception {
        Models.Gate gate = new Models.Gate(Models.logreg(), 1);
        try (gate; ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", gate)
                .config(EndpointConfig.newBuilder().maxConcurrentRequests(1).build()).build()) {
            Http http = new Http(endpoint.httpUri());
            CompletableFuture<Http.Reply> held = CompletableFuture.supplyAsync(
                    () -> http.post("v2/models/logreg/infer", ONE));
            gate.awaitEntered();
            Http.Reply refused = http.post("v2/models/logreg/infer", ONE);
            assertEquals(429, refused.status(), refused.text());
            assertEquals("1", refused.header("Retry-After"));
            try (Grpc g = new Grpc(endpoint.grpcTarget())) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> g.stub.modelInfer(Grpc.logreg("t", new float[] {1}, new float[] {2})));
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            }
            gate.release();
            assertEquals(200, held.get(30, TimeUnit.SECONDS).status());
            assertEquals(200, http.post("v2/models/logreg/infer", ONE).status());
            assertTrue(endpoint.metrics().contains("reason=\"overloaded\""), endpoint.metrics());
        }
    }

    @Test
    void fullBatchingQueue_answers429AtOnce_insteadOfQueueingWithoutBound() throws Exception {
        BlockingQueue<Runnable> batchLoop = new LinkedBlockingQueue<>();
        CountDownLatch queued = new CountDownLatch(1);
        ServerConfig batching = ServerConfig.newBuilder().batching(8, Duration.ofMillis(1)).queueCapacity(1).build();
        try (ModelServer logreg = ModelServer.newBuilder().config(batching).executor(task -> {
                    batchLoop.add(task); // the batch loop runs only when the test says so
                    queued.countDown();
                }).artifact(dev.mlops.api.model.ModelArtifact.newBuilder().model(Models.bytes("logreg"))
                        .signature(Models.logregSignature()).build()).build();
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", logreg).build()) {
            Http http = new Http(endpoint.httpUri());
            CompletableFuture<Http.Reply> waiting = CompletableFuture.supplyAsync(
                    () -> http.post("v2/models/logreg/infer", ONE));
            assertTrue(queued.await(30, TimeUnit.SECONDS), "the first request reached the queue");
            Http.Reply full = http.post("v2/models/logreg/infer", ONE);
            assertEquals(429, full.status(), full.text());
            assertEquals("1", full.header("Retry-After"));
            assertTrue(full.error().contains("QUEUE_FULL"), full.error());
            try (Grpc g = new Grpc(endpoint.grpcTarget())) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> g.stub.modelInfer(Grpc.logreg("q", new float[] {1}, new float[] {2})));
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            }
            batchLoop.take().run();
            assertEquals(200, waiting.get(30, TimeUnit.SECONDS).status(), "the queued request is answered");
        }
    }

    @Test
    void close_drainsInFlightRequests_andAnswers503Meanwhile() throws Exception {
        Models.Gate gate = new Models.Gate(Models.logreg(), 1);
        try (gate) {
            ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", gate).build();
            Http http = new Http(endpoint.httpUri());
            CompletableFuture<Http.Reply> held = CompletableFuture.supplyAsync(
                    () -> http.post("v2/models/logreg/infer", ONE));
            gate.awaitEntered();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(endpoint::close);
            int polls = 0;
            while (http.get("v2/health/ready").status() == 200 && polls++ < 10_000) {
                Thread.onSpinWait();
            }
            Http.Reply refused = http.post("v2/models/logreg/infer", ONE);
            assertEquals(503, refused.status(), refused.text());
            assertEquals("1", refused.header("Retry-After"));
            try (Grpc g = new Grpc(endpoint.grpcTarget())) {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> g.stub.modelInfer(Grpc.logreg("t", new float[] {1}, new float[] {2})));
                assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            }
            gate.release();
            assertEquals(200, held.get(30, TimeUnit.SECONDS).status(), "the request in flight finished");
            closing.get(30, TimeUnit.SECONDS);
            endpoint.close(); // idempotent
        }
    }

    @Test
    void ports_zeroPicksFreeOnes_minusOneTurnsATransportOff() {
        try (ModelServer logreg = Models.logreg();
             ModelEndpoint restOnly = ModelEndpoint.newBuilder().model(logreg)
                     .config(EndpointConfig.newBuilder().grpcPort(-1).build()).build()) {
            assertTrue(restOnly.httpPort() > 0);
            assertEquals(-1, restOnly.grpcPort());
            assertEquals("127.0.0.1", restOnly.httpUri().getHost());
            IllegalStateException e = assertThrows(IllegalStateException.class, restOnly::grpcTarget);
            assertTrue(e.getMessage().contains("gRPC is off")
                    && e.getMessage().contains("grpcPort -1"), e.getMessage());
            assertEquals(200, new Http(restOnly.httpUri()).get("v2/models/" + logreg.info().model()).status(),
                    "named by the server's own model name");
        }
    }

}
