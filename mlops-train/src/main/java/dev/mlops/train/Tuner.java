package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.api.MlopsException;
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
 * parent run when a tracker is given. Immutable.
 *
 * <pre>{@code
 * TuningResult r = Tuner.grid(Trainer.xgboostClassifier(), ParamSpace.of().values("trees", 20, 50))
 *         .folds(5).metric("roc_auc").executor(pool).tracking(tracker, "credit").tune(train, "class");
 * TrainedModel best = Trainer.of(r.bestSettings()).train(train, "class");
 * }</pre>
 */
public final class Tuner {
    private final Trainer trainer;
    private final ParamSpace space;
    private final int randomTrials; // 0 for grid
    private final int folds;
    private final String metric;
    private final long seed;
    private final Executor executor;
    private final RunTracker tracker;
    private final String experiment;
    private final TrainingListener listener;

    private Tuner(Trainer trainer, ParamSpace space, int randomTrials, int folds, String metric, long seed,
                  Executor executor, RunTracker tracker, String experiment, TrainingListener listener) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.space = Objects.requireNonNull(space, "space");
        this.randomTrials = randomTrials;
        this.folds = folds;
        this.metric = metric;
        this.seed = seed;
        this.executor = executor;
        this.tracker = tracker;
        this.experiment = experiment;
        this.listener = listener;
    }

    /** A search over every combination of the space's listed values. */
    public static Tuner grid(Trainer trainer, ParamSpace space) {
        space.grid(); // rejects ranges now, not at tune time
        return new Tuner(trainer, space, 0, 5, null, 42L, Runnable::run, null, null, TrainingListener.none());
    }

    /** A search over {@code trials} seeded random points of the space. */
    public static Tuner random(Trainer trainer, ParamSpace space, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("A random search needs at least one trial, not " + trials);
        }
        return new Tuner(trainer, space, trials, 5, null, 42L, Runnable::run, null, null, TrainingListener.none());
    }

    /** Cross-validates with k folds (default 5). */
    public Tuner folds(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 folds, not " + k);
        }
        return new Tuner(trainer, space, randomTrials, k, metric, seed, executor, tracker, experiment, listener);
    }

    /**
     * Scores by this metric (default: for classifiers accuracy, or balanced accuracy when the label is imbalanced as
     * {@link Evaluator} decides it; r2 for regressors).
     */
    public Tuner metric(String name) {
        return new Tuner(trainer, space, randomTrials, folds, name, seed, executor, tracker, experiment, listener);
    }

    /** Seeds the folds and the random points (default 42); the trainer keeps its own seed. */
    public Tuner seed(long newSeed) {
        return new Tuner(trainer, space, randomTrials, folds, metric, newSeed, executor, tracker, experiment, listener);
    }

    /** Runs trials on this executor (default: the calling thread, one after another). */
    public Tuner executor(Executor newExecutor) {
        return new Tuner(trainer, space, randomTrials, folds, metric, seed, Objects.requireNonNull(newExecutor),
                tracker, experiment, listener);
    }

    /** Records a parent run in this experiment and each trial as its child. */
    public Tuner tracking(RunTracker newTracker, String experimentName) {
        return new Tuner(trainer, space, randomTrials, folds, metric, seed, executor, newTracker, experimentName,
                listener);
    }

    /** Reports trial and fold progress. */
    public Tuner listener(TrainingListener newListener) {
        return new Tuner(trainer, space, randomTrials, folds, metric, seed, executor, tracker, experiment,
                newListener);
    }

    /**
     * Runs the search on a frame.
     *
     * @throws IllegalArgumentException when a point of the space is not valid for the trainer (checked before any
     *     training)
     */
    public TuningResult tune(Frame frame, String label) {
        Task task = trainer.settings().task();
        String m = metric != null ? metric : task == Task.CLASSIFICATION ? classificationMetric(frame, label) : "r2";
        List<Map<String, Object>> points = new ArrayList<>();
        if (randomTrials == 0) {
            points.addAll(space.grid());
        } else {
            Random rnd = new Random(seed);
            for (int i = 0; i < randomTrials; i++) {
                points.add(space.sample(rnd));
            }
        }
        List<TrainerSettings> settings = new ArrayList<>();
        for (Map<String, Object> p : points) {
            settings.add(trainer.settings().with(p));
        }
        int[][] heldOut;
        if (task == Task.CLASSIFICATION) {
            heldOut = Folds.stratified(classIndex(frame, label), folds, seed);
        } else {
            heldOut = Folds.plain(frame.rowCount(), folds, seed);
        }
        Run parent = tracker == null ? null : tracker.start(experiment, (randomTrials == 0 ? "grid" : "random")
                + "-search " + trainer.settings().algorithm());
        if (parent != null) {
            parent.setTag("stage", "tune").logParam("metric", m).logParam("folds", String.valueOf(folds))
                    .logParam("seed", String.valueOf(seed)).logParam("trials", String.valueOf(points.size()))
                    .logParams(trainer.settings().toParams()).logDataFingerprint("tune", frame.fingerprint());
        }
        AtomicInteger done = new AtomicInteger();
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.TRIAL, 0, points.size(), "starting"));
        List<CompletableFuture<TuningResult.Trial>> futures = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int index = i;
            futures.add(CompletableFuture.supplyAsync(() -> runTrial(index, points.get(index), settings.get(index),
                    frame, label, heldOut, m, parent, done, points.size()), executor));
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
        TuningResult result = new TuningResult(m, Metrics.higherIsBetter(m), folds, trials,
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

    private TuningResult.Trial runTrial(int index, Map<String, Object> changes, TrainerSettings s, Frame frame,
                                        String label, int[][] heldOut, String m, Run parent, AtomicInteger done,
                                        int total) {
        Run run = parent == null ? null : parent.startChild("trial-" + index);
        if (run != null) {
            run.setTag("stage", "trial").logParams(s.toParams());
        }
        Trainer t = trainer.withSettings(s).listener(TrainingListener.none());
        double[] scores = new double[heldOut.length];
        try {
            for (int f = 0; f < heldOut.length; f++) {
                Frame trainPart = frame.rows(Folds.complement(frame.rowCount(), heldOut[f]));
                Frame valPart = frame.rows(heldOut[f]);
                TrainedModel model = t.train(trainPart, label);
                scores[f] = Evaluator.Scored.of(model, valPart).metrics(null).get(m);
                listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FOLD, f + 1, heldOut.length,
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
