package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.api.TrainingException;
import dev.mlops.api.model.ModelTask;
import dev.mlops.train.internal.LabelBalance;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;



/**
 * Evaluates a trained model on held-out data: metrics, trivial baselines, slices, fit diagnosis, confident mistakes
 * and validation against the current model, plus a learning curve when asked for one. Immutable; each
 * {@code with}-style method returns a new evaluator.
 *
 * <pre>{@code
 * Evaluation eval = Evaluator.classification().sliceBy("personal_status").evaluate(model, train, test);
 * System.out.println(eval.summary());
 * }</pre>
 *
 * <p>A classifier's primary metric follows the label's balance unless {@link #primaryMetric(String)} names one:
 * accuracy when the label is balanced, balanced accuracy when its commonest class outnumbers its rarest by
 * {@value #IMBALANCE_RATIO}:1 or more (decision 085), so that predicting the majority class scores as a trivial
 * model does. {@link Evaluation#primaryMetricReason()} says which was chosen and why. No model that fails to beat
 * the trivial baselines, or predicts one class for every row, is blessed.
 *
 * <p>Evaluation trains nothing unless {@link #learningCurve(double...)} asks for a learning curve, which retrains
 * the model's trainer once per fraction.
 *
 * <p>Every setting is held in one {@link EvaluatorSettings} value ({@link #settings()}), which the fluent methods
 * copy and change and which a run records as JSON, so {@code Evaluator.of(EvaluatorSettings.fromJson(recorded))}
 * repeats the evaluation; the model compared with and the listener are not settings.
 *
 * <p>This class is the fluent entry point and the primary-metric choice; the parts it is made of each live in a
 * package-private class of their own: the scores and metrics ({@code Scored}), {@code Baselines}, {@code Slices},
 * {@code LearningCurve}, {@code FitDiagnoses}, {@code Mistakes} and the comparison with the current model
 * ({@code ReleaseGate}).
 */
public final class Evaluator {
    /** The ratio of the commonest to the rarest class at which a label counts as imbalanced (decision 085). */
    public static final double IMBALANCE_RATIO = 4.0;

    private final EvaluatorSettings settings;
    private final TrainedModel current;
    private final TrainingListener listener;

    private Evaluator(EvaluatorSettings settings, TrainedModel current, TrainingListener listener) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.current = current;
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** An evaluator with these settings, comparing with no current model. */
    public static Evaluator of(EvaluatorSettings settings) {
        return new Evaluator(settings, null, TrainingListener.none());
    }

    /**
     * An evaluator for classifiers, judging by accuracy, or by balanced accuracy when the label is imbalanced (see
     * the class description). No learning curve unless asked for.
     */
    public static Evaluator classification() {
        return of(EvaluatorSettings.defaults());
    }

    /** An evaluator for regressors, judging by R². No learning curve unless asked for. */
    public static Evaluator regression() {
        return of(EvaluatorSettings.defaults()); // the primary metric follows the model's task
    }

    /** The settings: what a run records to repeat this evaluation. */
    public EvaluatorSettings settings() {
        return settings;
    }

    /** This evaluator with other settings (the current model and the listener kept). */
    public Evaluator withSettings(EvaluatorSettings newSettings) {
        return new Evaluator(newSettings, current, listener);
    }

    /** A copy with changed settings, checked as a whole by {@link EvaluatorSettings.Builder#build()}. */
    private Evaluator with(Consumer<EvaluatorSettings.Builder> change) {
        EvaluatorSettings.Builder b = settings.toBuilder();
        change.accept(b);
        return withSettings(b.build());
    }

    /**
     * Judges by this metric (baseline verdict, slices, diagnosis, default comparison), whatever the label's balance.
     */
    public Evaluator primaryMetric(String metric) {
        return with(b -> b.primaryMetric(metric));
    }

    /** Reports the primary metric per value of these columns (numeric columns in quantile buckets). */
    public Evaluator sliceBy(String... columns) {
        return with(b -> b.sliceBy(columns));
    }

    /** Numeric slice columns are cut into this many quantile buckets (default 4). */
    public Evaluator buckets(int count) {
        return with(b -> b.buckets(count));
    }

    /** Slices with fewer rows are reported but never named among the worst (default 10). */
    public Evaluator minSliceRows(int rows) {
        return with(b -> b.minSliceRows(rows));
    }

    /** The advantage over the best baseline that counts as meaningful (default 0.02 of the primary metric). */
    public Evaluator minMargin(double margin) {
        return with(b -> b.minMargin(margin));
    }

    /** The train-minus-validation gap above which the fit is called over-fitting (default 0.05). */
    public Evaluator overfitGap(double gap) {
        return with(b -> b.overfitGap(gap));
    }

    /** The seed of the stratified baseline, the learning-curve subsamples and the bootstrap (default 42). */
    public Evaluator seed(long newSeed) {
        return with(b -> b.seed(newSeed));
    }

    /** How many confident mistakes to list (default 10). */
    public Evaluator mistakes(int count) {
        return with(b -> b.mistakes(count));
    }

    /**
     * Computes a learning curve at these fractions of the training rows (default none; empty to skip it again): it
     * retrains the model's trainer, with the model's settings and preprocessing, once per fraction, so it costs
     * that many trainings. Needs the training frame, {@link #evaluate(TrainedModel, Frame, Frame)}.
     */
    public Evaluator learningCurve(double... atFractions) {
        return with(b -> b.learningCurve(atFractions));
    }

