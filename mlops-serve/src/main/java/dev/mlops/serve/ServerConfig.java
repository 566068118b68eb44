package dev.mlops.serve;

import dev.mlops.api.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a {@link ModelServer}: batching, threads, execution provider, caches, timeouts and reloading.
 *
 * <p>Immutable; built with {@link #newBuilder()}, checked as a whole, copied with {@link #toBuilder()}, and
 * serialized with {@link #toJson()} / {@link #fromJson(String)}. Durations are stored in the unit their field name
 * says, so the JSON needs no time module.
 *
 * @param batching whether requests from many threads are gathered into one run
 * @param maxBatchSize the most rows in one batched run
 * @param maxQueueDelayMicros how long the first request of a batch may wait for others to fill it; 0 (the default):
 *     never wait, so a batch is what queued while the one before ran (continuous batching, as Triton's default)
 * @param queueCapacity the most requests waiting for a batch; more are refused with {@code QUEUE_FULL}
 * @param requestTimeoutMillis how long a request may take before it fails with {@code TIMEOUT} (0: no limit)
 * @param provider where the model runs
 * @param intraOpThreads ONNX Runtime threads inside one operator (0: its default, one per core)
 * @param interOpThreads ONNX Runtime threads across operators (0: its default)
 * @param warmupRuns runs on a synthetic row before a session is put into service
 * @param modelCacheSize loaded sessions kept (the one serving plus recent ones, for instant rollback)
 * @param requestCacheSize identical single-record requests remembered (0: off, the default)
 * @param reloadIntervalMillis how often the repository reference is checked for a new version (0: never)
 * @param listenerQueueCapacity prediction events buffered for listeners before they are dropped
 */
public record ServerConfig(boolean batching, int maxBatchSize, long maxQueueDelayMicros, int queueCapacity,
                           long requestTimeoutMillis, ExecutionProvider provider, int intraOpThreads,
                           int interOpThreads, int warmupRuns, int modelCacheSize, long requestCacheSize,
                           long reloadIntervalMillis, int listenerQueueCapacity) {

    /** Checks every setting and reports all problems at once. */
    public ServerConfig {
        Objects.requireNonNull(provider, "provider");
        List<String> problems = new ArrayList<>();
        if (maxBatchSize < 1) {
            problems.add("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        if (maxQueueDelayMicros < 0) {
            problems.add("maxQueueDelay must not be negative, got " + maxQueueDelayMicros + " us");
        }
        if (queueCapacity < 1) {
            problems.add("queueCapacity must be at least 1, got " + queueCapacity);
        }
        if (requestTimeoutMillis < 0) {
            problems.add("requestTimeout must not be negative, got " + requestTimeoutMillis + " ms");
        }
        if (intraOpThreads < 0 || interOpThreads < 0) {
            problems.add("thread counts must be 0 (default) or positive, got intra " + intraOpThreads + ", inter "
                    + interOpThreads);
        }
        if (warmupRuns < 0) {
            problems.add("warmupRuns must not be negative, got " + warmupRuns);
        }
        if (modelCacheSize < 1) {
            problems.add("modelCacheSize must be at least 1 (the serving model), got " + modelCacheSize);
        }
        if (requestCacheSize < 0) {
            problems.add("requestCacheSize must be 0 (off) or positive, got " + requestCacheSize);
        }
        if (reloadIntervalMillis < 0) {
            problems.add("reloadInterval must be 0 (off) or positive, got " + reloadIntervalMillis + " ms");
        }
        if (listenerQueueCapacity < 1) {
            problems.add("listenerQueueCapacity must be at least 1, got " + listenerQueueCapacity);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid server settings: " + String.join("; ", problems));
        }
    }

    /** The defaults: no batching, CPU or CUDA as found, no timeout, no request cache, no reloading. */
    public static ServerConfig defaults() {
        return newBuilder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.batching = batching;
        b.maxBatchSize = maxBatchSize;
        b.maxQueueDelayMicros = maxQueueDelayMicros;
        b.queueCapacity = queueCapacity;
        b.requestTimeoutMillis = requestTimeoutMillis;
        b.provider = provider;
        b.intraOpThreads = intraOpThreads;
        b.interOpThreads = interOpThreads;
        b.warmupRuns = warmupRuns;
        b.modelCacheSize = modelCacheSize;
        b.requestCacheSize = requestCacheSize;
        b.reloadIntervalMillis = reloadIntervalMillis;
        b.listenerQueueCapacity = listenerQueueCapacity;
        return b;
    }

    /** These settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads settings written by {@link #toJson()}. */
    public static ServerConfig fromJson(String json) {
        return Json.read(json, ServerConfig.class);
    }

    /** The request timeout, {@link Duration#ZERO} when there is none. */
    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMillis);
    }

    /** Builds a {@link ServerConfig}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private boolean batching = false;
        private int maxBatchSize = 64;
        private long maxQueueDelayMicros = 0; // waiting to fill a batch cost throughput in every load measured (decision 192)
        private int queueCapacity = 1024;
        private long requestTimeoutMillis = 0;
        private ExecutionProvider provider = ExecutionProvider.AUTO;
        private int intraOpThreads = 0;
        private int interOpThreads = 0;
        private int warmupRuns = 2;
        private int modelCacheSize = 2;
        private long requestCacheSize = 0;
        private long reloadIntervalMillis = 0;
        private int listenerQueueCapacity = 4096;

        private Builder() {
        }

        /** Turns dynamic batching on or off. */
        public Builder batching(boolean on) {
            this.batching = on;
            return this;
        }

        /**
         * Dynamic batching on, with the most rows per run and how long a batch may wait to fill
         * ({@link Duration#ZERO}: never, the default).
         */
        public Builder batching(int maxBatchSize, Duration maxQueueDelay) {
            this.batching = true;
            this.maxBatchSize = maxBatchSize;
            this.maxQueueDelayMicros = maxQueueDelay.toNanos() / 1000;
            return this;
        }

        /** The most requests waiting for a batch. */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /** How long a request may take ({@link Duration#ZERO}: no limit). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeoutMillis = timeout.toMillis();
            return this;
        }

        /** Where the model runs. */
        public Builder provider(ExecutionProvider provider) {
            this.provider = provider;
            return this;
        }

        /** ONNX Runtime thread counts (0: its default). */
        public Builder threads(int intraOp, int interOp) {
            this.intraOpThreads = intraOp;
            this.interOpThreads = interOp;
            return this;
        }

        /** Runs on a synthetic row before a session serves. */
        public Builder warmupRuns(int runs) {
            this.warmupRuns = runs;
            return this;
        }

        /** Loaded sessions kept. */
        public Builder modelCacheSize(int size) {
            this.modelCacheSize = size;
            return this;
        }

        /** Identical single-record requests remembered (0: off). */
        public Builder requestCacheSize(long size) {
            this.requestCacheSize = size;
            return this;
        }

        /** How often to check the repository for a new version ({@link Duration#ZERO}: never). */
        public Builder reloadInterval(Duration interval) {
            this.reloadIntervalMillis = interval.toMillis();
            return this;
        }

        /** Prediction events buffered for listeners. */
        public Builder listenerQueueCapacity(int capacity) {
            this.listenerQueueCapacity = capacity;
            return this;
        }

        /** Checks the settings together and builds them. */
        public ServerConfig build() {
            return new ServerConfig(batching, maxBatchSize, maxQueueDelayMicros, queueCapacity, requestTimeoutMillis,
                    provider, intraOpThreads, interOpThreads, warmupRuns, modelCacheSize, requestCacheSize,
                    reloadIntervalMillis, listenerQueueCapacity);
        }
    }
}
