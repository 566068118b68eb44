package dev.mlops.benchmarks.serve;

import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Dynamic batching against none (issue 13.3), the same server otherwise (one ONNX Runtime thread per run, so the
 * parallelism comes from the callers): 32 concurrent callers of one-row predicts (blocking platform threads; 32
 * requests in flight through {@code predictAsync}; and, on JDK 21 and later, blocking virtual threads), and a lone
 * caller. Each figure
 * is the best of 5 runs, on and off taken in turn so both see the same machine. Throughput is given twice: rows
 * per CPU-second of the whole process (survives a machine shared with other work, since time the process waits
 * for a core is not counted) and rows per wall second; p50 and p99 latency beside them.
 */
final class BatchingCpuTime {
    private static final int CALLERS = 32;
    private static final int EACH = 1000;
    private static final int RUNS = 5;
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private BatchingCpuTime() {
    }

    static void run(ServeMeasurements.Row row) throws Exception {
        // The default (never hold a batch to fill it) and a 200 us fill wait, the setting issue 13.3 measured.
        for (long delayMicros : new long[] {0, 200}) {
            run(row, delayMicros);
        }
        handOff(row);
    }

    /**
     * The floor under any batching of synchronous callers: each waiting caller is parked and unparked once per
     * request. Two threads hand a turn back and forth with {@code LockSupport.park/unpark}; the figure is the CPU of
     * both threads per hand-off, best of 5 runs of 100 000.
     */
    private static void handOff(ServeMeasurements.Row row) throws InterruptedException {
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 6; run++) {
            int n = 100_000;
            AtomicInteger turn = new AtomicInteger();
            Thread[] pair = new Thread[2];
            long[] cpu = new long[2];
            for (int k = 0; k < 2; k++) {
                int me = k;
                pair[k] = new Thread(() -> {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        while (turn.get() != me) {
                            LockSupport.park();
                        }
                        turn.set(1 - me);
                        LockSupport.unpark(pair[1 - me]);
                    }
                    cpu[me] = THREADS.getCurrentThreadCpuTime() - c0;
                });
            }
            pair[0].start();
            pair[1].start();
            pair[0].join();
            pair[1].join();
            if (run > 0) { // the first warms up
                best = Math.min(best, (cpu[0] + cpu[1]) / 1e3 / (2.0 * n));
            }
        }
        row.print("parkUnparkHandOff", "cpu per hand-off (lower is better)", "us", best, "", Double.NaN);
    }

    private static void run(ServeMeasurements.Row row, long delayMicros) throws Exception {
        List<Map<String, Object>> records = ServeFixtures.records(ServeFixtures.values(256, 3));
        ServerConfig on = ServerConfig.newBuilder().threads(1, 1).batching(32, Duration.ofNanos(delayMicros * 1000))
                .build();
        ServerConfig off = ServerConfig.newBuilder().threads(1, 1).build();
        try (ModelServer batched = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(on).build();
             ModelServer unbatched = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(off).build()) {
            ModelServer[] servers = {batched, unbatched};
            for (int callers : new int[] {CALLERS, 1}) {
                int each = callers == 1 ? 8000 : EACH;
                compare(row, "[callers=" + callers + "][maxQueueDelay=" + delayMicros + "us]", servers,
                        s -> measure(s, records, callers, each, false));
            }
            if (delayMicros == 0) {
                compare(row, "[asyncInFlight=" + CALLERS + "][maxQueueDelay=0us]", servers,
                        s -> measureAsync(s, records, CALLERS, EACH));
                if (Runtime.version().feature() >= 21) {
                    compare(row, "[virtualCallers=" + CALLERS + "][maxQueueDelay=0us]", servers,
                            s -> measure(s, records, CALLERS, EACH, true));
                }
            }
        }
    }

    /** One way of calling a server, measured: see {@link #measure}. */
    private interface Client {
        double[] measure(ModelServer server) throws InterruptedException;
    }

    /** Batching on against off, one warm-up each, then best of {@link #RUNS} in turn. */
    private static void compare(ServeMeasurements.Row row, String c, ModelServer[] servers, Client client)
            throws InterruptedException {
        double[][] best = new double[2][];
        for (ModelServer s : servers) {
            client.measure(s); // warm-up
        }
        for (int run = 0; run < RUNS; run++) {
            for (int m = 0; m < 2; m++) {
                double[] r = client.measure(servers[m]);
                if (best[m] == null) {
                    best[m] = r;
                } else {
                    for (int k = 0; k < r.length; k++) {
                        // throughputs (0, 1, 4): higher is better; latencies (2, 3): lower is better
                        boolean throughput = k < 2 || k == 4;
                        best[m][k] = throughput ? Math.max(best[m][k], r[k]) : Math.min(best[m][k], r[k]);
                    }
                }
            }
        }
        row.print("cpuThroughput" + c + "[batching=on]", "rows/cpu-s (higher is better)", "rows/s",
                best[0][0], "batching=off", best[1][0]);
        row.print("threadCpuThroughput" + c + "[batching=on]", "rows/thread-cpu-s (higher is better)",
                "rows/s", best[0][4], "batching=off", best[1][4]);
        row.print("wallThroughput" + c + "[batching=on]", "rows/s (higher is better)", "rows/s",
                best[0][1], "batching=off", best[1][1]);
        row.print("p50Latency" + c + "[batching=on]", "p50 (lower is better)", "us", best[0][2],
                "batching=off", best[1][2]);
        row.print("p99Latency" + c + "[batching=on]", "p99 (lower is better)", "us", best[0][3],
                "batching=off", best[1][3]);
    }

    /**
     * As {@link #measure}, for a client that keeps {@code inFlight} requests under way through
     * {@link ModelServer#predictAsync} (as an event-loop host does): two threads start the chains, and each chain
     * sends its next request when the last completes. No thread waits per request; without batching each request
     * runs on the thread that sends it.
     */
    private static double[] measureAsync(ModelServer server, List<Map<String, Object>> records, int inFlight,
                                         int each) throws InterruptedException {
        int starters = 2;
        long[] latencies = new long[inFlight * each];
        CountDownLatch done = new CountDownLatch(inFlight);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        double[] r = timed(starters, false, latencies, done, me -> {
            for (int chain = me; chain < inFlight; chain += starters) {
                new Chain(server, records, chain * each, each, latencies, done, failed).next();
            }
        });
        if (failed.get() != null) {
            throw new IllegalStateException("an asynchronous prediction failed", failed.get());
        }
        return r;
    }

    /** One chain of requests, each sent when the one before completes; loops while they complete at once. */
    private static final class Chain {
        private final ModelServer server;
        private final List<Map<String, Object>> records;
        private final int base;
        private final int each;
        private final long[] latencies;
        private final CountDownLatch done;
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failed;
        private int sent;

        Chain(ModelServer server, List<Map<String, Object>> records, int base, int each, long[] latencies,
              CountDownLatch done, java.util.concurrent.atomic.AtomicReference<Throwable> failed) {
            this.server = server;
            this.records = records;
            this.base = base;
            this.each = each;
            this.latencies = latencies;
            this.done = done;
            this.failed = failed;
        }

        void next() {
            while (sent < each && failed.get() == null) {
                int k = base + sent++;
                long s = System.nanoTime();
                java.util.concurrent.CompletableFuture<?> f = server.predictAsync(null, records.get(k & 255));
                if (!f.isDone()) {
                    f.whenComplete((p, e) -> {
                        latencies[k] = System.nanoTime() - s;
                        if (e != null) {
                            failed.compareAndSet(null, e);
                        }
                        next();
                    });
                    return;
                }
                latencies[k] = System.nanoTime() - s;
                if (f.isCompletedExceptionally()) {
                    f.whenComplete((p, e) -> failed.compareAndSet(null, e));
                }
            }
            done.countDown();
        }
    }

    /**
     * {@code threads} callers, each {@code each} blocking predictions in turn, on platform threads or on virtual
     * threads (JDK 21 and later), where a caller waiting for its batch parks without an operating-system context
     * switch: see {@link #timed}.
     */
    private static double[] measure(ModelServer server, List<Map<String, Object>> records, int threads, int each,
                                    boolean virtual) throws InterruptedException {
        long[] latencies = new long[threads * each];
        return timed(threads, virtual, latencies, new CountDownLatch(0), t -> {
            for (int i = t * each; i < (t + 1) * each; i++) {
                long s = System.nanoTime();
                server.predict(records.get(i & 255));
                latencies[i] = System.nanoTime() - s;
            }
        });
    }

    /**
     * Runs {@code body} on {@code threads} threads started together, waits for them and for {@code done}, and gives
     * rows per process CPU-second, rows per wall second, p50 and p99 of {@code latencies} (us, one per row), and
     * rows per thread CPU-second: the CPU clocks of the threads (read by each at its end) and of every other JVM
     * thread (the batcher's, GC, JIT), which count in nanoseconds where the process figure counts in 10 ms ticks
     * and also holds kernel work no thread is charged with.
     */
    private static double[] timed(int threads, boolean virtual, long[] latencies, CountDownLatch done,
                                  java.util.function.IntConsumer body) throws InterruptedException {
        long[] ownCpu = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            ts[t] = newThread(virtual, () -> {
                ready.countDown();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                // A virtual thread has no CPU clock of its own; its carriers' clocks are counted with the others.
                long c0 = virtual ? 0 : THREADS.getCurrentThreadCpuTime();
                body.accept(me);
                ownCpu[me] = virtual ? 0 : THREADS.getCurrentThreadCpuTime() - c0;
            });
            ts[t].start();
        }
        ready.await();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Thread t : ts) {
            ids.add(t.getId());
        }
        Map<Long, Long> others0 = otherThreadsCpu(ids);
        long cpu0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        start.countDown();
        for (Thread t : ts) {
            t.join();
        }
        done.await();
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
        long threadCpu = Arrays.stream(ownCpu).sum();
        for (Map.Entry<Long, Long> e : otherThreadsCpu(ids).entrySet()) {
            threadCpu += e.getValue() - others0.getOrDefault(e.getKey(), 0L);
        }
        Arrays.sort(latencies);
        int n = latencies.length;
        return new double[] {n / cpu, n / wall, latencies[n / 2] / 1e3, latencies[(int) (n * 0.99)] / 1e3,
                n / (threadCpu / 1e9)};
    }

    /** An unstarted platform thread, or a virtual one, made by reflection since this code is compiled for 17. */
    private static Thread newThread(boolean virtual, Runnable body) {
        if (!virtual) {
            return new Thread(body);
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                    .invoke(builder, body);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Virtual threads need JDK 21 or later", e);
        }
    }

    /** The CPU nanoseconds of every live JVM thread but the callers, by thread id. */
    private static Map<Long, Long> otherThreadsCpu(java.util.Set<Long> callers) {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long t = callers.contains(id) ? -1 : THREADS.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }
}
