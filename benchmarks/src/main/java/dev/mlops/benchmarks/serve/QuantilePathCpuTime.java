package dev.mlops.benchmarks.serve;

import dev.mlops.api.Frame;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * What each candidate quantile path for window profiles costs per value in CPU time of the measuring thread (best
 * of 7), against the budget per value that keeping up with the server's batch predict allows: the CPU of one
 * 1024-row batch predict of the benchmark model, per row, divided by the 22 numeric columns a window profiles
 * (20 inputs, 2 outputs). A ratio above 1 means that path alone is slower than the model. See
 * docs/decisions/113. Prints summary rows without a header.
 */
public final class QuantilePathCpuTime {
    private static final int N = 1 << 20;
    private static final int CHUNK = 1024;
    private static final int COLUMNS = 22;
    private static final int REPEATS = 7;
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private QuantilePathCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        double[] values = new double[N];
        SplittableRandom random = new SplittableRandom(113);
        for (int i = 0; i < N; i++) {
            values[i] = random.nextDouble() + random.nextDouble() + random.nextDouble(); // smooth, no ties
        }
        double[] sortedChunks = values.clone();
        for (int from = 0; from < N; from += CHUNK) {
            Arrays.sort(sortedChunks, from, from + CHUNK);
        }
        double budget;
        Frame frame1024 = ServeFixtures.frame(ServeFixtures.values(1024, 2));
        try (ModelServer server = ModelServer.newBuilder().artifact(ServeFixtures.artifact())
                .config(ServerConfig.newBuilder().threads(1, 1).build()).build()) {
            double predict = best(() -> {
                for (int k = 0; k < 64; k++) {
                    server.predict(frame1024);
                }
            }) / (64 * 1024);
            budget = predict / COLUMNS * 1e9;
        }
        double[] block = new double[1 << 16];
        long[] keys = new long[block.length];
        long[] spare = new long[block.length];
        // The current path: every value into one KLL sketch (k = 200) in 1024-value chunks, a 1M-value window.
        row("kllUpdate", best(() -> kll(values)) / N * 1e9, budget);
        // The same with each chunk already sorted: what compaction costs beyond sorting level 0.
        row("kllUpdateSortedInput", best(() -> kll(sortedChunks)) / N * 1e9, budget);
        // Exact windows must sort their values once (at close) before any rank query.
        row("arraysSort1024", best(() -> sortBlocks(values, new double[1024])) / N * 1e9, budget);
        row("arraysSort65536", best(() -> sortBlocks(values, block)) / N * 1e9, budget);
        row("radixSort65536", best(() -> {
            for (int from = 0; from < N; from += block.length) {
                System.arraycopy(values, from, block, 0, block.length);
                radixSort(block, keys, spare);
            }
        }) / N * 1e9, budget);
        // A value copied into a growing primitive buffer: the floor of any path that looks at every value.
        row("copyToBuffer", best(() -> {
            double[] buffer = new double[N];
            for (int from = 0; from < N; from += CHUNK) {
                System.arraycopy(values, from, buffer, from, CHUNK);
            }
        }) / N * 1e9, budget);
    }

    private static void kll(double[] values) {
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (int from = 0; from < values.length; from += CHUNK) {
            sketch.update(values, from, CHUNK);
        }
    }

    private static void sortBlocks(double[] values, double[] block) {
        for (int from = 0; from < values.length; from += block.length) {
            System.arraycopy(values, from, block, 0, block.length);
            Arrays.sort(block);
        }
    }

    /** LSD radix sort on the order-preserving bits of finite doubles, 8 bits a pass, passes with one digit skipped. */
    static void radixSort(double[] a, long[] keys, long[] spare) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToRawLongBits(a[i]);
            keys[i] = b ^ ((b >> 63) | Long.MIN_VALUE);
        }
        int[] count = new int[256];
        long[] from = keys;
        long[] to = spare;
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (from[i] >>> shift) & 255]++;
            }
            if (count[(int) (from[0] >>> shift) & 255] == n) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = from[i];
                to[count[(int) (k >>> shift) & 255]++] = k;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        for (int i = 0; i < n; i++) {
            long k = from[i];
            a[i] = Double.longBitsToDouble(k < 0 ? k ^ Long.MIN_VALUE : ~k);
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** The least CPU seconds of the measuring thread over 7 runs, after one warm-up run. */
    private static double best(Work work) throws Exception {
        work.run();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < REPEATS; i++) {
            long t0 = MX.getCurrentThreadCpuTime();
            work.run();
            best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        return best;
    }

    private static void row(String name, double nsPerValue, double budget) {
        System.out.printf(Locale.ROOT, "serve.QuantilePathCpuTime.%s,cpu per value (lower is better),ns,%.4g,"
                + "serve.QuantilePathCpuTime.predict1024PerRowPer22Columns,%.4g,%.4g%n",
                name, nsPerValue, budget, nsPerValue / budget);
    }
}
