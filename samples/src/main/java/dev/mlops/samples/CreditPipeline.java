package dev.mlops.samples;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.Ingest;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelVersion;
import dev.mlops.api.model.PredictionColumns;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.data.CsvSource;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.serve.ModelServer;
import dev.mlops.train.Evaluation;
import dev.mlops.train.Evaluator;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ModelPackager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
        ScopingStage.run(credit, output);

        section("2. Verify: profile, contract, fitness for use, split");
        TrainTestSplit split = VerifyStage.run(credit, output);

        section("3. Features: rank, select, fit preprocessing");
        FeatureStage.Result features = FeatureStage.run(split.train());

        section("4. Model: tune, train, evaluate against baselines, track");
        TrainStage.Result trained = TrainStage.run(split.train(), split.test(), features,
                output.resolve("runs"));
        TrainStage.writeReport(trained, features.ranking(), split.test(), output);

        section("5. Package: preprocessing + model as one ONNX artifact, registered as credit@production");
        ModelRepository repository = ModelRepository.onFileSystem(output.resolve("models"));
        ModelArtifact artifact = packageModel(trained.model(), trained.evaluation().metrics().values(),
                trained.runId(), output.resolve("artifact"), RunTracker.inDirectory(output.resolve("runs")));
        ModelVersion first = repository.register("credit", artifact);
        repository.setAlias("credit", "production", first.version());
        System.out.println("Registered credit version " + first.version() + " and set production -> "
                + first.version());
        checkServedAgreesWithJava(repository, trained.model(), split.test());

        section("6. Serve in process, then move production to a second version under load");
        TrainedModel challenger = Trainer.logisticRegression().seed(42).preprocessing(features.preprocessing())
                .recordProfile(true).train(split.train(), "class");
        Evaluation challengerEvaluation = Evaluator.classification().evaluate(challenger, split.test());
        ModelArtifact second = ModelPackager.newBuilder().trainedModel(challenger)
                .metrics(challengerEvaluation.metrics().values()).build();
        ServeStage.run(repository, "credit", split.test(), second);

        section("7. Monitor: drift per window, alerts, delayed labels, estimated performance, drift report");
        MonitorStage.run(repository, "credit", split.train(), split.test(), output);

        section("8. Serve on the network: the Open Inference Protocol over REST and gRPC");
        EndpointStage.run(repository, "credit", split.test());

        ScopingStage.capacity(split.train(), repository, "credit", split.test(), output);

        section("Done");
        System.out.println("Resources per stage (cpu: the whole process; peak rss: since the job started):");
        System.out.println(StageResources.table().indent(2));
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

    /** Packages a trained model, writes it, and reads it back (checksums verified) to show what was written. */
    static ModelArtifact packageModel(TrainedModel model, Map<String, Double> metrics, String runId, Path dir,
                                      RunTracker tracker) {
        ModelArtifact artifact;
        // A tracked stage of its own: what packaging used, and how big the artifact and its ONNX graph came out.
        try (Run run = tracker.measuringResources().start("credit", "package")) {
            run.logParam("train_run", runId);
            ModelPackager.newBuilder().trainedModel(model).metrics(metrics).runId(runId).build().writeTo(dir);
            artifact = ModelArtifact.read(dir);
            System.out.println("Artifact in " + dir + " (checksums verified on read):");
            long total = 0;
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    long bytes = Files.size(f);
                    total += bytes;
                    run.logMetric("artifact_bytes." + f.getFileName(), bytes);
                    System.out.printf("  %-16s %,9d bytes%n", f.getFileName(), bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run.logMetric("artifact_bytes", total);
            run.logMetric("onnx_graph_bytes", artifact.modelSize());
        }
        System.out.println("Inputs:  " + artifact.signature().inputs().stream()
                .map(t -> t.name() + ":" + t.type().name().toLowerCase(Locale.ROOT)).toList());
        System.out.println("Outputs: " + artifact.signature().outputs().stream().map(t -> t.name()).toList()
                + ", labels " + artifact.signature().labels());
        return artifact;
    }

    /** Serves the registered model on the test rows and compares with the model's own predictions in Java. */
    static void checkServedAgreesWithJava(ModelRepository repository, TrainedModel model, Frame test) {
        Frame inJava = model.predict(test);
        try (ModelServer server = ModelServer.load(repository, "credit@production")) {
            Frame served = server.predict(test);
            CategoricalColumn javaLabels = inJava.categorical(PredictionColumns.LABEL);
            int agree = 0;
            double maxDifference = 0;
            for (int i = 0; i < test.rowCount(); i++) {
                String servedLabel = served.column("label").format(i);
                agree += servedLabel.equals(javaLabels.getString(i)) ? 1 : 0;
                for (String label : model.classes()) {
                    double a = served.doubles("probabilities." + label).getDouble(i);
                    double b = inJava.doubles(PredictionColumns.probability(label)).getDouble(i);
                    maxDifference = Math.max(maxDifference, Math.abs(a - b));
                }
            }
            System.out.printf("ONNX Runtime vs Tribuo on %d test rows: %d labels agree, max probability"
                    + " difference %.2e%n", test.rowCount(), agree, maxDifference);
        }
    }

    static void section(String title) {
        StageResources.begin(title);
        System.out.println();
        System.out.println("== " + title + " " + "=".repeat(Math.max(0, 76 - title.length())));
    }
}
