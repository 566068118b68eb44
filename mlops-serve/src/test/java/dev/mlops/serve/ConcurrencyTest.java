package dev.mlops.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.serve.PredictionException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batching, queue limits, timeouts, hot reload under load, listeners and native leaks. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    /** An executor the test drives by hand, so batches form deterministically. */
    static final class ManualExecutor implements Executor {
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            for (Runnable r; (r = tasks.poll()) != null; ) {
                r.run();
            }
        }
    }

    /**
     * Waits until {@code requests} callers sit in the server's batching queue. A caller's thread state says nothing
     * of whether its request is queued yet (it may be waiting on a class-initialisation lock), so the test waits on
     * the queue itself, at most 30 s.
     */
    private static void awaitQueued(ModelServer server, int requests) {
        OnnxModelServer onnx = (OnnxModelServer) server;
        awaitUntil(() -> onnx.queuedRequests() >= requests,
                () -> requests + " requests in the batching queue; it holds " + onnx.queuedRequests());
    }

    /** Polls {@code condition} every millisecond for at most 30 s; the failure names what it waited for. */
    private static void awaitUntil(BooleanSupplier condition, Supplier<String> awaited) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                fail("Waited 30 s for " + awaited.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** A batching server (up to 64 rows, no fill wait) whose batches run only when the test runs {@code executor}. */
    private static ModelServer heldBatches(ManualExecutor executor) {
        return ModelServer.newBuilder().artifact(TestModels.logreg("r"))
                .config(ServerConfig.newBuilder().batching(64, Duration.ZERO).build()).executor(executor).build();
    }

    /** The server's prediction events, as they arrive. */
    private static java.util.concurrent.BlockingQueue<PredictionEvent> events(ModelServer server) {
        java.util.concurrent.LinkedBlockingQueue<PredictionEvent> events =
                new java.util.concurrent.LinkedBlockingQueue<>();
        server.onPrediction(events::add);
        return events;
    }

    @Test
    void batching_requestsFromManyThreadsRunAsOneBatch() throws Exception {
        ManualExecutor executor = new ManualExecutor();
        try (ModelServer server = heldBatches(executor)) {
            int callers = 8;
            Prediction[] results = new Prediction[callers];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int k = i;
                Thread t = new Thread(() -> results[k] = server.predict(Map.of("x1", k * 0.25, "x2", 0.5)));
                t.start();
                threads.add(t);
            }
            awaitQueued(server, callers);
            executor.runAll();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(1, server.stats().batches());
            assertEquals(callers, server.stats().requests());
            for (int i = 0; i < callers; i++) {
                double good = TestModels.pGood(i * 0.25, 0.5);
                assertArrayEquals(new double[] {1 - good, good}, results[i].probabilities().orElseThrow(), 1e-6);
            }
        }
    }

    @Test
    void batching_splitsAtMaxBatchSize() throws Exception {
        ManualExecutor executor = new ManualExecutor();
        ServerConfig config = ServerConfig.newBuilder().batching(4, Duration.ZERO).build();
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config)
                .executor(executor).build()) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Thread t = new Thread(() -> server.predict(Map.of("x1", 1, "x2", 2)));
                t.start();
                threads.add(t);
            }
            awaitQueued(server, 10);
            executor.runAll();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(3, server.stats().batches()); // 4 + 4 + 2
            assertEquals(10, server.stats().requests());
        }
    }

    @Test
    void batching_fullQueue_rejectsAndClosingFailsTheQueued() throws Exception {
        ManualExecutor executor = new ManualExecutor(); // never run: requests stay queued
        ServerConfig config = ServerConfig.newBuilder().batching(64, Duration.ZERO).queueCapacity(2).build();
        ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config)
                .executor(executor).build();
        List<Reason> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    server.predict(Map.of("x1", 1, "x2", 2));
                } catch (PredictionException e) {
                    synchronized (seen) {
                        seen.add(e.reason());
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        awaitQueued(server, 2);
        PredictionException full = assertThrows(PredictionException.class,
                () -> server.predict(Map.of("x1", 1, "x2", 2)));
        assertEquals(Reason.QUEUE_FULL, full.reason());
        assertEquals(1, server.stats().rejectedQueueFull());
        server.close();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(Reason.CLOSED, Reason.CLOSED), seen);
    }

    @Test
    void timeout_whileQueued_failsWithTimeout() {
        ManualExecutor executor = new ManualExecutor();
        ServerConfig config = ServerConfig.newBuilder().batching(64, Duration.ZERO)
                .requestTimeout(Duration.ofMillis(20)).build();
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config)
                .executor(executor).build()) {
            PredictionException e = assertThrows(PredictionException.class,
                    () -> server.predict(Map.of("x1", 1, "x2", 2)));
            assertEquals(Reason.TIMEOUT, e.reason());
            executor.runAll(); // the batcher skips the abandoned request
            assertEquals(0, server.stats().batches());
            assertEquals(1, server.stats().timeouts());
        }
    }

    @Test
    void timeout_whileRunning_stopsTheRunThroughRunOptions() {
        ServerConfig config = ServerConfig.newBuilder().requestTimeout(Duration.ofMillis(50)).warmupRuns(1).build();
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.slow()).config(config).build()) {
            double[] x = new double[8192]; // about 170 GFLOP: far longer than 50 ms on any CPU
            java.util.Arrays.fill(x, 1.0);
            PredictionException e = assertThrows(PredictionException.class,
                    () -> server.predict(Frame.of(DoubleColumn.of("x", x))));
            assertEquals(Reason.TIMEOUT, e.reason());
            // The session is still good afterwards.
            assertEquals(2.0, server.predict(Map.of("x", 2.0)).value(), 1e-4); // the chain keeps the value
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hotReload_underLoad_noCallFailsAndTheOldSessionCloses(boolean batching) throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(dir.resolve("repo"));
        repo.register("credit", TestModels.logreg("r1"));
        repo.register("credit", TestModels.logreg("r2"));
        repo.setAlias("credit", "production", 1);
        long sessionsBefore = OnnxModelServer.openNativeObjects()[2];
        ServerConfig config = ServerConfig.newBuilder().batching(batching).modelCacheSize(1).build();
        ModelServer server = ModelServer.newBuilder().repository(repo, "credit@production").config(config).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        AtomicInteger afterSwap = new AtomicInteger();
        AtomicBoolean swapped = new AtomicBoolean();
        Set<Integer> versions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch warm = new CountDownLatch(4);
        CountDownLatch servedAfterSwap = new CountDownLatch(200);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    try {
                        boolean wasSwapped = swapped.get();
                        Prediction p = server.predict(Map.of("x1", 0.5, "x2", 0.25));
                        versions.add(p.version());
                        if (wasSwapped) {
                            assertEquals(2, p.version());
                            afterSwap.incrementAndGet();
                            servedAfterSwap.countDown();
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    if (++n == 50) {
                        warm.countDown();
                    }
                }
            }));
        }
        assertTrue(warm.await(60, TimeUnit.SECONDS));
        repo.setAlias("credit", "production", 2);
        assertTrue(server.refresh());
        swapped.set(true);
        assertTrue(!server.refresh(), "a second refresh finds nothing new");
        assertTrue(servedAfterSwap.await(60, TimeUnit.SECONDS), "200 calls served after the swap");
        stop.set(true);
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, failures.get());
        assertEquals(Set.of(1, 2), versions);
        assertEquals(2, server.info().version());
        assertEquals(1, server.stats().reloads());
        assertEquals(sessionsBefore + 1, OnnxModelServer.openNativeObjects()[2], "the old session is closed");
        server.close();
        assertEquals(sessionsBefore, OnnxModelServer.openNativeObjects()[2]);
    }

    @Test
    void refresh_onLatest_picksUpANewVersion() {
        ModelRepository repo = ModelRepository.onFileSystem(dir.resolve("repo"));
        repo.register("credit", TestModels.logreg("r1"));
        try (ModelServer server = ModelServer.load(repo, "credit")) {
            assertEquals(1, server.info().version());
            assertTrue(!server.refresh());
            repo.register("credit", TestModels.logreg("r2"));
            assertTrue(server.refresh());
            assertEquals(2, server.predict(Map.of("x1", 0, "x2", 0)).version());
        }
    }

    @Test
    void hotReload_byPolling_followsTheAlias() throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(dir.resolve("repo"));
        repo.register("credit", TestModels.logreg("r1"));
        repo.setAlias("credit", "production", 1);
        ServerConfig config = ServerConfig.newBuilder().reloadInterval(Duration.ofMillis(10)).build();
        try (ModelServer server = ModelServer.newBuilder().repository(repo, "credit@production").config(config)
                .build()) {
            repo.register("credit", TestModels.logreg("r2"));
            repo.setAlias("credit", "production", 2);
            awaitUntil(() -> server.info().version() == 2, () -> "the server to follow credit@production to "
                    + "version 2 (reload interval 10 ms); it serves version " + server.info().version());
            assertEquals(2, server.predict(Map.of("x1", 0, "x2", 0)).version());
        }
    }

    @Test
    void listeners_receiveInputsAndOutputsOffTheCallingThread() throws Exception {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).build()) {
            java.util.concurrent.LinkedBlockingQueue<PredictionEvent> events =
                    new java.util.concurrent.LinkedBlockingQueue<>();
            java.util.concurrent.atomic.AtomicReference<Thread> listenerThread =
                    new java.util.concurrent.atomic.AtomicReference<>();
            // the broken listener comes first: listeners run in order, so once the second has the event, the
            // failure of the first is counted
            server.onPrediction(e -> {
                throw new IllegalStateException("a broken listener");
            });
            server.onPrediction(e -> {
                listenerThread.set(Thread.currentThread());
                events.add(e);
            });
            server.predict(Map.of("x1", 0.5, "x2", 1.5));
            PredictionEvent e = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(e);
            assertEquals(1, e.rows());
            assertEquals(0.5, e.inputs().doubles("x1").getDouble(0), 1e-7);
            assertEquals(TestModels.pGood(0.5, 1.5), e.outputs().doubles("probabilities.good").getDouble(0), 1e-6);
            assertTrue(listenerThread.get() != Thread.currentThread());
            assertEquals(1, server.stats().listenerFailures(), "the broken listener was skipped and counted");
        }
    }

    @Test
    void listeners_seeTheRequestIdsThatPredictionsReturn() throws Exception {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).build()) {
            java.util.concurrent.BlockingQueue<PredictionEvent> events = events(server);
            Prediction mine = server.predict("order-17", Map.of("x1", 0.5, "x2", 1.5));
            Prediction generated = server.predict(Map.of("x1", 0.5, "x2", 1.5));
            List<Prediction> listed = server.predict(List.of(Map.of("x1", 1, "x2", 2), Map.of("x1", 3, "x2", 4)));
            server.predict(Frame.of(DoubleColumn.of("x1", 1, 2), DoubleColumn.of("x2", 3, 4)));
            assertEquals("order-17", mine.requestId());
            assertNotNull(generated.requestId());
            assertTrue(!generated.requestId().equals(listed.get(0).requestId())
                    && !listed.get(0).requestId().equals(listed.get(1).requestId()));
            assertEquals(List.of("order-17"), events.poll(30, TimeUnit.SECONDS).requestIds());
            assertEquals(List.of(generated.requestId()), events.poll(30, TimeUnit.SECONDS).requestIds());
            assertEquals(List.of(listed.get(0).requestId(), listed.get(1).requestId()),
                    events.poll(30, TimeUnit.SECONDS).requestIds());
            List<String> frameIds = events.poll(30, TimeUnit.SECONDS).requestIds();
            assertEquals(2, frameIds.size());
            assertTrue(frameIds.get(0).endsWith("/0") && frameIds.get(1).endsWith("/1"), frameIds.toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> server.predict(" ", Map.of("x1", 0, "x2", 0)));
            assertTrue(e.getMessage().contains("request id must not be blank")
                    && e.getMessage().contains("pass null"), e.getMessage());
        }
    }

    @Test
    void predictAsync_queuedRequestsFormOneBatch_withoutAThreadPerRequest() throws Exception {
        ManualExecutor executor = new ManualExecutor();
        try (ModelServer server = heldBatches(executor)) {
            java.util.concurrent.BlockingQueue<PredictionEvent> events = events(server);
            List<java.util.concurrent.CompletableFuture<Prediction>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) { // all from this one thread: none of them blocks it
                futures.add(server.predictAsync("loan-" + i, Map.of("x1", i * 0.25, "x2", 0.5)));
            }
            java.util.concurrent.CompletableFuture<List<Prediction>> two = server.predictAsync("batch-3",
                    List.of(Map.of("x1", 1, "x2", 2), Map.of("x1", 3, "x2", 4)));
            assertTrue(futures.stream().noneMatch(java.util.concurrent.Future::isDone) && !two.isDone(),
                    "queued, not run yet");
            assertEquals(9, ((OnnxModelServer) server).queuedRequests());
            executor.runAll();
            assertEquals(1, server.stats().batches());
            assertEquals(9, server.stats().requests());
            assertEquals(10, server.stats().rows());
            List<Prediction> rows = two.getNow(null);
            assertEquals(List.of("batch-3/0", "batch-3/1"), rows.stream().map(Prediction::requestId).toList());
            assertArrayEquals(new double[] {1 - TestModels.pGood(3, 4), TestModels.pGood(3, 4)},
                    rows.get(1).probabilities().orElseThrow(), 1e-6);
            Set<String> published = new java.util.HashSet<>();
            for (int i = 0; i < 8; i++) {
                Prediction p = futures.get(i).getNow(null);
                assertNotNull(p, "done once its batch ran");
                assertEquals("loan-" + i, p.requestId());
                double good = TestModels.pGood(i * 0.25, 0.5);
                assertArrayEquals(new double[] {1 - good, good}, p.probabilities().orElseThrow(), 1e-6);
                published.addAll(events.poll(30, TimeUnit.SECONDS).requestIds());
            }
            published.addAll(events.poll(30, TimeUnit.SECONDS).requestIds());
            assertEquals(10, published.size(), "one event per request, under its ids: " + published);
        }
    }

    @Test
    void predictAsync_withoutBatching_runsOnTheCaller_asPredictDoes() {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).build()) {
            java.util.concurrent.CompletableFuture<Prediction> f = server.predictAsync(null, Map.of("x1", 1, "x2", 2));
            assertTrue(f.isDone(), "ran before predictAsync returned");
            Prediction sync = server.predict(Map.of("x1", 1, "x2", 2));
            assertArrayEquals(sync.probabilities().orElseThrow(), f.join().probabilities().orElseThrow(), 0);
            assertEquals(sync.label(), f.join().label());
            assertNotNull(f.join().requestId());
        }
    }

    @Test
    void predictAsync_failures_arriveThroughTheFuture_andAreCounted() {
        ManualExecutor executor = new ManualExecutor();
        ServerConfig config = ServerConfig.newBuilder().batching(64, Duration.ZERO)
                .requestTimeout(Duration.ofMillis(20)).build();
        ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config)
                .executor(executor).build();
        assertEquals(Reason.MISSING_INPUT, reasonOf(server.predictAsync(null, Map.of("x1", 1))));
        assertEquals(Reason.TIMEOUT, reasonOf(server.predictAsync(null, Map.of("x1", 1, "x2", 2))));
        executor.runAll(); // the batcher skips the timed-out request
        assertEquals(0, server.stats().batches());
        assertEquals(1, server.stats().timeouts());
        java.util.concurrent.CompletableFuture<Prediction> queued = server.predictAsync(null, Map.of("x1", 1, "x2", 2));
        server.close();
        assertEquals(Reason.CLOSED, reasonOf(queued));
        assertEquals(Reason.CLOSED, reasonOf(server.predictAsync(null, Map.of("x1", 1, "x2", 2))));
        assertEquals(4, server.stats().failures());
        assertThrows(IllegalArgumentException.class, () -> server.predictAsync(null, (Map<String, ?>) null));
        assertThrows(IllegalArgumentException.class, () -> server.predictAsync(" ", Map.of("x1", 1, "x2", 2)));
        assertThrows(IllegalArgumentException.class, () -> server.predictAsync(null, java.util.Arrays.asList(
                Map.of("x1", 1, "x2", 2), null)));
    }

    private static Reason reasonOf(java.util.concurrent.CompletableFuture<Prediction> f) {
        java.util.concurrent.CompletionException e =
                assertThrows(java.util.concurrent.CompletionException.class, f::join);
        assertTrue(e.getCause() instanceof PredictionException, String.valueOf(e.getCause()));
        return ((PredictionException) e.getCause()).reason();
    }

    @Test
    void events_heldBatch_splitTheLatencyIntoQueueAndCompute() throws Exception {
        ManualExecutor executor = new ManualExecutor();
        try (ModelServer server = heldBatches(executor)) {
            java.util.concurrent.BlockingQueue<PredictionEvent> events = events(server);
            Thread caller = new Thread(() -> server.predict(Map.of("x1", 0.5, "x2", 1.5)));
            caller.start();
            awaitQueued(server, 1); // the batch is held until the test runs the drain task
            executor.runAll();
            caller.join();
            PredictionEvent e = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(e, "the server published the prediction");
            assertTrue(e.queueNanos() > 0, "waited in the queue: " + e.queueNanos());
            assertTrue(e.computeNanos() > 0, "ran the model: " + e.computeNanos());
            assertTrue(e.queueNanos() + e.computeNanos() <= e.latencyNanos(),
                    e.queueNanos() + " + " + e.computeNanos() + " within " + e.latencyNanos());
        }
    }

    @Test
    void events_withoutBatching_haveNoQueueTimeButTheirCompute() throws Exception {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).build()) {
            java.util.concurrent.BlockingQueue<PredictionEvent> events = events(server);
            server.predict(Map.of("x1", 0.5, "x2", 1.5));
            PredictionEvent e = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(e, "the server published the prediction");
            assertEquals(0, e.queueNanos());
            assertTrue(e.computeNanos() > 0 && e.computeNanos() <= e.latencyNanos(),
                    e.computeNanos() + " within " + e.latencyNanos());
        }
    }

    @Test
    void listeners_slowOnes_dropEventsButNeverBlockPredictions() throws Exception {
        ServerConfig config = ServerConfig.newBuilder().listenerQueueCapacity(2).build();
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config).build()) {
            CountDownLatch release = new CountDownLatch(1);
            server.onPrediction(e -> {
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 100; i++) {
                server.predict(Map.of("x1", i, "x2", 0));
            }
            release.countDown();
            assertEquals(100, server.stats().requests());
            assertTrue(server.stats().eventsDropped() >= 97, "dropped " + server.stats().eventsDropped());
        }
    }

    @Test
    void manyPredictions_leaveNoNativeObjectOpen() {
        long[] before = OnnxModelServer.openNativeObjects();
        ServerConfig batched = ServerConfig.newBuilder().batching(16, Duration.ofMillis(1)).build();
        for (ServerConfig config : List.of(ServerConfig.defaults(), batched)) {
            try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config)
                    .build()) {
                Frame frame = Frame.of(DoubleColumn.of("x1", 1, 2, 3), DoubleColumn.of("x2", 3, 2, 1));
                for (int i = 0; i < 2000; i++) {
                    server.predict(Map.of("x1", i * 1e-3, "x2", 0.5));
                    if (i % 10 == 0) {
                        server.predict(frame);
                        server.predict(List.of(Map.of("x1", 1, "x2", 1), Map.of("x1", 2, "x2", 2)));
                        PredictionException e = assertThrows(PredictionException.class,
                                () -> server.predict(Map.of("x1", 1)));
                        assertTrue(e.getMessage().contains("MISSING_INPUT")
                                && e.getMessage().contains("input 'x2'")
                                && e.getMessage().contains("the request has [x1]"), e.getMessage());
                    }
                }
                long[] during = OnnxModelServer.openNativeObjects();
                assertEquals(before[0], during[0], "tensors left open");
                assertEquals(before[1], during[1], "results left open");
            }
        }
        assertArrayEquals(before, OnnxModelServer.openNativeObjects());
    }
}
