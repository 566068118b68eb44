package dev.mlops.samples;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.Ingest;
import dev.mlops.data.CsvSource;
import dev.mlops.data.split.TrainTestSplit;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The main job: an end-to-end pipeline on the bundled German credit data (1000 loan applicants, label
 * {@code class}). Each stage of the lifecycle adds its step here; run it with
 * {@code mvn -B -q -pl samples -am -DskipTests package exec:java}.
 */
public final class CreditPipeline {

    private CreditPipeline() {
    }

    /** Runs the pipeline and prints what each stage found. */
    public static void main(String[] args) throws IOException {
        Path output = Files.createDirectories(args.length > 0 ? Path.of(args[0]) : Path.of("target", "credit-pipeline"));
        Frame credit = collect();

        section("2. Verify: profile, contract, fitness for use, split");
        TrainTestSplit split = VerifyStage.run(credit, output);

        section("3. Features: rank, select, fit preprocessing");
        FeatureStage.Result features = FeatureStage.run(split.train());

        section("4. Model: tune, train, evaluate against baselines, track");
        TrainStage.Result trained = TrainStage.run(split.train(), split.test(), output.resolve("runs"));

        section("Done");
        System.out.println("Reports and artifacts are in " + output.toAbsolutePath());
    }

    /** Collect: reads the CSV with inferred types and prints the schema, the ingest report and the first rows. */
    static Frame collect() {
        section("1. Collect: credit-g.csv");
        URL csv = Objects.requireNonNull(CreditPipeline.class.getResource("/datasets/credit-g.csv"),
                "credit-g.csv is bundled with the samples");
        Ingest ingest = CsvSource.newBuilder(csv).name("credit-g.csv").role("class", FieldRole.LABEL).build().ingest();
        Frame credit = ingest.frame();
        System.out.println("Schema:");
        System.out.println(credit.schema().toString().indent(2));
        System.out.println("Ingest report:");
        System.out.println(ingest.report().summary().indent(2));
        System.out.println("First rows:");
        System.out.println(credit.head(5));
        System.out.println("Fingerprint: " + credit.fingerprint());
        return credit;
    }

    static void section(String title) {
        System.out.println();
        System.out.println("== " + title + " " + "=".repeat(Math.max(0, 76 - title.length())));
    }
}
