package dev.mlops.samples.spark;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.data.CsvSource;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import dev.mlops.data.validate.Contract;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftReport;
import dev.mlops.monitor.WindowReport;
import dev.mlops.monitor.WindowSpec;
import dev.mlops.spark.SparkDrift;
import dev.mlops.spark.SparkFrames;
import dev.mlops.spark.SparkProfiles;
import dev.mlops.spark.SparkQuarantine;
import dev.mlops.spark.SparkScoring;
import dev.mlops.spark.SparkValidation;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ModelPackager;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The credit data scaled up on Spark ({@code local[2]}): profile, validate, score and check drift per day of a
 * Dataset of credit-g rows replicated with jitter, the last day drifted. Run it as the README's "On Apache Spark"
 * says; the first argument is how many times to replicate the 1000 rows (default 50).
 */
public final class CreditOnSpark {
    private CreditOnSpark() {
    }

    /** Runs the job. */
    public static void main(String[] args) {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("credit-on-spark")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            run(spark, copies);
        } finally {
            spark.stop();
        }
    }

    /**
     * What the job found: rows read, passed and quarantined, rows scored, and the drifted columns of each day.
     *
     * @param read        rows read
     * @param passed      rows that passed the contract's row-level rules
     * @param quarantined rows quarantined
     * @param scored      rows scored
     * @param drifted     per day, the drifted columns
     */
    public record Summary(long read, long passed, long quarantined, long scored,
                          java.util.Map<String, List<String>> drifted) {
    }

    /** Runs the job on a session: credit-g {@code copies} times over five days, the last drifted. */
    public static Summary run(SparkSession spark, int copies) {
        Frame credit = CsvSource.newBuilder(Objects.requireNonNull(CreditOnSpark.class.getResource(
                "/datasets/credit-g.csv"))).name("credit-g.csv").role("class", FieldRole.LABEL).build().read();
        Frame features = credit.drop("class");
        ModelArtifact artifact = train(credit);

        Dataset<Row> data = SparkFrames.dataset(spark, scaledUp(features, copies, 5, 42), 8).cache();
        System.out.println("Rows: " + data.count() + " in " + data.rdd().getNumPartitions() + " partitions");

        Profile profile = SparkProfiles.profile(data.drop("day"));
        System.out.println("Profile: " + profile.rowCount() + " rows; credit_amount mean "
                + profile.column("credit_amount").moments().orElseThrow().mean() + " (credit-g alone: "
                + Profile.of(features).column("credit_amount").moments().orElseThrow().mean() + ")");

        SparkQuarantine q = SparkValidation.quarantine(data, Contract.inferFrom(features));
        System.out.println("Validated: read " + q.read() + " = passed " + q.passedCount() + " + quarantined "
                + q.quarantinedCount() + "; whole-Dataset rules: " + q.wholeDataset().summary());
        q.quarantined().groupBy("_violations").count().orderBy(functions.desc("count")).show(5, false);

        Dataset<Row> scored = SparkScoring.score(q.passed(), artifact);
        long scoredRows = scored.count();
        System.out.println("Scored " + scoredRows + " rows; outputs " + List.of(scored.columns())
                .subList(features.columnCount() + 1, scored.columns().length));
        scored.groupBy("day", "label").count().orderBy("day", "label").show(20, false);

        java.util.Map<String, List<String>> drifted = new java.util.LinkedHashMap<>();
        ProfileOptions options = ProfileOptions.DEFAULTS;
        Instant now = Instant.parse("2026-01-06T00:00:00Z");
        try (DriftMonitor monitor = DriftMonitor.against(Profile.of(features, options))
                .window(WindowSpec.byKey("day")).profileOptions(options).build()) {
            DriftReport report = SparkDrift.report("credit per day", data, "day", monitor, options, now);
            for (WindowReport w : report.windows()) {
                System.out.println("Day " + w.key() + ": " + w.rows() + " rows, drifted " + w.driftedColumns());
                drifted.put(w.key(), w.driftedColumns());
            }
        }
        q.passed().unpersist();
        data.unpersist();
        return new Summary(q.read(), q.passedCount(), q.quarantinedCount(), scoredRows, drifted);
    }

    /** A logistic regression on credit-g, packaged as an artifact. */
    static ModelArtifact train(Frame credit) {
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        for (Column c : credit.columns()) {
            if (!c.name().equals("class")) {
                (c.type().isNumeric() ? numeric : categorical).add(c.name());
            }
        }
        Preprocessing prep = Preprocessing.newBuilder()
                .scale(Transform.Scaling.STANDARD, numeric.toArray(String[]::new))
                .oneHot(Transform.UnseenCategories.IGNORE, categorical.toArray(String[]::new)).build();
        TrainedModel trained = Trainer.logisticRegression().seed(42).preprocessing(prep.fit(credit))
                .train(credit, "class");
        return ModelPackager.newBuilder().trainedModel(trained).build();
    }

    /**
     * The rows {@code copies} times, numeric values jittered by 5% (rounded where the column holds whole numbers),
     * spread over {@code days} days; on the last day credit amounts are doubled, and every 997th age is -1.
     */
    static Frame scaledUp(Frame features, int copies, int days, long seed) {
        Random rnd = new Random(seed);
        int n = features.rowCount() * copies;
        List<Column> out = new ArrayList<>();
        for (Column c : features.columns()) {
            if (c.type().isNumeric()) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    int r = i % features.rowCount();
                    double x = ((Number) c.value(r)).doubleValue() * (1 + 0.05 * rnd.nextGaussian());
                    if (c.name().equals("credit_amount") && i * days / n == days - 1) {
                        x *= 2;
                    }
                    v[i] = c.name().equals("age") && i % 997 == 0 ? -1 : Math.max(0, Math.round(x)); // planted errors
                }
                out.add(DoubleColumn.of(c.name(), v));
            } else {
                out.add(c.select(java.util.stream.IntStream.range(0, n).map(i -> i % features.rowCount()).toArray()));
            }
        }
        String[] day = new String[n];
        for (int i = 0; i < n; i++) {
            day[i] = "2026-01-0" + (1 + (long) i * days / n);
        }
        out.add(CategoricalColumn.of("day", day));
        return Frame.of(out);
    }
}
