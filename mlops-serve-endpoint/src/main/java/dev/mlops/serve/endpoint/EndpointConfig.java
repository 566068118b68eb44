package dev.mlops.serve.endpoint;

import dev.mlops.api.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a {@link ModelEndpoint}: where it listens and the limits that keep it safe under load and bad
 * input. Secrets (bearer tokens, TLS keys) are not settings: they go to the {@link ModelEndpoint.Builder}, so this
 * value can be logged and recorded with a run.
 *
 * <p>Immutable; built with {@link #newBuilder()}, checked as a whole, copied with {@link #toBuilder()}, serialized
 * with {@link #toJson()} / {@link #fromJson(String)}.
 *
 * @param host the address to bind ({@code 127.0.0.1} unless told otherwise)
 * @param httpPort the REST port ({@code 0}: a free one, {@code -1}: no REST)
 * @param grpcPort the gRPC port ({@code 0}: a free one, {@code -1}: no gRPC)
 * @param maxRequestBytes the largest request body or gRPC message; larger ones get 413 / RESOURCE_EXHAUSTED
 * @param maxTensorElements the most elements in one tensor; more get 413 / RESOURCE_EXHAUSTED
 * @param requestTimeoutMillis how long a request may run before 504 / DEADLINE_EXCEEDED ({@code 0}: no limit;
 *     a request's own {@code timeout} parameter or gRPC deadline can only shorten it)
 * @param maxConcurrentRequests the most inference requests in flight; more get 429 / RESOURCE_EXHAUSTED at once
 * @param drainTimeoutMillis how long {@code close()} waits for requests in flight
 * @param idleTimeoutMillis how long a connection may stay silent, also in the middle of a request (slow clients)
 * @param openHealth whether the health routes answer without a token
 */
public record EndpointConfig(String host, int httpPort, int grpcPort, long maxRequestBytes, long maxTensorElements,
                             long requestTimeoutMillis, int maxConcurrentRequests, long drainTimeoutMillis,
                             long idleTimeoutMillis, boolean openHealth) {

    /** Checks every setting and reports all problems at once. */
    public EndpointConfig {
        Objects.requireNonNull(host, "host");
        List<String> problems = new ArrayList<>();
        if (host.isBlank()) {
            problems.add("host must not be blank (127.0.0.1 serves this machine only)");
        }
        if (httpPort < -1 || httpPort > 65535 || grpcPort < -1 || grpcPort > 65535) {
            problems.add("ports must be -1 (off), 0 (any free port) or 1-65535, got http " + httpPort + ", grpc "
                    + grpcPort);
        }
        if (httpPort == -1 && grpcPort == -1) {
            problems.add("at least one of REST and gRPC must be on");
        }
        if (maxRequestBytes < 1 || maxRequestBytes > Integer.MAX_VALUE) {
            problems.add("maxRequestBytes must be between 1 and " + Integer.MAX_VALUE + ", got " + maxRequestBytes);
        }
        if (maxTensorElements < 1) {
            problems.add("maxTensorElements must be at least 1, got " + maxTensorElements);
        }
        if (requestTimeoutMillis < 0) {
            problems.add("requestTimeout must be 0 (none) or positive, got " + requestTimeoutMillis + " ms");
        }
        if (maxConcurrentRequests < 1) {
            problems.add("maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
        }
        if (drainTimeoutMillis < 0 || idleTimeoutMillis < 1) {
            problems.add("drainTimeout must not be negative and idleTimeout must be positive, got "
                    + drainTimeoutMillis + " ms and " + idleTimeoutMillis + " ms");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid endpoint settings: " + String.join("; ", problems));
        }
    }

    /** The defaults: loopback, free ports for REST and gRPC, 16 MiB requests, no timeout, 256 requests in flight. */
    public static EndpointConfig defaults() {
        return newBuilder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.httpPort = httpPort;
        b.grpcPort = grpcPort;
        b.maxRequestBytes = maxRequestBytes;
        b.maxTensorElements = maxTensorElements;
        b.requestTimeoutMillis = requestTimeoutMillis;
        b.maxConcurrentRequests = maxConcurrentRequests;
        b.drainTimeoutMillis = drainTimeoutMillis;
        b.idleTimeoutMillis = idleTimeoutMillis;
        b.openHealth = openHealth;
        return b;
    }

    /** These settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads settings written by {@link #toJson()}. */
    public static EndpointConfig fromJson(String json) {
        return Json.read(json, EndpointConfig.class);
    }

    /** Builds an {@link EndpointConfig}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int httpPort = 0;
        private int grpcPort = 0;
        private long maxRequestBytes = 16L << 20;
        private long maxTensorElements = 1L << 22;
        private long requestTimeoutMillis = 0;
        private int maxConcurrentRequests = 256;
        private long drainTimeoutMillis = 10_000;
        private long idleTimeoutMillis = 30_000;
        private boolean openHealth = true;

        private Builder() {
        }

        /** The address to bind; anything but loopback exposes the models to the network. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The REST port ({@code 0}: a free one, {@code -1}: no REST). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The gRPC port ({@code 0}: a free one, {@code -1}: no gRPC). */
        public Builder grpcPort(int port) {
            this.grpcPort = port;
            return this;
        }

        /** The largest request body or gRPC message, in bytes. */
        public Builder maxRequestBytes(long bytes) {
            this.maxRequestBytes = bytes;
            return this;
        }

        /** The most elements in one tensor. */
        public Builder maxTensorElements(long elements) {
            this.maxTensorElements = elements;
            return this;
        }

        /** How long a request may run ({@link Duration#ZERO}: no limit). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeoutMillis = timeout.toMillis();
            return this;
        }

        /** The most inference requests in flight. */
        public Builder maxConcurrentRequests(int requests) {
            this.maxConcurrentRequests = requests;
            return this;
        }

        /** How long {@code close()} waits for requests in flight. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeoutMillis = timeout.toMillis();
            return this;
        }

        /** How long a connection may stay silent. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeoutMillis = timeout.toMillis();
            return this;
        }

        /** Whether the health routes answer without a token. */
        public Builder openHealth(boolean open) {
            this.openHealth = open;
            return this;
        }

        /** Checks the settings together and builds them. */
        public EndpointConfig build() {
            return new EndpointConfig(host, httpPort, grpcPort, maxRequestBytes, maxTensorElements,
                    requestTimeoutMillis, maxConcurrentRequests, drainTimeoutMillis, idleTimeoutMillis, openHealth);
        }
    }
}
