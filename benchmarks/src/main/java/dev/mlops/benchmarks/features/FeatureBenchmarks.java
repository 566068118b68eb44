package dev.mlops.benchmarks.features;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.benchmarks.Floor;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureSelector;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feature ranking and preprocessing throughput, each beside its floor.
 *
 * <p>Ranking: 100k rows x 50 numeric features, 5 of them informative (f07, f17, f27, f37, f47), a binary label;
 * the data is generated from a seed and also written to {@code benchmarks/target/mi-100k-50.csv} for the peer
 * {@code benchmarks/peers/mi_sklearn.py} (scikit-learn's {@code mutual_info_classif}). The floor is a bare pass
 * over the same arrays building one equal-width class histogram per feature (ranges precomputed): the least work any
 * binned estimator does.
 *
 * <p>Preprocessing: a fitted chain (median imputation, standard scaling of 8 numeric columns, one-hot of 2
 * categorical columns) applied to 100k rows, in input cells per second, against a hand-written loop doing the same
 * arithmetic on the raw arrays.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class FeatureBenchmarks {
    static final int ROWS = 100_000;
    static final int FEATURES = 50;
    static final int[] INFORMATIVE = {7, 17, 27, 37, 47};
    static final int BINS = 32;
    static final long SEED = 20261127L;
    static final int CHAIN_ROWS = 100_000;
    static final int CHAIN_NUMERIC = 8;
    static final int CHAIN_CELLS = CHAIN_ROWS * (CHAIN_NUMERIC + 2);

    Frame frame;
    double[][] columns;
    int[] labels;
    double[] mins;
    double[] widths;

    Frame chainFrame;
    FittedPreprocessing chain;
    double[][] chainNumbers;
    int[][] chainCodes;
    double[] medians;
    double[] means;
    double[] scales;
    int[][] codeToSlot;
    int[] slots;

    /** The ranking data: label {@code class} ("a"/"b"), features f00..f49. */
    public static Frame rankingFrame() {
        SplittableRandom r = new SplittableRandom(SEED);
        double[][] x = new double[FEATURES][ROWS];
        String[] y = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            boolean b = r.nextBoolean();
            y[i] = b ? "b" : "a";
            for (int j = 0; j < FEATURES; j++) {
                x[j][i] = r.nextGaussian();
            }
            for (int k = 0; k < INFORMATIVE.length; k++) {
                // Shifts 0.3 to 1.1: each informative feature clearly more informative than the last.
                x[INFORMATIVE[k]][i] += b ? 0.3 + 0.2 * k : 0;
            }
        }
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            cols.add(DoubleColumn.of(String.format("f%02d", j), x[j]));
        }
        cols.add(CategoricalColumn.of("class", y));
        return Frame.of(cols);
    }

    /** Writes the ranking data as CSV for the scikit-learn peer. */
    public static void writeCsv(Frame f, Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write(String.join(",", f.columnNames()));
            w.write('\n');
            double[][] x = new double[FEATURES][];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = f.doubles(f.column(j).name()).toArray();
            }
            CategoricalColumn y = f.categorical("class");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.rowCount(); i++) {
                sb.setLength(0);
                for (int j = 0; j < FEATURES; j++) {
                    sb.append(x[j][i]).append(',');
                }
                sb.append(y.getString(i)).append('\n');
                w.write(sb.toString());
            }
        }
    }

    /** Writes {@code benchmarks/target/mi-100k-50.csv} (or the path given) and prints the MI top 5. */
    public static void main(String[] args) throws IOException {
        Frame f = rankingFrame();
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/mi-100k-50.csv");
        writeCsv(f, out);
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(f, "class");
        System.out.println("wrote " + out + "; MI top 5: " + ranking.top(5).columns());
    }

    @Setup(Level.Trial)
    public void setUp() {
        frame = rankingFrame();
        columns = new double[FEATURES][];
        mins = new double[FEATURES];
        widths = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            columns[j] = frame.doubles(frame.column(j).name()).toArray();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : columns[j]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            mins[j] = lo;
            widths[j] = BINS / (hi - lo) * (1 - 1e-9);
        }
        labels = frame.categorical("class").toCodes();
        frame.fingerprint(); // computed once per frame and cached, as in any pipeline
        FeatureRanking check = FeatureSelector.mutualInformation().rank(frame, "class");
        List<String> top = check.top(5).columns();
        for (int k : INFORMATIVE) {
            if (!top.contains(String.format("f%02d", k))) {
                throw new IllegalStateException("Informative feature f" + k + " not in the MI top 5: " + top);
            }
        }
        setUpChain();
    }

    private void setUpChain() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        List<Column> cols = new ArrayList<>();
        String[] names = new String[CHAIN_NUMERIC];
        chainNumbers = new double[CHAIN_NUMERIC][];
        for (int j = 0; j < CHAIN_NUMERIC; j++) {
            double[] v = new double[CHAIN_ROWS];
            for (int i = 0; i < CHAIN_ROWS; i++) {
                v[i] = r.nextInt(50) == 0 ? Double.NaN : r.nextGaussian() * (j + 1) + j;
            }
            names[j] = "n" + j;
            cols.add(DoubleColumn.of(names[j], v));
        }
        String[][] levels = {{"red", "green", "blue"}, {"a", "b", "c", "d", "e", "f", "g"}};
        for (int c = 0; c < 2; c++) {
            String[] s = new String[CHAIN_ROWS];
            for (int i = 0; i < CHAIN_ROWS; i++) {
                s[i] = levels[c][r.nextInt(levels[c].length)];
            }
            cols.add(CategoricalColumn.of("c" + c, s));
        }
        chainFrame = Frame.of(cols);
        chain = Preprocessing.newBuilder().impute(Transform.Imputation.MEDIAN, names)
                .scale(Transform.Scaling.STANDARD, names).oneHot(Transform.UnseenCategories.IGNORE, "c0", "c1")
                .build().fit(chainFrame);
        // The floor's parameters: the same fitted values, read from the fitted chain's JSON-visible records.
        medians = new double[CHAIN_NUMERIC];
        means = new double[CHAIN_NUMERIC];
        scales = new double[CHAIN_NUMERIC];
        Frame imputed = chain.steps().get(0).apply(chainFrame);
        for (int j = 0; j < CHAIN_NUMERIC; j++) {
            chainNumbers[j] = chainFrame.doubles(names[j]).toArray();
            double[] sorted = chainFrame.doubles(names[j]).toArray();
            sorted = java.util.Arrays.stream(sorted).filter(v -> !Double.isNaN(v)).sorted().toArray();
            int m = sorted.length;
            medians[j] = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
            double[] v = imputed.doubles(names[j]).toArray();
            double s = 0;
            for (double x : v) {
                s += x;
            }
            means[j] = s / v.length;
            double ss = 0;
            for (double x : v) {
                ss += (x - means[j]) * (x - means[j]);
            }
            scales[j] = 1 / Math.sqrt(ss / v.length);
        }
        chainCodes = new int[2][];
        codeToSlot = new int[2][];
        slots = new int[2];
        for (int c = 0; c < 2; c++) {
            CategoricalColumn cc = chainFrame.categorical("c" + c);
            chainCodes[c] = cc.toCodes();
            List<String> sortedLabels = cc.dictionary().stream().sorted().toList();
            codeToSlot[c] = new int[cc.dictionary().size()];
            for (int k = 0; k < codeToSlot[c].length; k++) {
                codeToSlot[c][k] = sortedLabels.indexOf(cc.dictionary().get(k));
            }
            slots[c] = sortedLabels.size();
        }
    }

    /** Ranks 100k x 50 by mutual information. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Floor("histogramFloor")
    public FeatureRanking rankMutualInformation() {
        return FeatureSelector.mutualInformation().rank(frame, "class");
    }

    /** The floor: one equal-width class histogram per feature over the raw arrays, ranges known in advance. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long histogramFloor() {
        long total = 0;
        int[] counts = new int[BINS * 2];
        for (int j = 0; j < FEATURES; j++) {
            java.util.Arrays.fill(counts, 0);
            double[] x = columns[j];
            double lo = mins[j];
            double w = widths[j];
            for (int i = 0; i < x.length; i++) {
                counts[((int) ((x[i] - lo) * w) << 1) + labels[i]]++;
            }
            total += counts[j % counts.length];
        }
        return total;
    }

    /** A fitted chain (impute, scale, one-hot) applied to 100k rows; score in input cells per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHAIN_CELLS)
    @Floor("handWrittenChainFloor")
    public Frame applyFittedChain() {
        return chain.apply(chainFrame);
    }

    /** The floor: the same imputation, scaling and one-hot written as loops over the raw arrays. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CHAIN_CELLS)
    public double[][] handWrittenChainFloor() {
        double[][] out = new double[CHAIN_NUMERIC + slots[0] + slots[1]][CHAIN_ROWS];
        for (int j = 0; j < CHAIN_NUMERIC; j++) {
            double[] x = chainNumbers[j];
            double[] o = out[j];
            double med = medians[j];
            double mean = means[j];
            double scale = scales[j];
            for (int i = 0; i < CHAIN_ROWS; i++) {
                double v = x[i];
                o[i] = ((v != v ? med : v) - mean) * scale;
            }
        }
        int base = CHAIN_NUMERIC;
        for (int c = 0; c < 2; c++) {
            int[] codes = chainCodes[c];
            int[] map = codeToSlot[c];
            for (int i = 0; i < CHAIN_ROWS; i++) {
                out[base + map[codes[i]]][i] = 1;
            }
            base += slots[c];
        }
        return out;
    }
}
