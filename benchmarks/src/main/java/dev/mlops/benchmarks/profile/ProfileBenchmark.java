package dev.mlops.benchmarks.profile;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.benchmarks.Floor;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full column profiles (moments, KLL quantiles, HLL distinct counts, frequent items) of a 1M-row x 20-column frame,
 * in cells per second (one operation = one cell). Mixes: {@code numeric} is 20 NUMERIC columns; {@code mixed} is 16
 * NUMERIC (1% missing), 2 INTEGER and 2 CATEGORICAL (20 and 1000 labels). The floor is the bare moments loop (count,
 * sum, min, max, then squared deviations) over the same primitive arrays, plus code counts for categories.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProfileBenchmark {
    static final int ROWS = 1_000_000;
    static final int COLUMNS = 20;
    static final int CELLS = ROWS * COLUMNS;

    @Param({"numeric", "mixed"})
    public String mix;

    private Frame frame;
    private double[][] numbers;
    private int[][] codes;
    private int[] cardinality;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        List<Column> columns = new ArrayList<>();
        List<double[]> nums = new ArrayList<>();
        List<int[]> cats = new ArrayList<>();
        List<Integer> card = new ArrayList<>();
        int numeric = mix.equals("numeric") ? COLUMNS : 16;
        for (int c = 0; c < numeric; c++) {
            double[] v = new double[ROWS];
            for (int r = 0; r < ROWS; r++) {
                v[r] = mix.equals("mixed") && rnd.nextInt(100) == 0 ? Double.NaN
                        : c % 2 == 0 ? rnd.nextDouble() * 1000 : -Math.log(1 - rnd.nextDouble()) * 50;
            }
            columns.add(DoubleColumn.of(Field.numeric("x" + c), v));
            nums.add(v);
        }
        if (mix.equals("mixed")) {
            for (int c = 0; c < 2; c++) {
                long[] v = new long[ROWS];
                double[] d = new double[ROWS];
                for (int r = 0; r < ROWS; r++) {
                    v[r] = rnd.nextInt(c == 0 ? 100 : 100_000);
                    d[r] = v[r];
                }
                columns.add(LongColumn.of("i" + c, v));
                nums.add(d);
            }
            for (int c = 0; c < 2; c++) {
                int k = c == 0 ? 20 : 1000;
                List<String> dict = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    dict.add("label-" + i);
                }
                int[] v = new int[ROWS];
                for (int r = 0; r < ROWS; r++) {
                    v[r] = rnd.nextInt(k);
                }
                columns.add(CategoricalColumn.fromCodes(Field.categorical("c" + c), v, dict));
                cats.add(v);
                card.add(k);
            }
        }
        frame = Frame.of(columns);
        numbers = nums.toArray(double[][]::new);
        codes = cats.toArray(int[][]::new);
        cardinality = card.stream().mapToInt(Integer::intValue).toArray();
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /** One thread profiles every column. */
    @Benchmark
    @OperationsPerInvocation(CELLS)
    @Floor("momentsFloor")
    public Profile profileOneThread() {
        return Profile.of(frame);
    }

    /** Two partitions profiled on two threads, then merged. */
    @Benchmark
    @OperationsPerInvocation(CELLS)
    @Floor("momentsFloor")
    public Profile profileTwoThreads() {
        return Profile.ofPartitions(frame, 2, ProfileOptions.DEFAULTS, pool);
    }

    /**
     * The same sketches updated by hand over the raw arrays (moments loop, KLL k = 200, HLL lgK = 12, exact code
     * counts fed to an ItemsSketch): what the profile costs without our code, to show what the SDK adds.
     */
    @Benchmark
    @OperationsPerInvocation(CELLS)
    @Floor("momentsFloor")
    public void rawSketches(Blackhole bh) {
        for (double[] v : numbers) {
            KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(200);
            HllSketch hll = new HllSketch(12);
            long n = 0;
            double sum = 0;
            for (double x : v) {
                if (x == x) {
                    n++;
                    sum += x;
                    kll.update(x);
                    hll.update(x);
                }
            }
            double mean = sum / n;
            double m2 = 0;
            for (double x : v) {
                if (x == x) {
                    double d = x - mean;
                    m2 += d * d;
                }
            }
            bh.consume(m2);
            bh.consume(kll);
            bh.consume(hll);
        }
        for (int i = 0; i < codes.length; i++) {
            int[] counts = new int[cardinality[i]];
            for (int c : codes[i]) {
                counts[c]++;
            }
            ItemsSketch<String> items = new ItemsSketch<>(128);
            HllSketch hll = new HllSketch(12);
            for (int c = 0; c < counts.length; c++) {
                items.update("label-" + c, counts[c]);
                hll.update("label-" + c);
            }
            bh.consume(items);
            bh.consume(hll);
        }
    }

    /** The floor: count, sum, min, max and squared deviations over the raw arrays; code counts for categories. */
    @Benchmark
    @OperationsPerInvocation(CELLS)
    public void momentsFloor(Blackhole bh) {
        for (double[] v : numbers) {
            long n = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                if (x == x) {
                    n++;
                    sum += x;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
            double mean = sum / n;
            double m2 = 0;
            for (double x : v) {
                if (x == x) {
                    double d = x - mean;
                    m2 += d * d;
                }
            }
            bh.consume(n);
            bh.consume(min);
            bh.consume(max);
            bh.consume(m2);
        }
        for (int i = 0; i < codes.length; i++) {
            int[] counts = new int[cardinality[i]];
            for (int c : codes[i]) {
                counts[c]++;
            }
            bh.consume(counts);
        }
    }
}
