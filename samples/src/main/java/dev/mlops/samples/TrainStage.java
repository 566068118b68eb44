package dev.mlops.samples;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.data.CsvSource;
import dev.mlops.features.FeatureRanking;
import dev.mlops.train.Evaluation;
import dev.mlops.train.Evaluator;
import dev.mlops.train.MetricThreshold;
import dev.mlops.train.ParamSpace;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.TrainingListener;
import dev.mlops.train.ModelReport;
import dev.mlops.train.Tuner;
import dev.mlops.train.TuningResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The modelling stage of the credit pipeline: tune XGBoost by 5-fold cross-validation, train the best settings,
 * evaluate against the trivial baselines with slices by {@code personal_status}, print the fit diagnosis and the
 * verdict, and record every run in a directory tracker.
 */
public final class TrainStage {

    private TrainStage() {
    }

    /**
     * What the stage produced.
     *
     * @param model the trained model
     * @param evaluation its evaluation on the test rows
     * @param tuning the search's trials
     * @param runId the tracker run of the final training
     */
    public record Result(TrainedModel model, Evaluation evaluation, TuningResult tuning, String runId) {
    }

    /**
     * Runs the stage on the credit data's train and test rows (label {@code class}), recording runs under
     * {@code trackerDir}.
     */
    public static Result run(Frame train, Frame test, Path trackerDir) {
        return run(train, test, null, trackerDir);
    }

    /**
     * Runs the stage with the features stage's selection rule and unfitted chain (null for none) as the first steps
     * of the training pipeline: cross-validation fits them on each training fold, the final model on all the training
     * rows, and the model applies the fitted chain before every prediction.
     */
    public static Result run(Frame train, Frame test, FeatureStage.Result features, Path trackerDir) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RunTracker tracker = RunTracker.inDirectory(trackerDir).measuringResources()) {
            System.out.println("Tuning XGBoost (4 settings x 5 folds, stratified, 2 threads, seed 42)"
                    + (features == null ? "" : " on " + features.preprocessing().outputCount() + " preprocessed"
                    + " features, selection and preprocessing refitted on each training fold") + ":");
            Trainer base = Trainer.xgboostClassifier().with("eta", 0.1).recordProfile(true);
            if (features != null) {
                base = base.selection(features.rule()).preprocessing(features.chain());
            }
            TuningResult tuning = Tuner.grid(base,
                            ParamSpace.of().values("trees", 30, 80).values("maxDepth", 2, 4))
                    .folds(5).metric("roc_auc").seed(42).executor(pool).tracking(tracker, "credit")
                    .tune(train, "class");
            System.out.println(tuning.table().indent(2));

            Trainer best = base.withSettings(tuning.bestSettings());
            TrainedModel model;
            Evaluation eval;
            String runId;
            Evaluator evaluator = Evaluator.classification().sliceBy("personal_status")
                    .learningCurve(0.25, 0.5, 0.75, 1.0)
                    .thresholds(MetricThreshold.atLeast("roc_auc", 0.70), MetricThreshold.atLeast("accuracy", 0.70))
                    .listener(TrainingListener.textBar(line -> System.out.println("  " + line)));
            try (Run run = tracker.start("credit", "train " + best.settings().algorithm())) {
                runId = run.id();
                run.setTag("stage", "train").setTag("tuning_run", tuning.parentRunId().orElse(""))
                        .logParams(best.settings().toParams()).logParams(Tuner.pipelineParams(best))
                        .logParam("evaluator", evaluator.settings().toJson())
                        .logDataFingerprint("train", train.fingerprint()).logDataFingerprint("test", test.fingerprint());
                model = best.train(train, "class");
                eval = evaluator.evaluate(model, train, test);
                run.logMetrics(eval.metrics().values(), 0);
                for (Evaluation.CurvePoint p : eval.learningCurve()) {
                    run.logMetric("curve_validation_" + eval.primaryMetric(), p.validationValue(), p.trainRows());
                }
                run.setTag("fit", eval.diagnosis().fit().name())
                        .setTag("blessed", String.valueOf(eval.comparison().blessed()));
                Path modelDir = trackerDir.resolve("models").resolve(runId);
                model.save(modelDir);
                run.logArtifact("model", modelDir.toString());
            }
            System.out.println();
            System.out.println(eval.summary());
            System.out.println();
            System.out.println("Most confident mistakes:");
            System.out.println(eval.mistakes().select("row", "class", "predicted", "confidence", "personal_status",
                    "credit_amount", "duration").toString(5).indent(2));
            System.out.println("Runs recorded under " + trackerDir.toAbsolutePath() + " (train run " + runId + ")");
            return new Result(model, eval, tuning, runId);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Writes the model report (evaluation with ROC, precision-recall, calibration, confusion, learning curve and
     * slice charts; the feature ranking; the tuning trials) as {@code model-report.html} and {@code .json} in
     * {@code outputDir}, and returns the HTML's path.
     */
    public static Path writeReport(Result trained, FeatureRanking ranking, Frame test, Path outputDir) {
        ModelReport.Builder report = ModelReport.newBuilder("German credit: model").evaluation(trained.evaluation())
                .curves(trained.model(), test).ranking(ranking);
        if (trained.tuning() != null) {
            report.tuning(trained.tuning());
        }
        ModelReport built = report.build();
        Path html = outputDir.resolve("model-report.html");
        built.writeHtml(html);
        built.writeJson(outputDir.resolve("model-report.json"));
        System.out.println("   model report: " + html.toAbsolutePath());
        return html;
    }

    /** Runs the stage alone on a seeded 80/20 split of the bundled credit data. */
    public static void main(String[] args) throws Exception {
        Frame credit = CsvSource.newBuilder(Objects.requireNonNull(TrainStage.class.getResource(
                "/datasets/credit-g.csv"))).name("credit-g.csv").role("class", FieldRole.LABEL).build().read();
        int[] perm = new int[credit.rowCount()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(42);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int cut = perm.length * 4 / 5;
        Frame train = credit.rows(java.util.Arrays.copyOfRange(perm, 0, cut));
        Frame test = credit.rows(java.util.Arrays.copyOfRange(perm, cut, perm.length));
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("mlops-runs");
        run(train, test, dir);
    }
}