    /** Compares with the model now in use, under these thresholds. */
    public Evaluator compareWith(TrainedModel currentModel, MetricThreshold... gates) {
        return new Evaluator(settings.toBuilder().thresholds(List.of(gates)).build(), currentModel, listener);
    }

    /** Validates against these thresholds, with no current model (the first model). */
    public Evaluator thresholds(MetricThreshold... gates) {
        return with(b -> b.thresholds(List.of(gates)));
    }

    /** Blesses a candidate only when it is also significantly better than the current model at this level. */
    public Evaluator requireSignificance(double level) {
        return with(b -> b.significanceLevel(level).requireSignificance(true));
    }

    /** Reports learning-curve progress to a listener. */
    public Evaluator listener(TrainingListener newListener) {
        return new Evaluator(settings, current, newListener);
    }

    /** Evaluates on held-out rows only (baselines are fitted on them, and there is no fit diagnosis). */
    public Evaluation evaluate(TrainedModel model, Frame test) {
        return evaluate(model, null, test);
    }

    /**
     * Evaluates on held-out rows, with the training rows for the baselines, the label balance, the fit diagnosis
     * and (when asked for) the learning curve.
     *
     * @throws TrainingException when the frames lack the label or hold a class the model never saw
     */
    public Evaluation evaluate(TrainedModel model, Frame train, Frame test) {
        Scored scored = Scored.of(model, test);
        Metrics metrics = scored.metrics(null);
        String[] choice = primaryMetric(model, train != null ? train : test, train != null ? "training" : "evaluation");
        Evaluator chosen = settings.primaryMetric() == null ? primaryMetric(choice[0]) : this;
        return chosen.evaluate(model, train, test, scored, metrics, choice[1]);
    }

    /**
     * The primary metric and why: the one set, accuracy or balanced accuracy by the label balance of these rows,
     * or R² for a regressor.
     */
    private String[] primaryMetric(TrainedModel model, Frame rows, String which) {
        if (settings.primaryMetric() != null) {
            return new String[] {settings.primaryMetric(), settings.primaryMetric() + ", as set on the evaluator."};
        }
        if (model.task() != ModelTask.CLASSIFICATION) {
            return new String[] {"r2", "r2, the default for a regressor."};
        }
        LabelBalance balance = LabelBalance.of(model.label(), model.classes(), Scored.truth(model, rows));
        if (balance.imbalanced(IMBALANCE_RATIO)) {
            return new String[] {"balanced_accuracy", String.format(Locale.ROOT, "balanced_accuracy, because the %s,"
                    + " at least %.0f:1: accuracy would reward predicting the majority class (roc_auc and pr_auc are"
                    + " reported beside it).", balance.describe(which), IMBALANCE_RATIO)};
        }
        return new String[] {"accuracy", String.format(Locale.ROOT, "accuracy, because the %s, under %.0f:1.",
                balance.describe(which), IMBALANCE_RATIO)};
    }

    private Evaluation evaluate(TrainedModel model, Frame train, Frame test, Scored scored, Metrics metrics,
                                String metricReason) {
        metrics.get(settings.primaryMetric()); // fails early, listing the metric names
        double sign = Metrics.higherIsBetter(settings.primaryMetric()) ? 1 : -1;
        double overall = metrics.get(settings.primaryMetric());
        Metrics trainMetrics = train == null ? null : Scored.of(model, train).metrics(null);

        Map<String, Metrics> baselines = Baselines.of(settings, model, train != null ? train : test, test, scored);
        String best = null;
        double bestValue = Double.NaN;
        for (Map.Entry<String, Metrics> e : baselines.entrySet()) {
            double v = e.getValue().get(settings.primaryMetric());
            if (!Double.isNaN(v) && (best == null || sign * v > sign * bestValue)) {
                best = e.getKey();
                bestValue = v;
            }
        }
        double margin = sign * (overall - bestValue);
        boolean beats = margin >= settings.minMargin();
        String verdictText = String.format(Locale.ROOT, "%s the best baseline (%s, %s=%.4f) by a meaningful margin:"
                        + " model %.4f, margin %+.4f, needed %.4f.%s", beats ? "Beats" : "Does NOT beat", best,
                settings.primaryMetric(), bestValue, overall, margin, settings.minMargin(), beats ? ""
                        : " A trivial model does about as well: check the features and whether this needs ML at all.");
        Evaluation.BaselineVerdict verdict = new Evaluation.BaselineVerdict(best, bestValue, overall, margin,
                settings.minMargin(), beats, verdictText);

        List<Evaluation.Slice> slices = Slices.of(settings, test, scored, overall, sign);
        List<Evaluation.Slice> worst = slices.stream()
                .filter(s -> s.rows() >= settings.minSliceRows() && !Double.isNaN(s.value()) && s.gap() < 0)
                .sorted(Comparator.comparingDouble(Evaluation.Slice::gap)).limit(3).toList();

        List<Evaluation.CurvePoint> curve = train != null && !settings.learningCurve().isEmpty()
                ? LearningCurve.of(settings, listener, model, train, test)
                : List.of();
        Evaluation.FitDiagnosis diagnosis = trainMetrics == null ? null
                : FitDiagnoses.of(settings, trainMetrics.get(settings.primaryMetric()), overall, bestValue, sign,
                        curve);

        Frame wrong = Mistakes.of(settings, model, test, scored);
        Evaluation.Comparison comparison = ReleaseGate.of(settings, current, model, test, scored, metrics, sign,
                verdict);
        return new Evaluation(settings.primaryMetric(), metricReason, metrics, trainMetrics, baselines, verdict, slices,
                worst, curve, diagnosis, wrong, comparison);
    }









}
