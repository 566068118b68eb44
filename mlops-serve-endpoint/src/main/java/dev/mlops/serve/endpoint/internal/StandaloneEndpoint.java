package dev.mlops.serve.endpoint.internal;

import dev.mlops.serve.endpoint.EndpointConfig;
import dev.mlops.serve.endpoint.ModelEndpoint;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManagerFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone endpoint: the {@link V2Servlet} in an embedded Jetty and the {@link V2GrpcService} in a grpc-java
 * Netty server, both over one {@link V2Handler} (docs/decisions/090).
 */
public final class StandaloneEndpoint implements ModelEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneEndpoint.class);

    private final V2Handler handler;
    private final org.eclipse.jetty.server.Server jetty;
    private final Server grpc;
    private final int httpPort;
    private final int grpcPort;
    private final boolean tls;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Starts listening as the handler's settings say. */
    public StandaloneEndpoint(V2Handler handler, BearerTokens tokens, KeyStore keyStore, char[] password) {
        this.handler = handler;
        this.tls = keyStore != null;
        EndpointConfig config = handler.config();
        org.eclipse.jetty.server.Server http = null;
        Server rpc = null;
        try {
            if (config.httpPort() >= 0) {
                requireServlet6(StandaloneEndpoint.class.getClassLoader());
                http = jetty(handler, tokens, keyStore, password);
                http.start();
            }
            if (config.grpcPort() >= 0) {
                rpc = grpc(handler, tokens, keyStore, password).start();
            }
        } catch (Exception e) {
            stopQuietly(http, rpc);
            handler.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot start the endpoint on " + config.host() + " (http port "
                        + config.httpPort() + ", grpc port " + config.grpcPort() + "): " + e.getMessage()
                        + "; pick other ports or 0 for free ones", io);
            }
            throw new IllegalStateException("Cannot start the endpoint: " + e.getMessage(), e);
        }
        this.jetty = http;
        this.grpc = rpc;
        this.httpPort = http == null ? -1 : ((ServerConnector) http.getConnectors()[0]).getLocalPort();
        this.grpcPort = rpc == null ? -1 : rpc.getPort();
        LOG.info("Serving {} over the Open Inference Protocol: REST {} gRPC {}", handler.modelNames(),
                http == null ? "off" : httpUri(), rpc == null ? "off" : grpcTarget());
    }

    /**
     * Jetty 12's servlet layer implements Servlet 6. An older API jar that wins on the class path (Apache Spark 4
     * brings jakarta.servlet-api 5.0.0) lets the server start and then fails every request with a
     * {@code NoClassDefFoundError}; this says so before the endpoint listens.
     */
    static void requireServlet6(ClassLoader loader) {
        try {
            Class.forName("jakarta.servlet.ServletConnection", false, loader);
        } catch (ClassNotFoundException e) {
            String where;
            try {
                java.security.CodeSource source = Class.forName("jakarta.servlet.Servlet", false, loader)
                        .getProtectionDomain().getCodeSource();
                where = "an older one" + (source == null ? "" : ", from " + source.getLocation());
            } catch (ClassNotFoundException none) {
                where = "none";
            }
            throw new IllegalStateException("The REST endpoint runs on Jetty 12, which needs the Jakarta Servlet 6 "
                    + "API (jakarta.servlet:jakarta.servlet-api:6.0.0 or later), but the class path holds " + where
                    + ". Apache Spark 4 brings 5.0.0: declare jakarta.servlet-api 6.0.0 in your build, or turn REST "
                    + "off (EndpointConfig httpPort -1) and serve over gRPC");
        }
    }

    private static org.eclipse.jetty.server.Server jetty(V2Handler handler, BearerTokens tokens, KeyStore keyStore,
                                                          char[] password) {
        EndpointConfig config = handler.config();
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, config.maxConcurrentRequests() + 8), 4);
        pool.setName("mlops-endpoint-http");
        pool.setDaemon(true);
        org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendDateHeader(false);
        ServerConnector connector;
        if (keyStore != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keyStore);
            ssl.setKeyStorePassword(new String(password));
            connector = new ServerConnector(server, ssl, new HttpConnectionFactory(hc));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(hc));
        }
        connector.setHost(config.host());
        connector.setPort(config.httpPort());
        connector.setIdleTimeout(config.idleTimeoutMillis());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new V2Servlet(handler, tokens)), "/*");
        server.setHandler(context);
        server.setErrorHandler(new JsonErrors());
        server.setStopTimeout(config.drainTimeoutMillis());
        return server;
    }

    /** Jetty's own refusals (a malformed request line, headers too large) in the same {@code {"error"}} form. */
    private static final class JsonErrors extends ErrorHandler {
        JsonErrors() {
            setShowStacks(false);
            setShowMessageInTitle(false);
            setDefaultResponseMimeType("application/json");
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                     String contentType, List<Charset> charsets, int code,
                                                     String message, Throwable cause) throws IOException {
            return super.generateAcceptableResponse(request, response, callback, "application/json", charsets, code,
                    message, cause);
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message,
                                      Throwable cause) {
            writer.write(new String(RestCodec.error("HTTP " + code + ": " + (message == null ? "bad request"
                    : message)), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static Server grpc(V2Handler handler, BearerTokens tokens, KeyStore keyStore, char[] password)
            throws GeneralSecurityException {
        EndpointConfig config = handler.config();
        InetSocketAddress address = new InetSocketAddress(config.host(), config.grpcPort());
        NettyServerBuilder b;
        if (keyStore != null) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            ServerCredentials creds = TlsServerCredentials.newBuilder().keyManager(kmf.getKeyManagers()).build();
            b = NettyServerBuilder.forAddress(address, creds);
        } else {
            b = NettyServerBuilder.forAddress(address);
        }
        V2GrpcService service = new V2GrpcService(handler);
        return b.addService(ServerInterceptors.intercept(service, new GrpcAuth(tokens, config.openHealth())))
                .maxInboundMessageSize((int) config.maxRequestBytes())
                .maxConnectionIdle(config.idleTimeoutMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public int grpcPort() {
        return grpcPort;
    }

    @Override
    public URI httpUri() {
        if (httpPort < 0) {
            throw new IllegalStateException("REST is off for this endpoint (httpPort -1)");
        }
        return URI.create((tls ? "https" : "http") + "://" + hostForUri() + ":" + httpPort + "/");
    }

    private String hostForUri() {
        String h = handler.config().host();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    @Override
    public String grpcTarget() {
        if (grpcPort < 0) {
            throw new IllegalStateException("gRPC is off for this endpoint (grpcPort -1)");
        }
        return hostForUri() + ":" + grpcPort;
    }

    @Override
    public String metrics() {
        return handler.metrics().scrape();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        handler.beginClose();
        boolean drained = handler.awaitIdle(handler.config().drainTimeoutMillis());
        if (!drained) {
            LOG.warn("Closing the endpoint with requests still in flight after {} ms",
                    handler.config().drainTimeoutMillis());
        }
        stopQuietly(jetty, grpc);
        handler.close();
    }

    private static void stopQuietly(org.eclipse.jetty.server.Server http, Server rpc) {
        if (rpc != null) {
            rpc.shutdown();
            try {
                if (!rpc.awaitTermination(5, TimeUnit.SECONDS)) {
                    rpc.shutdownNow();
                }
            } catch (InterruptedException e) {
                rpc.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (http != null) {
            try {
                http.stop();
            } catch (Exception e) {
                LOG.warn("Jetty did not stop cleanly: {}", e.toString());
            }
        }
    }
}
