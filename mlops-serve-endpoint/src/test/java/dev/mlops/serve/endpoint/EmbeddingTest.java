package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import inference.GRPCInferenceServiceGrpc;
import inference.OpenInferenceGrpc.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The servlet and the gRPC service mounted the way a host service mounts them, in its own servers. */
class EmbeddingTest {

    @Test
    void servlet_mountedOnAPathOfTheHostsJetty_servesTheProtocolBelowIt() throws Exception {
        try (ModelServer logreg = Models.logreg()) {
            org.eclipse.jetty.server.Server host = new org.eclipse.jetty.server.Server();
            ServerConnector connector = new ServerConnector(host);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            host.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/app");
            context.addServlet(new ServletHolder(ModelEndpoint.newBuilder().model("logreg", logreg).servlet()),
                    "/inference/*");
            host.setHandler(context);
            host.start();
            try {
                Http http = new Http(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/inference/"));
                assertEquals(200, http.get("v2/health/ready").status());
                assertEquals("onnx_onnxv1", http.get("v2/models/logreg").json().get("platform").asText());
                Http.Reply r = http.post("v2/models/logreg/infer", Http.logregRequest("host-1", new float[] {0.5f},
                        new float[] {-0.5f}));
                assertEquals(200, r.status(), r.text());
                assertEquals("host-1", r.json().get("id").asText());
                assertEquals(Models.pGood(0.5, -0.5), r.json().get("outputs").get(1).get("data").get(1)
                        .doubleValue(), 1e-6);
                assertEquals(404, http.get("v2/models/other").status());
            } finally {
                host.stop();
            }
        }
    }

    @Test
    void grpcService_addedToTheHostsServer_answersLikeTheStandaloneOne() throws Exception {
        try (ModelServer logreg = Models.logreg();
             ModelEndpoint standalone = ModelEndpoint.newBuilder().model("logreg", logreg).build()) {
            Server host = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ModelEndpoint.newBuilder().model("logreg", logreg).grpcService()).build().start();
            try (Grpc embedded = new Grpc("127.0.0.1:" + host.getPort());
                 Grpc own = new Grpc(standalone.grpcTarget())) {
                float[] x1 = {0.1f, 2f, -3f};
                float[] x2 = {1f, 0.5f, 0.25f};
                ModelInferResponse a = embedded.stub.modelInfer(Grpc.logregRaw("e", x1, x2));
                ModelInferResponse b = own.stub.modelInfer(Grpc.logregRaw("e", x1, x2));
                assertArrayEquals(Grpc.floats(b.getRawOutputContents(1)), Grpc.floats(a.getRawOutputContents(1)));
                assertArrayEquals(Grpc.longs(b.getRawOutputContents(0)), Grpc.longs(a.getRawOutputContents(0)));
            } finally {
                host.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void grpcService_onAHostsDirectExecutor_queuesManyRequestsForOneBatch_withoutAThreadEach() throws Exception {
        java.util.concurrent.ConcurrentLinkedQueue<Runnable> batchTasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ServerConfig batching = ServerConfig.newBuilder().batching(64, java.time.Duration.ZERO).build();
        try (ModelServer logreg = ModelServer.newBuilder().config(batching).executor(batchTasks::add)
                .artifact(ModelArtifact.newBuilder().model(Models.bytes("logreg")).signature(Models.logregSignature())
                        .build()).build()) {
            String name = "embedded-" + System.nanoTime();
            // Every call runs on the thread that makes it: a blocking handler would hold this thread at the first.
            Server host = InProcessServerBuilder.forName(name).directExecutor()
                    .addService(ModelEndpoint.newBuilder().model("logreg", logreg).grpcService()).build().start();
            ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
            try {
                GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub stub =
                        GRPCInferenceServiceGrpc.newFutureStub(channel);
                List<ListenableFuture<ModelInferResponse>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(stub.modelInfer(Grpc.logreg("call-" + i, new float[] {i}, new float[] {0.5f})));
                }
                assertTrue(calls.stream().noneMatch(java.util.concurrent.Future::isDone), "all eight are queued");
                for (Runnable r; (r = batchTasks.poll()) != null; ) {
                    r.run();
                }
                assertEquals(1, logreg.stats().batches(), "one batch for the eight calls");
                for (int i = 0; i < 8; i++) {
                    ModelInferResponse r = calls.get(i).get(30, TimeUnit.SECONDS);
                    assertEquals("call-" + i, r.getId());
                    assertEquals(Models.pGood(i, 0.5), r.getOutputs(1).getContents().getFp32Contents(1), 1e-6);
                }
            } finally {
                channel.shutdownNow();
                host.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }
}
