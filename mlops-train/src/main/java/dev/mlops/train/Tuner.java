package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.api.MlopsException;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.train.internal.Folds;
import dev.mlops.train.internal.LabelBalance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grid or random search over a trainer's settings, each trial scored by k-fold cross-validation (stratified for
 * classification), trials run on an injected executor, everything seeded. Each trial is a child run of one
 * parent run when a tracker is given. Immutable; its settings are a {@link TunerSettings} value, which the parent run
 * records as JSON (parameter {@code tuner}) beside the trainer's pipeline.
 *
 * <pre>{@code
 * TuningResult r = Tuner.grid(Trainer.xgboostClassifier(), ParamSpace.of().values("trees", 20, 50))
 *         .folds(5).metric("roc_auc").executor(pool).tracking(tracker, "credit").tune(train, "class");
 * TrainedModel best = Trainer.of(r.bestSettings()).train(train, "class");
 * }</pre>
 *
 * <p>Cross-validation fits the trainer's whole pipeline on each training fold and scores it on the held-out fold:
 * give the trainer its feature steps unfitted ({@link Trainer#preprocessing(dev.mlops.features.Preprocessing)},
 * {@link Trainer#selection(dev.mlops.features.SelectionRule)}) and no held-out row reaches the selection, the
 * imputation or the scaling. A chain fitted before tuning ({@link Trainer#preprocessing(
 * dev.mlops.features.FittedPreprocessing)}) saw every row, so its scores are optimistic; the tuner warns of it. The
 * folds are cut once per {@link #tune} and shared by every trial; fold models record no profile (decision 115).
 */
public final class Tuner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Tuner.class);

    private final Trainer trainer;
    private final TunerSettings settings;
    private final Executor executor;
    private final RunTracker tracker;
    private final String experiment;
    private final TrainingListener listener;

    private Tuner(Trainer trainer, TunerSettings settings, Executor executor, RunTracker tracker, String experiment,
                  TrainingListener listener) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tracker = tracker;
        this.experiment = experiment;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A search around this trainer with these settings, on the calling thread, untracked. */
    public static Tuner of(Trainer trainer, TunerSettings settings) {
        return new Tuner(trainer, settings, Runnable::run, null, null, TrainingListener.none());
    }

    /** A search over every combination of the space's listed values. */
    public static Tuner grid(Trainer trainer, ParamSpace space) {
        return of(trainer, TunerSettings.newBuilder().grid().space(space).build());
    }

    /** A search over {@code trials} seeded random points of the space. */
    public static Tuner random(Trainer trainer, ParamSpace space, int trials) {
        return of(trainer, TunerSettings.newBuilder().random(trials).space(space).build());
    }

    /** The settings. */
    public TunerSettings settings() {
        return settings;
    }

    /** The trainer searched around. */
    public Trainer trainer() {
        return trainer;
    }

    /** This search with other settings. */
    public Tuner withSettings(TunerSettings newSettings) {
        return new Tuner(trainer, newSettings, executor, tracker, experiment, listener);
    }

    /** Cross-validates with k folds (default 5). */
    public Tuner folds(int k) {
        return withSettings(settings.toBuilder().folds(k).build());
    }

    /**
     * Scores by this metric (default: for classifiers accuracy, or balanced accuracy when the label is imbalanced as
     * {@link Evaluator} decides it; r2 for regressors).
     */
    public Tuner metric(String name) {
        return withSettings(settings.toBuilder().metric(name).build());
    }

    /** Seeds the folds and the random points (default 42); the trainer keeps its own seed. */
    public Tuner seed(long newSeed) {
        return withSettings(settings.toBuilder().seed(newSeed).build());
    }

    /** Runs trials on this executor (default: the calling thread, one after another). */
    public Tuner executor(Executor newExecutor) {
        return new Tuner(trainer, settings, newExecutor, tracker, experiment, listener);
    }

    /** Records a parent run in this experiment and each trial as its child. */
    public Tuner tracking(RunTracker newTracker, String experimentName) {
        return new Tuner(trainer, settings, executor, newTracker, experimentName, listener);
    }

    /** Reports trial and fold progress. */
    public Tuner listener(TrainingListener newListener) {
        return new Tuner(trainer, settings, executor, tracker, experiment, newListener);
    }

    /**
     * Runs the search on a frame.
     *
     * @throws IllegalArgumentException when a point of the space is not valid for the trainer (checked before any
     *     training)
     */
    public TuningResult tune(Frame frame, String label) {
        ModelTask task = trainer.settings().task();
        String metric = settings.metric();
        String m = metric != null ? metric : task == ModelTask.CLASSIFICATION ? classificationMetric(frame, label) : "r2";
        List<Map<String, Object>> points = new ArrayList<>();
        if (settings.search() == TunerSettings.Search.GRID) {
            points.addAll(settings.space().grid());
        } else {
            Random rnd = new Random(settings.seed());
            for (int i = 0; i < settings.trials(); i++) {
                points.add(settings.space().sample(rnd));
            }
        }
        List<TrainerSettings> trialSettings = new ArrayList<>();
        for (Map<String, Object> p : points) {
            trialSettings.add(trainer.settings().with(p));
        }
        if (trainer.preprocessing().isPresent() && LOG.isWarnEnabled()) {
            LOG.warn("Tuning a trainer whose preprocessing was fitted before the folds were cut: its imputation and"
                    + " scaling saw every held-out row, so the cross-validated scores are optimistic. Give"
                    + " Trainer.preprocessing the unfitted Preprocessing to fit it on each training fold.");
        }
        int[][] heldOut = task == ModelTask.CLASSIFICATION
                ? Folds.stratified(classIndex(frame, label), settings.folds(), settings.seed())
                : Folds.plain(frame.rowCount(), settings.folds(), settings.seed());
        CrossValidation folds = CrossValidation.of(frame, label, heldOut);
        Run parent = tracker == null ? null : tracker.start(experiment, settings.search().name()
                .toLowerCase(java.util.Locale.ROOT) + "-search " + trainer.settings().algorithm());
        if (parent != null) {
            parent.setTag("stage", "tune").logParam("metric", m).logParam("folds", String.valueOf(settings.folds()))
                    .logParam("seed", String.valueOf(settings.seed())).logParam("trials", String.valueOf(points.size()))
                    .logParam("tuner", settings.toJson()).logParam("trainer", trainer.settings().toJson())
                    .logParams(pipelineParams(trainer))
                    .logParams(trainer.settings().toParams()).logDataFingerprint("tune", frame.fingerprint());
        }
        AtomicInteger done = new AtomicInteger();
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.TRIAL, 0, points.size(), "starting"));
        List<CompletableFuture<TuningResult.Trial>> futures = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(() -> runTrial(index, points.get(index),
                    trialSettings.get(index), folds, m, parent, done, points.size()), executor));
        }
        List<TuningResult.Trial> trials = new ArrayList<>();
        try {
            for (CompletableFuture<TuningResult.Trial> f : futures) {
                trials.add(f.join());
            }
        } catch (CompletionException e) {
            if (parent != null) {
                parent.end(RunStatus.FAILED);
            }
            throw new MlopsException("A tuning trial failed unexpectedly: " + e.getCause().getMessage(), e.getCause());
        }
        TuningResult result = new TuningResult(m, Metrics.higherIsBetter(m), settings.folds(), trials,
                Optional.ofNullable(parent).map(Run::id));
        if (parent != null) {
            if (trials.stream().anyMatch(t -> !Double.isNaN(t.mean()))) {
                TuningResult.Trial best = result.best();
                parent.logMetric("best_" + m, best.mean()).setTag("best_trial", String.valueOf(best.index()));
                best.changes().forEach((k, v) -> parent.setTag("best." + k, String.valueOf(v)));
                parent.end(RunStatus.FINISHED);
            } else {
                parent.end(RunStatus.FAILED);
            }
        }
        return result;
    }

    /**
     * The trainer's pipeline steps as JSON run parameters ({@code pipeline.selection}, {@code pipeline.preprocessing},
     * or {@code pipeline.fitted_preprocessing}), what a run records besides the model's settings to be repeatable.
     */
    public static Map<String, String> pipelineParams(Trainer trainer) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        trainer.selection().ifPresent(r -> out.put("pipeline.selection", r.toJson()));
        trainer.pipelineChain().ifPresent(c -> out.put("pipeline.preprocessing", c.toJson()));
        trainer.preprocessing().ifPresent(c -> out.put("pipeline.fitted_preprocessing", c.toJson()));
        return out;
    }

    private TuningResult.Trial runTrial(int index, Map<String, Object> changes, TrainerSettings s,
                                        CrossValidation folds, String m, Run parent, AtomicInteger done, int total) {
        Run run = parent == null ? null : parent.startChild("trial-" + index);
        if (run != null) {
            run.setTag("stage", "trial").logParams(s.toParams());
        }
        Trainer t = trainer.withSettings(s);
        double[] scores = new double[folds.folds()];
        try {
            for (int f = 0; f < folds.folds(); f++) {
                scores[f] = folds.score(t, f, m);
                listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FOLD, f + 1, folds.folds(),
                        "trial " + index + " " + m + "=" + String.format(java.util.Locale.ROOT, "%.4f", scores[f])));
                if (run != null) {
                    run.logMetric(m + "_fold", scores[f], f);
                }
            }
        } catch (RuntimeException e) {
            if (run != null) {
                run.setTag("error", String.valueOf(e.getMessage())).end(RunStatus.FAILED);
            }
            listener.onProgress(new TrainingEvent(TrainingEvent.Phase.TRIAL, done.incrementAndGet(), total,
                    "trial " + index + " failed"));
            return new TuningResult.Trial(index, changes, s, Double.NaN, Double.NaN, new double[0],
                    run == null ? null : run.id(), e.getMessage());
        }
        double mean = 0;
        for (double v : scores) {
            mean += v / scores.length;
        }
        double var = 0;
        for (double v : scores) {
            var += (v - mean) * (v - mean);
        }
        double std = scores.length > 1 ? Math.sqrt(var / (scores.length - 1)) : 0;
        if (run != null) {
            run.logMetric(m, mean).logMetric(m + "_std", std).end(RunStatus.FINISHED);
        }
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.TRIAL, done.incrementAndGet(), total,
                String.format(java.util.Locale.ROOT, "trial %d %s %s=%.4f", index, changes, m, mean)));
        return new TuningResult.Trial(index, changes, s, mean, std, scores, run == null ? null : run.id(), null);
    }

    /** Accuracy, or balanced accuracy when the label is imbalanced (decision 085, as the evaluator chooses). */
    private static String classificationMetric(Frame frame, String label) {
        int[] index = classIndex(frame, label);
        int classes = java.util.Arrays.stream(index).max().orElse(-1) + 1;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return LabelBalance.of(label, names, index).imbalanced(Evaluator.IMBALANCE_RATIO) ? "balanced_accuracy"
                : "accuracy";
    }

    private static int[] classIndex(Frame frame, String label) {
        if (!frame.hasColumn(label)) {
            throw new dev.mlops.api.TrainingException("No label column '" + label + "'; the columns are "
                    + frame.columnNames());
        }
        dev.mlops.api.Column c = frame.column(label);
        Map<String, Integer> index = new java.util.HashMap<>();
        int[] out = new int[frame.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.computeIfAbsent(dev.mlops.train.internal.FrameConverter.labelText(c, i),
                    k -> index.size());
        }
        return out;
    }
}
