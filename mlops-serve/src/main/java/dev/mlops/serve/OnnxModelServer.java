package dev.mlops.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import dev.mlops.api.PredictionListener;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRef;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelVersion;
import dev.mlops.serve.PredictionException.Reason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX Runtime model server, built through {@link ModelServer#newBuilder()}. Package-private like every
 * implementation class here, so the public surface is the interfaces, records and builders of this package.
 */
final class OnnxModelServer implements ModelServer {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModelServer.class);

    private final ModelRepository repository;
    private final String ref;
    private final ServerConfig config;
    private final Clock clock;
    private final String name;
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    /** Loaded sessions by version; each entry holds one reference, released on eviction. */
    private final Cache<Integer, LoadedModel> models;
    private final Cache<RequestKey, Prediction> requestCache;
    private final Batcher batcher;
    private final ExecutorService ownedExecutor;
    /** The repository's own watcher (the one {@link ModelRepository#watch} gives everyone), or null. */
    private final AutoCloseable reloader;
    private final ListenerHub hub;
    private final RequestIds requestIds = new RequestIds();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object reloadLock = new Object();

    private final LongAdder requests = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder reloads = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();

    private record RequestKey(int version, Map<String, Object> values) {
    }

    /** Loads the initial model; see {@link ModelServer.Builder#build()}. */
    OnnxModelServer(ModelRepository repository, String ref, Path artifactPath, ModelArtifact artifact,
                           ServerConfig config, Executor executor, Clock clock) {
        this.repository = repository;
        this.ref = ref;
        this.config = config;
        this.clock = clock;
        this.models = Caffeine.newBuilder().maximumSize(config.modelCacheSize()).executor(Runnable::run)
                .removalListener((Integer v, LoadedModel m, RemovalCause cause) -> {
                    if (m != null) {
                        m.release();
                    }
                }).build();
        this.requestCache = config.requestCacheSize() > 0
                ? Caffeine.newBuilder().maximumSize(config.requestCacheSize()).build() : null;
        LoadedModel first;
        if (repository != null) {
            ModelRef parsed = ModelRef.parse(ref);
            this.name = parsed.model();
            first = cached(repository.resolve(ref));
        } else {
            ModelArtifact a = artifact != null ? artifact : ModelArtifact.read(artifactPath);
            String source = artifactPath != null ? artifactPath.toString() : "in-memory artifact";
            this.name = artifactPath != null && artifactPath.getFileName() != null
                    ? artifactPath.getFileName().toString() : "artifact";
            first = LoadedModel.load(a, name, 0, source, config);
            models.put(0, first);
            first.retain();
        }
        current.set(first); // holds the reference taken for the serving slot
        this.hub = new ListenerHub(config.listenerQueueCapacity(), name);
        if (config.batching()) {
            Executor exec = executor;
            if (exec == null) {
                ownedExecutor = Executors.newSingleThreadExecutor(daemon("mlops-serve-batcher-" + name));
                exec = ownedExecutor;
            } else {
                ownedExecutor = null;
            }
            // Our own executor: an idle batcher runs a request on its caller's thread (no hand-off for a lone
            // caller). A host's executor gets every batch, as it asked.
            this.batcher = new Batcher(config.queueCapacity(), config.maxBatchSize(),
                    config.maxQueueDelayMicros() * 1000, exec, this::runOnCurrent, batches, executor == null,
                    System::nanoTime);
        } else {
            this.batcher = null;
            this.ownedExecutor = null;
        }
        if (repository != null && config.reloadIntervalMillis() > 0) {
            reloader = repository.watch(ref, Duration.ofMillis(config.reloadIntervalMillis()),
                    changed -> refreshQuietly());
        } else {
            reloader = null;
        }
        LOG.info("Serving {} version {} on {} (batching {}, ONNX Runtime {})", first.source, first.version,
                first.provider, config.batching() ? "on" : "off", LoadedModel.ENV.getVersion());
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    /** The loaded model of a version, from the cache or freshly loaded, with one extra reference for the caller. */
    private LoadedModel cached(ModelVersion v) {
        while (true) {
            LoadedModel m = models.get(v.version(), k -> LoadedModel.load(
                    repository.load(v.model() + "@" + k), v.model(), k, v.model() + "@" + k
                            + (ref.contains("@") && !ref.endsWith("@" + k) ? " (" + ref + ")" : ""), config));
            if (m.retain()) {
                return m;
            }
            models.asMap().remove(v.version(), m); // evicted and closed meanwhile: load again
        }
    }

    // ---- serving ---------------------------------------------------------------------------------------------

    @Override
    public Prediction predict(String requestId, Map<String, ?> record) {
        long start = System.nanoTime();
        requireRecord(record);
        checkOpen();
        String id = requestIds.orNext(requestId);
        try {
            Keyed k = cacheKey(record);
            Prediction hit = cached(k, id);
            if (hit != null) {
                return hit;
            }
            Batcher.Outcome s = serve(k.converter(record), start, () -> List.of(id));
            return predicted(s, k.key, id);
        } catch (RuntimeException e) {
            countFailure(e);
            throw e;
        }
    }

    @Override
    public CompletableFuture<Prediction> predictAsync(String requestId, Map<String, ?> record) {
        long start = System.nanoTime();
        requireRecord(record);
        String id = requestIds.orNext(requestId);
        Keyed k;
        try {
            k = cacheKey(record);
            Prediction hit = cached(k, id);
            if (hit != null) {
                return CompletableFuture.completedFuture(hit);
            }
        } catch (RuntimeException e) {
            countFailure(e);
            return CompletableFuture.failedFuture(e);
        }
        return async(start, k.converter(record), () -> List.of(id), outcome -> predicted(outcome, k.key, id));
    }

    /**
     * Submits a request without waiting for it: the future completes (on the batching thread when it was queued)
     * with {@code result} of its outcome, or fails with what {@code predict} would throw.
     */
    private <T> CompletableFuture<T> async(long start, Function<dev.mlops.api.model.ModelSignature, InputBatch> convert,
                                           Supplier<List<String>> ids, Function<Batcher.Outcome, T> result) {
        try {
            checkOpen();
            long deadline = deadline(start);
            Pending p = submit(convert, deadline);
            if (deadline != 0 && !p.future.isDone()) {
                // Fails the request itself, so the batcher skips it while it is still queued.
                p.future.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return p.future.handle((outcome, error) -> {
                if (error != null) {
                    RuntimeException e = failure(error);
                    countFailure(e);
                    throw e;
                }
                finish(p.input, outcome, start, ids);
                return result.apply(outcome);
            });
        } catch (RuntimeException e) {
            countFailure(e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private void requireRecord(Map<String, ?> record) {
        if (record == null) {
            throw new IllegalArgumentException("predict(record) got null instead of a record; pass a map of input name"
                    + " to value, one entry per input of model '" + name + "'");
        }
    }

    /**
     * A record's request-cache key and the input built to compute it; both null when the cache is off. The request
     * reuses that input unless a reload changed the signature meanwhile, so a cache miss converts the record once.
     */
    private record Keyed(RequestKey key, InputBatch input) {
        Function<dev.mlops.api.model.ModelSignature, InputBatch> converter(Map<String, ?> record) {
            return sig -> input != null && input.signature().equals(sig) ? input
                    : InputBatch.fromRecords(sig, List.of(record));
        }
    }

    private static final Keyed UNCACHED = new Keyed(null, null);

    private Keyed cacheKey(Map<String, ?> record) {
        if (requestCache == null) {
            return UNCACHED;
        }
        LoadedModel now = current.get();
        if (now == null) {
            throw closedException();
        }
        InputBatch in = InputBatch.fromRecords(now.signature, List.of(record));
        return new Keyed(new RequestKey(now.version, in.rowKey(0)), in);
    }

    /** The cached prediction under this request's id (counted as a request), or null. */
    private Prediction cached(Keyed k, String id) {
        Prediction hit = k.key == null ? null : requestCache.getIfPresent(k.key);
        if (hit == null) {
            return null;
        }
        cacheHits.increment();
        requests.increment();
        rows.increment();
        return new Prediction(hit.model(), hit.version(), hit.outputs(), hit.labels(), id);
    }

    /** The prediction of a one-record request, put in the request cache when it is on. */
    private Prediction predicted(Batcher.Outcome outcome, RequestKey key, String id) {
        Prediction p = outcome.result().outputs().prediction(outcome.offset(), name,
                outcome.result().model().version, id);
        if (key != null) {
            requestCache.put(key, p);
        }
        return p;
    }

    @Override
    public List<Prediction> predict(String requestId, List<? extends Map<String, ?>> records) {
        long start = System.nanoTime();
        requireRecords(records);
        checkOpen();
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> ids = ids(requestId, records.size());
        try {
            Batcher.Outcome s = serve(sig -> InputBatch.fromRecords(sig, records), start, () -> ids);
            return predicted(s, records.size(), ids);
        } catch (RuntimeException e) {
            countFailure(e);
            throw e;
        }
    }

    @Override
    public CompletableFuture<List<Prediction>> predictAsync(String requestId, List<? extends Map<String, ?>> records) {
        long start = System.nanoTime();
        requireRecords(records);
        List<String> ids = ids(requestId, records.size());
        if (records.isEmpty()) {
            return closed.get() ? CompletableFuture.failedFuture(closedException())
                    : CompletableFuture.completedFuture(List.of());
        }
        return async(start, sig -> InputBatch.fromRecords(sig, records), () -> ids,
                outcome -> predicted(outcome, records.size(), ids));
    }

    private void requireRecords(List<? extends Map<String, ?>> records) {
        if (records == null) {
            throw new IllegalArgumentException("predict(records) got null instead of a list of records; pass "
                    + "List.of() for none");
        }
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) == null) {
                throw new IllegalArgumentException("predict(records): record " + i + " of " + records.size()
                        + " is null; pass a map of input name to value for every record");
            }
        }
    }

    /** The ids of a request's records: its own for one record, {@code <id>/<index>} for several, else generated. */
    private List<String> ids(String requestId, int records) {
        List<String> ids = new java.util.ArrayList<>(records);
        if (requestId != null && records == 1) {
            ids.add(requestIds.orNext(requestId));
        } else {
            String base = requestId == null ? null : requestIds.orNext(requestId);
            for (int i = 0; i < records; i++) {
                ids.add(base == null ? requestIds.next() : base + "/" + i);
            }
        }
        return ids;
    }

    private List<Prediction> predicted(Batcher.Outcome outcome, int records, List<String> ids) {
        int from = outcome.offset();
        return outcome.result().outputs().predictions(from, from + records, name, outcome.result().model().version,
                ids);
    }

    @Override
    public Frame predict(Frame frame) {
        long start = System.nanoTime();
        if (frame == null) {
            throw new IllegalArgumentException("predict(frame) got null instead of a frame; pass a frame with a "
                    + "column per input of model '" + name + "'");
        }
        checkOpen();
        try {
            if (frame.rowCount() == 0) {
                InputBatch.fromFrame(current.get().signature, frame); // still report missing columns
                return Frame.of(List.of());
            }
            String base = requestIds.next();
            int n = frame.rowCount();
            Batcher.Outcome s = serve(sig -> InputBatch.fromFrame(sig, frame), start, () -> frameIds(base, n));
            int from = s.offset();
            return s.result().outputs().toFrame(from, from + frame.rowCount());
        } catch (RuntimeException e) {
            countFailure(e);
            throw e;
        }
    }

    /** The ids of the rows of one frame request, built only when a listener asks for them. */
    private static List<String> frameIds(String base, int rows) {
        List<String> ids = new java.util.ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            ids.add(base + "/" + r);
        }
        return ids;
    }

    /**
     * Validates the request against the serving signature, runs it (directly or through the batcher), counts it and
     * publishes its event. {@code convert} rebuilds the input when a reload changed the signature meanwhile.
     */
    private Batcher.Outcome serve(Function<dev.mlops.api.model.ModelSignature, InputBatch> convert, long start,
                         Supplier<List<String>> ids) {
        long deadline = deadline(start);
        Pending p = submit(convert, deadline);
        Batcher.Outcome outcome = p.queued == null ? p.future.join() : await(p.queued, deadline);
        finish(p.input, outcome, start, ids);
        return outcome;
    }

    /** A validated request under way: done at once when it ran on this thread, else queued for a batch. */
    private record Pending(InputBatch input, CompletableFuture<Batcher.Outcome> future, Batcher.Request queued) {
    }

    private long deadline(long start) {
        return config.requestTimeoutMillis() > 0 ? start + config.requestTimeoutMillis() * 1_000_000 : 0;
    }

    /** Validates the request and runs it here (no batching, or a batch of its own) or hands it to the batcher. */
    private Pending submit(Function<dev.mlops.api.model.ModelSignature, InputBatch> convert, long deadline) {
        LoadedModel now = current.get();
        if (now == null) {
            throw closedException();
        }
        InputBatch input = convert.apply(now.signature);
        if (batcher == null || input.rows() >= config.maxBatchSize()) {
            Batcher.Outcome ran = new Batcher.Outcome(runOnCurrent(input, deadline, convert), 0, 0);
            return new Pending(input, CompletableFuture.completedFuture(ran), null);
        }
        Batcher.Request r = batcher.submit(input, deadline);
        return new Pending(input, r.future, r);
    }

    /** Counts a request that ran and publishes its event. */
    private void finish(InputBatch input, Batcher.Outcome outcome, long start, Supplier<List<String>> ids) {
        requests.increment();
        rows.add(input.rows());
        if (hub.active()) {
            long latency = System.nanoTime() - start;
            Batcher.RunResult result = outcome.result();
            int from = outcome.offset();
            int n = input.rows();
            long queued = outcome.queueNanos();
            hub.publish(() -> new PredictionEvent(name, result.model().version, clock.instant(), latency, queued,
                    result.computeNanos(), n, ids, input::toFrame, () -> result.outputs().toFrame(from, from + n)));
        }
    }

    private Batcher.Outcome await(Batcher.Request request, long deadline) {
        try {
            if (deadline == 0) {
                return request.future.get();
            }
            return request.future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            RuntimeException t = failure(e);
            request.future.completeExceptionally(t); // so the batcher skips it if it is still queued
            throw t;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PredictionException(Reason.TIMEOUT, null, "interrupted while waiting for the batch", e);
        } catch (CancellationException e) {
            throw failure(e);
        }
    }

    /** What a queued request failed with, as the exception its caller gets. */
    private RuntimeException failure(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (e instanceof TimeoutException) {
            return new PredictionException(Reason.TIMEOUT, null, "the request did not finish within "
                    + config.requestTimeoutMillis() + " ms (queued behind other requests or running); raise "
                    + "ServerConfig.requestTimeout or add capacity");
        }
        if (e instanceof CancellationException) {
            return closedException();
        }
        if (e instanceof RuntimeException re) {
            return re;
        }
        return new PredictionException(Reason.RUNTIME_ERROR, null, e.toString(), e);
    }

    /** Runs on the model serving now, holding a reference for the duration of the run (batcher entry point). */
    private Batcher.RunResult runOnCurrent(InputBatch input, Long deadline) {
        return runOnCurrent(input, deadline, null);
    }

    private Batcher.RunResult runOnCurrent(InputBatch input, long deadline,
                                           Function<dev.mlops.api.model.ModelSignature, InputBatch> convert) {
        LoadedModel m = acquire();
        try {
            InputBatch in = input;
            if (!m.signature.equals(input.signature())) {
                if (convert == null) {
                    throw new PredictionException(Reason.RUNTIME_ERROR, null, "the model was replaced by version "
                            + m.version + " with another signature while the request was queued; send it again");
                }
                in = convert.apply(m.signature);
            }
            long started = System.nanoTime();
            OutputBatch outputs = m.run(in, deadline);
            return new Batcher.RunResult(outputs, m, System.nanoTime() - started);
        } finally {
            m.release();
        }
    }

    private LoadedModel acquire() {
        while (true) {
            LoadedModel m = current.get();
            if (m == null) {
                throw closedException();
            }
            if (m.retain()) {
                return m;
            }
            // swapped out and closed between the read and the retain: read the slot again
        }
    }

    private void countFailure(RuntimeException e) {
        failures.increment();
        if (e instanceof PredictionException p) {
            if (p.reason() == Reason.QUEUE_FULL) {
                rejected.increment();
            } else if (p.reason() == Reason.TIMEOUT) {
                timeouts.increment();
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw closedException();
        }
    }

    /** Requests waiting in the batching queue, 0 without batching: tests wait on it instead of on thread states. */
    int queuedRequests() {
        return batcher == null ? 0 : batcher.queued();
    }

    private PredictionException closedException() {
        return new PredictionException(Reason.CLOSED, null, "the server for " + name + " is closed");
    }

    // ---- reload, listeners, info -----------------------------------------------------------------------------

    @Override
    public boolean refresh() {
        if (repository == null || closed.get()) {
            return false;
        }
        synchronized (reloadLock) {
            ModelVersion v = repository.resolve(ref);
            LoadedModel old = current.get();
            if (old == null || v.version() == old.version) {
                return false;
            }
            LoadedModel fresh = cached(v); // loaded, checked and warmed before anyone sees it
            if (!current.compareAndSet(old, fresh)) {
                fresh.release(); // closed meanwhile
                return false;
            }
            old.release(); // in-flight calls keep it open until they finish
            reloads.increment();
            LOG.info("Swapped {} from version {} to version {}", ref, old.version, fresh.version);
            return true;
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Reloading {} failed; still serving the current version: {}", ref, e.getMessage());
        }
    }

    @Override
    public AutoCloseable onPrediction(PredictionListener listener) {
        return hub.subscribe(listener);
    }

    @Override
    public ServerInfo info() {
        LoadedModel m = Optional.ofNullable(current.get()).orElseThrow(this::closedException);
        return new ServerInfo(name, m.version, m.source, m.provider, LoadedModel.ENV.getVersion(), m.signature, config);
    }

    @Override
    public ServerStats stats() {
        return new ServerStats(requests.sum(), rows.sum(), failures.sum(), batches.sum(), rejected.sum(),
                timeouts.sum(), reloads.sum(), cacheHits.sum(), hub.dropped.sum(), hub.failures.sum());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reloader != null) {
            try {
                reloader.close();
            } catch (Exception e) {
                LOG.warn("Stopping the watch of {} failed: {}", ref, e.toString());
            }
        }
        synchronized (reloadLock) {
            if (batcher != null) {
                batcher.close();
            }
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
            }
            hub.close();
            LoadedModel m = current.getAndSet(null);
            if (m != null) {
                m.release();
            }
            models.invalidateAll();
            models.cleanUp();
        }
        LOG.info("Closed the server for {}", name);
    }

    /** Native objects open now in this JVM (tensors, results, sessions), for leak tests. */
    static long[] openNativeObjects() {
        return new long[] {LoadedModel.OPEN_TENSORS.get(), LoadedModel.OPEN_RESULTS.get(),
                LoadedModel.OPEN_SESSIONS.get()};
    }

    @Override
    public String toString() {
        LoadedModel m = current.get();
        return "ModelServer[" + (m == null ? name + ", closed" : m.source + " v" + m.version + " on " + m.provider)
                + "]";
    }
}
