package dev.mlops.serve.endpoint;

import dev.mlops.serve.ModelServer;
import dev.mlops.serve.endpoint.internal.BearerTokens;
import dev.mlops.serve.endpoint.internal.EndpointMetrics;
import dev.mlops.serve.endpoint.internal.GrpcAuth;
import dev.mlops.serve.endpoint.internal.PemKeys;
import dev.mlops.serve.endpoint.internal.StandaloneEndpoint;
import dev.mlops.serve.endpoint.internal.V2GrpcService;
import dev.mlops.serve.endpoint.internal.V2Handler;
import dev.mlops.serve.endpoint.internal.V2Servlet;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One or more {@link ModelServer}s on the network, speaking the Open Inference Protocol (KServe V2): REST (JSON and
 * the binary tensor extension) and gRPC ({@code inference.GRPCInferenceService}), routed by model name.
 *
 * <p>Standalone, {@link Builder#build()} starts Jetty and a grpc-java server on loopback; port 0 picks a free port
 * and {@link #httpPort()} / {@link #grpcPort()} report it. Embedded, {@link Builder#servlet()} gives a Jakarta
 * Servlet to mount in the host's container and {@link Builder#grpcService()} a service for the host's gRPC server.
 * All three go through one handler, so a request gets the same answer whichever way it comes.
 *
 * <p>Thread-safe. {@link #close()} refuses new requests (503 / UNAVAILABLE), waits for those in flight, then stops
 * listening; it does not close the model servers, which belong to the caller.
 *
 * <pre>{@code
 * try (ModelServer credit = ModelServer.load(repository, "credit@production");
 *      ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("credit", credit).build()) {
 *     System.out.println(endpoint.httpUri().resolve("/v2/models/credit/infer"));
 * }
 * }</pre>
 */
public interface ModelEndpoint extends AutoCloseable {

    /** A builder; add models with {@link Builder#model}. */
    static Builder newBuilder() {
        return new Builder();
    }

    /** The REST port, or -1 when REST is off. */
    int httpPort();

    /** The gRPC port, or -1 when gRPC is off. */
    int grpcPort();

    /** The REST base URI, e.g. {@code http://127.0.0.1:43117/} ({@code https} with TLS). */
    URI httpUri();

    /** The gRPC target, e.g. {@code 127.0.0.1:43118}. */
    String grpcTarget();

    /** The meters in the Prometheus text format (as {@code GET /metrics} gives them). */
    String metrics();

    /** Refuses new requests, waits up to the drain timeout for those in flight, then stops; idempotent. */
    @Override
    void close();

    /** Builds a {@link ModelEndpoint}, a servlet or a gRPC service over named model servers. Not thread-safe. */
    final class Builder {
        private final Map<String, ModelServer> models = new LinkedHashMap<>();
        private EndpointConfig config = EndpointConfig.defaults();
        private final Set<String> tokens = new LinkedHashSet<>();
        private KeyStore keyStore;
        private char[] keyPassword;

        private Builder() {
        }

        /** Serves a model server under a name (the {@code {name}} of {@code /v2/models/{name}}). */
        public Builder model(String name, ModelServer server) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(server, "server");
            if (name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("A model name must be non-blank and have no '/', got '" + name
                        + "'");
            }
            if (models.putIfAbsent(name, server) != null) {
                throw new IllegalArgumentException("Model '" + name + "' is added twice; give each server its own "
                        + "name");
            }
            return this;
        }

        /** Serves a model server under the name it reports ({@code ServerInfo.model()}). */
        public Builder model(ModelServer server) {
            return model(server.info().model(), server);
        }

        /** The settings. */
        public Builder config(EndpointConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Requires one of these bearer tokens on every call (health routes stay open unless
         * {@link EndpointConfig#openHealth()} is off). Tokens are compared in constant time.
         */
        public Builder bearerTokens(Set<String> accepted) {
            tokens.addAll(Objects.requireNonNull(accepted, "accepted"));
            return this;
        }

        /** Serves REST and gRPC over TLS with the first key and its certificate chain in a key store. */
        public Builder tls(KeyStore keys, char[] password) {
            this.keyStore = Objects.requireNonNull(keys, "keys");
            this.keyPassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Serves REST and gRPC over TLS with the key in a PKCS#12 file. */
        public Builder tls(Path pkcs12, char[] password) {
            try (InputStream in = Files.newInputStream(pkcs12)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                return tls(ks, password);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the PKCS#12 key store " + pkcs12 + ": " + e.getMessage()
                        + "; check the path and the password", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("Cannot load the PKCS#12 key store " + pkcs12 + ": "
                        + e.getMessage(), e);
            }
        }

        /**
         * Serves REST and gRPC over TLS with a PEM certificate chain (server certificate first) and its unencrypted
         * PKCS#8 PEM private key.
         */
        public Builder tls(Path certificateChainPem, Path privateKeyPem) {
            char[] password = java.util.UUID.randomUUID().toString().toCharArray();
            return tls(PemKeys.keyStore(certificateChainPem, privateKeyPem, password), password);
        }

        private V2Handler handler() {
            return new V2Handler(models, config, new EndpointMetrics(models));
        }

        /**
         * Starts serving: REST on Jetty and gRPC on grpc-java (Netty), as the settings say.
         *
         * @throws UncheckedIOException when a port cannot be bound
         */
        public ModelEndpoint build() {
            return new StandaloneEndpoint(handler(), new BearerTokens(tokens), keyStore, keyPassword);
        }

        /** The REST routes as a Jakarta Servlet for a host's container; mount it on {@code /*} or a prefix. */
        public HttpServlet servlet() {
            return new V2Servlet(handler(), new BearerTokens(tokens));
        }

        /** {@code inference.GRPCInferenceService} for a host's gRPC server, with the token check when tokens are set. */
        public BindableService grpcService() {
            V2GrpcService service = new V2GrpcService(handler());
            BearerTokens accepted = new BearerTokens(tokens);
            if (!accepted.required()) {
                return service;
            }
            ServerServiceDefinition intercepted = ServerInterceptors.intercept(service,
                    new GrpcAuth(accepted, config.openHealth()));
            return () -> intercepted;
        }
    }
}
