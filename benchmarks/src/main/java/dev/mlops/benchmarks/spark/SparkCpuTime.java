package dev.mlops.benchmarks.spark;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.data.CsvSource;
import dev.mlops.data.profile.Profile;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.serve.ModelServer;
import dev.mlops.spark.SparkFrames;
import dev.mlops.spark.SparkProfiles;
import dev.mlops.spark.SparkScoring;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ModelPackager;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * mlops-spark against the single-machine path, in work per CPU-second of the whole process (Spark works on many
 * threads; best of N): the profile of a 1M-row x 20-column Dataset (14 double, 3 bigint, 3 string columns) on
 * {@code local[2]} against {@code Profile.of} of the same rows as a frame, and credit-model scoring rows per
 * CPU-second on Spark against the in-process server's frame (batch) path. Spark is provided, so run it from the
 * repository root on the test class path:
 * <pre>
 * mvn -B -q -pl benchmarks -am package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test -DskipTests
 * java -Xmx3g -cp benchmarks/target/classes:$(cat /tmp/cp.txt) dev.mlops.benchmarks.spark.SparkCpuTime 3
 * </pre>
 * From the shaded jar (no Spark) it says so on stderr and prints nothing. Prints summary rows without a header.
 */
public final class SparkCpuTime {
    private static final int ROWS = 1_000_000;
    private static final String[] LABELS = IntStream.range(0, 50).mapToObj(i -> "v" + i).toArray(String[]::new);

    private SparkCpuTime() {
    }

