package dev.mlops.benchmarks.serve;

import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Dynamic batching against none (issue 13.3), the same server otherwise (one ONNX Runtime thread per run, so the
 * parallelism comes from the callers): 32 concurrent callers of one-row predicts, and a lone caller. Each figure
 * is the best of 5 runs, on and off taken in turn so both see the same machine. Throughput is given twice: rows
 * per CPU-second of the whole process (survives a machine shared with other work, since time the process waits
 * for a core is not counted) and rows per wall second; p50 and p99 latency beside them.
 */
final class BatchingCpuTime {
    private static final int CALLERS = 32;
    private static final int EACH = 1000;
    private static final int RUNS = 5;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private BatchingCpuTime() {
    }

    static void run(ServeMeasurements.Row row) throws Exception {
        List<Map<String, Object>> records = ServeFixtures.records(ServeFixtures.values(256, 3));
        ServerConfig on = ServerConfig.newBuilder().threads(1, 1).batching(32, Duration.ofNanos(200_000)).build();
        ServerConfig off = ServerConfig.newBuilder().threads(1, 1).build();
        try (ModelServer batched = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(on).build();
             ModelServer unbatched = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(off).build()) {
            ModelServer[] servers = {batched, unbatched};
            for (int callers : new int[] {CALLERS, 1}) {
                int each = callers == 1 ? 8000 : EACH;
                double[][] best = new double[2][];
                for (ModelServer s : servers) {
                    measure(s, records, callers, each); // warm-up
                }
                for (int run = 0; run < RUNS; run++) {
                    for (int m = 0; m < 2; m++) {
                        double[] r = measure(servers[m], records, callers, each);
                        if (best[m] == null) {
                            best[m] = r;
                        } else {
                            for (int k = 0; k < r.length; k++) {
                                // throughputs (0, 1): higher is better; latencies (2, 3): lower is better
                                best[m][k] = k < 2 ? Math.max(best[m][k], r[k]) : Math.min(best[m][k], r[k]);
                            }
                        }
                    }
                }
                String c = "[callers=" + callers + "]";
                row.print("cpuThroughput" + c + "[batching=on]", "rows/cpu-s (higher is better)", "rows/s",
                        best[0][0], "batching=off", best[1][0]);
                row.print("wallThroughput" + c + "[batching=on]", "rows/s (higher is better)", "rows/s",
                        best[0][1], "batching=off", best[1][1]);
                row.print("p50Latency" + c + "[batching=on]", "p50 (lower is better)", "us", best[0][2],
                        "batching=off", best[1][2]);
                row.print("p99Latency" + c + "[batching=on]", "p99 (lower is better)", "us", best[0][3],
                        "batching=off", best[1][3]);
            }
        }
    }

    /** Rows per process CPU-second, rows per wall second, p50 and p99 latency (us). */
    private static double[] measure(ModelServer server, List<Map<String, Object>> records, int threads, int each)
            throws InterruptedException {
        long[] latencies = new long[threads * each];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            ts[t] = new Thread(() -> {
                ready.countDown();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    long s = System.nanoTime();
                    server.predict(records.get((base + i) & 255));
                    latencies[base + i] = System.nanoTime() - s;
                }
            });
            ts[t].start();
        }
        ready.await();
        long cpu0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        start.countDown();
        for (Thread t : ts) {
            t.join();
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
        Arrays.sort(latencies);
        int n = latencies.length;
        return new double[] {n / cpu, n / wall, latencies[n / 2] / 1e3, latencies[(int) (n * 0.99)] / 1e3};
    }
}
