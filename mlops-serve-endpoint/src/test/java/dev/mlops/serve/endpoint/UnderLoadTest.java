package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.serve.ModelServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many loopback callers, bounded in count (at most {@value #MAX} requests each): overload is only ever 429, retains no
 * memory round after round, and a hot reload in the middle of the load loses no request.
 */
class UnderLoadTest {
    private static final int CALLERS = 8;
    private static final int EACH = 40;
    private static final int MAX = 5_000;
    private static final String ONE = Http.logregRequest("load", new float[] {1}, new float[] {2});

    /** Overload rounds, and the requests of each caller in one round. */
    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 250;
    /**
     * How much more heap the last round may retain than the second: 4 MiB over 3 rounds of 2000 requests is about
     * 700 bytes per request, so a leak of a request body, a response or an exception per request shows (a 2 KiB
     * array kept per answered request fails it by 7 MiB), while pool and JIT noise does not (measured: about 5 KiB
     * per round on a shared 2-core machine).
     */
    private static final long TOLERANCE_BYTES = 4L << 20;

    @TempDir
    Path root;

    /** Heap still used after full collections: the least of a few, since one collection may leave garbage behind. */
    private static long retainedHeap() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /**
     * Each caller posts until {@code done} has held for {@code after} of its requests, at most {@code MAX} in all;
     * every request counts down {@code started}.
     */
    private static Map<Integer, Integer> hammer(Http http, CountDownLatch started, BooleanSupplier done, int after,
                                                Set<String> versions) throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<?>> callers = new java.util.ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                callers.add(pool.submit(() -> {
                    int afterDone = 0;
                    for (int i = 0; i < MAX && afterDone < after; i++) {
                        boolean wasDone = done.getAsBoolean();
                        Http.Reply r = http.post("v2/models/logreg/infer", ONE);
                        statuses.merge(r.status(), 1, Integer::sum);
                        if (r.status() == 200) {
                            versions.add(r.json().get("model_version").asText());
                        }
                        started.countDown();
                        if (wasDone) {
                            afterDone++;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : callers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return statuses;
    }

    @Test
    void overload_moreCallersThanAdmitted_getOnly429sBesideTheAnswers() throws Exception {
        try (ModelServer logreg = Models.logreg();
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", logreg)
                     .config(EndpointConfig.newBuilder().maxConcurrentRequests(1).build()).build()) {
            Map<Integer, Integer> statuses = hammer(new Http(endpoint.httpUri()), new CountDownLatch(0), () -> true,
                    EACH, ConcurrentHashMap.newKeySet());
            assertEquals(CALLERS * EACH, statuses.values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(Set.of(200, 429).containsAll(statuses.keySet()), "only answers and 429s: " + statuses);
            assertTrue(statuses.getOrDefault(200, 0) > 0, statuses.toString());
            assertEquals(200, new Http(endpoint.httpUri()).post("v2/models/logreg/infer", ONE).status());
        }
    }

    @Test
    void overload_inRounds_retainsNoMoreHeap_andAnswersOnly200sAnd429s() throws Exception {
        try (ModelServer logreg = Models.logreg();
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", logreg)
                     .config(EndpointConfig.newBuilder().maxConcurrentRequests(1).build()).build()) {
            Http http = new Http(endpoint.httpUri());
            java.util.concurrent.LinkedBlockingQueue<String> marks = new java.util.concurrent.LinkedBlockingQueue<>();
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            long[] retained = new long[ROUNDS + 1];
            try (AutoCloseable subscription = logreg.onPrediction(e -> {
                if (e.requestIds().get(0).startsWith("mark-")) {
                    marks.add(e.requestIds().get(0));
                }
            })) {
                for (int round = 1; round <= ROUNDS; round++) {
                    hammer(http, new CountDownLatch(0), () -> true, PER_ROUND, ConcurrentHashMap.newKeySet())
                            .forEach((status, n) -> statuses.merge(status, n, Integer::sum));
                    // one request after the round: once its event arrives, every earlier event has been handled
                    String mark = "mark-" + round;
                    assertEquals(200, http.post("v2/models/logreg/infer",
                            Http.logregRequest(mark, new float[] {1}, new float[] {2})).status());
                    assertEquals(mark, marks.poll(30, TimeUnit.SECONDS), "the listeners caught up");
                    retained[round] = retainedHeap();
                }
            }
            assertEquals(CALLERS * PER_ROUND * ROUNDS, statuses.values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(Set.of(200, 429), statuses.keySet(), "answers and 429s, nothing else: " + statuses);
            long growth = retained[ROUNDS] - retained[2];
            assertTrue(growth <= TOLERANCE_BYTES, "retained heap grew by " + (growth >> 10) + " KiB from round 2 to "
                    + "round " + ROUNDS + " (" + Arrays.toString(retained) + "), more than the "
                    + (TOLERANCE_BYTES >> 10) + " KiB allowed; statuses " + statuses);
        }
    }

    @Test
    void hotReload_underLoad_failsNoRequest() throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        ModelArtifact artifact = ModelArtifact.newBuilder().model(Models.bytes("logreg")).signature(Models.logregSignature())
                .build();
        repo.register("logreg", artifact);
        repo.register("logreg", artifact);
        repo.setAlias("logreg", "production", 1);
        try (ModelServer server = ModelServer.load(repo, "logreg@production");
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", server).build()) {
            CountDownLatch started = new CountDownLatch(CALLERS * EACH);
            Set<String> versions = ConcurrentHashMap.newKeySet();
            AtomicInteger swapped = new AtomicInteger();
            Thread reloader = new Thread(() -> {
                try {
                    started.await();
                    repo.setAlias("logreg", "production", 2);
                    if (server.refresh()) {
                        swapped.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            reloader.start();
            Map<Integer, Integer> statuses = hammer(new Http(endpoint.httpUri()), started,
                    () -> swapped.get() > 0, EACH, versions);
            reloader.join(60_000);
            assertEquals(1, swapped.get());
            assertEquals(Set.of(200), statuses.keySet(), "no request failed across the swap: " + statuses);
            assertEquals(Set.of("1", "2"), versions, "both versions answered");
        }
    }
}
