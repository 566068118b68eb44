package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.serve.ModelServer;
import inference.OpenInferenceGrpc.ModelInferResponse;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
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
}