    public static void main(String[] args) {
        try {
            Class.forName("org.apache.spark.sql.SparkSession");
        } catch (ClassNotFoundException e) {
            System.err.println("SparkCpuTime skipped: Spark is provided, not in the shaded jar; run it on "
                    + "the test class path (see its javadoc)");
            return;
        }
        if (args.length > 0 && args[0].equals("deequ-csv")) {
            deequCsv(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3);
            return;
        }
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-cpu-time")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            profile(spark, reps);
            score(spark, reps);
        } finally {
            spark.stop();
        }
    }

    /**
     * The Deequ comparison: the peer's mixed CSV ({@code ../shared/peers/gen_mixed.py}, 1M rows x 20 columns) read
     * with the peer's schema into a cached Dataset on {@code local[2]}, profiled by {@code SparkProfiles.profile};
     * prints the best wall-clock seconds of {@code reps}, the figure {@code deequ-peer/run.sh} prints for Deequ's
     * column profiler on the same file (Deequ runs on Spark 3.5 / Scala 2.12, this on Spark 4.1 / Scala 2.13).
     */
    static void deequCsv(Path csv, int reps) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("deequ-comparison")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            StructType schema = new StructType();
            for (int i = 0; i < 10; i++) {
                schema = schema.add("d" + i, DataTypes.DoubleType, true);
            }
            for (int i = 0; i < 5; i++) {
                schema = schema.add("i" + i, DataTypes.LongType, true);
            }
            for (int i = 0; i < 4; i++) {
                schema = schema.add("k" + i, DataTypes.StringType, true);
            }
            schema = schema.add("label", DataTypes.StringType, true);
            Dataset<Row> df = spark.read().option("header", "true").option("inferSchema", "false").schema(schema)
                    .csv(csv.toString()).cache();
            long rows = df.count();
            double best = Double.MAX_VALUE;
            for (int r = 0; r < reps; r++) {
                long t = System.nanoTime();
                Profile p = SparkProfiles.profile(df);
                double sec = (System.nanoTime() - t) / 1e9;
                best = Math.min(best, sec);
                System.out.printf(Locale.ROOT, "  mlops-spark profile rep %d: %.3f s (%d rows, %d columns)%n", r + 1,
                        sec, p.rowCount(), p.columns().size());
            }
            System.out.printf(Locale.ROOT, "mlopsSparkProfileBest %.3f s for %d rows x %d columns%n", best, rows,
                    schema.size());
        } finally {
            spark.stop();
        }
    }

    private static void profile(SparkSession spark, int reps) {
        Frame frame = frame();
        StructType struct = SparkFrames.structOf(frame.schema());
        Dataset<Row> data = spark.createDataFrame(spark.range(0, ROWS, 1, 8).javaRDD().map(SparkCpuTime::row),
                struct).cache();
        data.count();
        double cells = (double) ROWS * struct.size();
        double local = best(reps, () -> Profile.of(frame));
        double onSpark = best(reps, () -> SparkProfiles.profile(data));
        row("profileLocal2", "cells/cpu-s", cells / onSpark, "profileOneMachine", cells / local);
        row("profileOneMachine", "cells/cpu-s", cells / local, null, Double.NaN);
        data.unpersist();
    }

    private static void score(SparkSession spark, int reps) {
        Frame credit = CsvSource.newBuilder(Path.of("samples/src/main/resources/datasets/credit-g.csv"))
                .role("class", FieldRole.LABEL).build().read();
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        for (Column c : credit.columns()) {
            if (!c.name().equals("class")) {
                (c.type().isNumeric() ? numeric : categorical).add(c.name());
            }
        }
        Preprocessing prep = Preprocessing.newBuilder().scale(Transform.Scaling.STANDARD, numeric.toArray(String[]::new))
                .oneHot(Transform.UnseenCategories.IGNORE, categorical.toArray(String[]::new)).build();
        ModelArtifact artifact = ModelPackager.newBuilder().trainedModel(Trainer.logisticRegression().seed(1)
                .preprocessing(prep.fit(credit)).train(credit, "class")).build();
        Frame features = credit.drop("class");
        int copies = 100;
        Frame big = features.rows(IntStream.range(0, features.rowCount() * copies)
                .map(i -> i % features.rowCount()).toArray());
        Dataset<Row> data = SparkFrames.dataset(spark, big, 8).cache();
        data.count();
        double rows = big.rowCount();
        double local;
        try (ModelServer server = ModelServer.newBuilder().artifact(artifact).build()) {
            local = best(reps, () -> {
                for (int from = 0; from < big.rowCount(); from += 4096) {
                    server.predict(big.slice(from, Math.min(big.rowCount(), from + 4096)));
                }
            });
        }
        SparkScoring.score(data.limit(10), artifact).count(); // the executor's server, built once
        double onSpark = best(reps, () -> SparkScoring.score(data, artifact).count());
        row("scoreLocal2", "rows/cpu-s", rows / onSpark, "scoreInProcess", rows / local);
        row("scoreInProcess", "rows/cpu-s", rows / local, null, Double.NaN);
        data.unpersist();
    }

    /** Row {@code i} of the profiled data: the same values on Spark and in {@link #frame()}. */
    static Row row(long i) {
        SplittableRandom rnd = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        Object[] v = new Object[20];
        for (int c = 0; c < 14; c++) {
            v[c] = c == 0 && i % 97 == 0 ? null : rnd.nextDouble() * 1000 + c;
        }
        for (int c = 14; c < 17; c++) {
            v[c] = (long) rnd.nextInt(100_000);
        }
        for (int c = 17; c < 20; c++) {
            v[c] = LABELS[rnd.nextInt(LABELS.length)];
        }
        return RowFactory.create(v);
    }

    static Frame frame() {
        DoubleColumn.Builder[] d = new DoubleColumn.Builder[14];
        LongColumn.Builder[] l = new LongColumn.Builder[3];
        CategoricalColumn.Builder[] s = new CategoricalColumn.Builder[3];
        for (int c = 0; c < 14; c++) {
            d[c] = DoubleColumn.builder(dev.mlops.api.Field.numeric("d" + c), ROWS);
        }
        for (int c = 0; c < 3; c++) {
            l[c] = LongColumn.builder(dev.mlops.api.Field.integer("l" + c), ROWS);
            s[c] = CategoricalColumn.builder(dev.mlops.api.Field.categorical("s" + c), ROWS);
        }
        for (long i = 0; i < ROWS; i++) {
            Row r = row(i);
            for (int c = 0; c < 14; c++) {
                if (r.isNullAt(c)) {
                    d[c].addMissing();
                } else {
                    d[c].add(r.getDouble(c));
                }
            }
            for (int c = 0; c < 3; c++) {
                l[c].add(r.getLong(14 + c));
                s[c].add(r.getString(17 + c));
            }
        }
        List<Column> cols = new ArrayList<>();
        for (DoubleColumn.Builder b : d) {
            cols.add(b.build());
        }
        for (LongColumn.Builder b : l) {
            cols.add(b.build());
        }
        for (CategoricalColumn.Builder b : s) {
            cols.add(b.build());
        }
        return Frame.of(cols);
    }

    /** The least process CPU seconds of {@code reps} runs. */
    private static double best(int reps, Runnable r) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) {
            long t0 = os.getProcessCpuTime();
            r.run();
            best = Math.min(best, (os.getProcessCpuTime() - t0) / 1e9);
        }
        return best;
    }

    private static void row(String name, String unit, double value, String floorName, double floor) {
        String f = floorName == null ? ",," : String.format(Locale.ROOT, "spark.SparkCpuTime.%s,%.4g,%.4g",
                floorName, floor, value / floor);
        System.out.printf(Locale.ROOT, "spark.SparkCpuTime.%s,cpu thrpt (higher is better),%s,%.4g,%s%n", name, unit,
                value, f);
    }
}
