package dev.mlops.train;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TrainingException;
import dev.mlops.api.model.ModelTask;
import dev.mlops.train.internal.FrameConverter;
import dev.mlops.data.metrics.MetricMath;
import dev.mlops.train.internal.LabelBalance;
import dev.mlops.train.internal.Significance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

        Map<String, Metrics> baselines = baselines(model, train != null ? train : test, test, scored);
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

        List<Evaluation.Slice> slices = slices(test, scored, overall, sign);
        List<Evaluation.Slice> worst = slices.stream()
                .filter(s -> s.rows() >= settings.minSliceRows() && !Double.isNaN(s.value()) && s.gap() < 0)
                .sorted(Comparator.comparingDouble(Evaluation.Slice::gap)).limit(3).toList();

        List<Evaluation.CurvePoint> curve = train != null && !settings.learningCurve().isEmpty()
                ? curve(model, train, test)
                : List.of();
        Evaluation.FitDiagnosis diagnosis = trainMetrics == null ? null
                : diagnose(trainMetrics.get(settings.primaryMetric()), overall, bestValue, sign, curve);

        Frame wrong = mistakes(model, test, scored);
        Evaluation.Comparison comparison = compare(model, test, scored, metrics, sign, verdict);
        return new Evaluation(settings.primaryMetric(), metricReason, metrics, trainMetrics, baselines, verdict, slices,
                worst, curve, diagnosis, wrong, comparison);
    }

    private Map<String, Metrics> baselines(TrainedModel model, Frame fitOn, Frame test, Scored scored) {
        Map<String, Metrics> out = new LinkedHashMap<>();
        int n = test.rowCount();
        if (model.task() == ModelTask.CLASSIFICATION) {
            int k = model.classes().size();
            int[] fitTruth = Scored.truth(model, fitOn);
            double[] priors = new double[k];
            for (int t : fitTruth) {
                priors[t] += 1.0 / fitTruth.length;
            }
            int majority = 0;
            for (int c = 1; c < k; c++) {
                if (priors[c] > priors[majority]) {
                    majority = c;
                }
            }
            int[] pred = new int[n];
            double[][] proba = new double[n][];
            Arrays.fill(pred, majority);
            Arrays.fill(proba, priors);
            out.put("majority class", ClassificationMetrics.of(model.classes(), scored.truth, pred, proba, true));
            Random rnd = new Random(settings.seed());
            int[] drawn = new int[n];
            double[][] oneHot = new double[n][k];
            for (int i = 0; i < n; i++) {
                double u = rnd.nextDouble();
                int c = 0;
                double acc = priors[0];
                while (u >= acc && c < k - 1) {
                    acc += priors[++c];
                }
                drawn[i] = c;
                oneHot[i][c] = 1.0;
            }
            out.put("stratified guess", ClassificationMetrics.of(model.classes(), scored.truth, drawn, oneHot, true));
        } else {
            double[] fit = Scored.target(model, fitOn);
            double mean = Arrays.stream(fit).average().orElse(Double.NaN);
            double[] sorted = fit.clone();
            Arrays.sort(sorted);
            double median = MetricMath.percentile(sorted, 50);
            double[] m = new double[n];
            Arrays.fill(m, mean);
            out.put("mean", RegressionMetrics.of(scored.target, m));
            double[] md = new double[n];
            Arrays.fill(md, median);
            out.put("median", RegressionMetrics.of(scored.target, md));
        }
        return out;
    }

    private List<Evaluation.Slice> slices(Frame test, Scored scored, double overall, double sign) {
        List<Evaluation.Slice> out = new ArrayList<>();
        for (String name : settings.sliceColumns()) {
            if (!test.hasColumn(name)) {
                throw new IllegalArgumentException("Cannot slice by '" + name + "': no such column; the columns are "
                        + test.columnNames());
            }
            Column c = test.column(name);
            Map<String, List<Integer>> groups = new TreeMap<>();
            if (c.type() == FieldType.NUMERIC || c.type() == FieldType.INTEGER) {
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c instanceof DoubleColumn d ? d.getDouble(i) : ((LongColumn) c).getDouble(i);
                }
                double[] sorted = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
                double[] edges = new double[settings.buckets() + 1];
                for (int b = 0; b <= settings.buckets(); b++) {
                    edges[b] = MetricMath.percentile(sorted, 100.0 * b / settings.buckets());
                }
                for (int i = 0; i < v.length; i++) {
                    String key;
                    if (Double.isNaN(v[i])) {
                        key = "NA";
                    } else {
                        int b = 0;
                        while (b < settings.buckets() - 1 && v[i] > edges[b + 1]) {
                            b++;
                        }
                        key = String.format(Locale.ROOT, "%d:[%s, %s]", b, fmt(edges[b]), fmt(edges[b + 1]));
                    }
                    groups.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
                }
            } else {
                for (int i = 0; i < c.size(); i++) {
                    groups.computeIfAbsent(c.format(i), x -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                int[] rows = g.getValue().stream().mapToInt(Integer::intValue).toArray();
                double value = scored.metrics(rows).get(settings.primaryMetric());
                String label = g.getKey().replaceFirst("^\\d+:", "");
                out.add(new Evaluation.Slice(name, label, rows.length, value, sign * (value - overall)));
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private List<Evaluation.CurvePoint> curve(TrainedModel model, Frame train, Frame test) {
        // the fitted preprocessing (if any) stays as fitted; each curve model applies it as the model does
        Frame ptrain = train;
        Frame ptest = test;
        Trainer trainer = Trainer.of(model.settings()).missingValues(model.missingValues());
        if (model.preprocessing().isPresent()) {
            trainer = trainer.preprocessing(model.preprocessing().get());
        }
        int[] perm = new int[ptrain.rowCount()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(settings.seed());
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<Evaluation.CurvePoint> out = new ArrayList<>();
        for (int p = 0; p < settings.learningCurve().size(); p++) {
            int rows = Math.max(2, (int) Math.round(settings.learningCurve().get(p) * perm.length));
            Frame sub = ptrain.rows(Arrays.copyOf(perm, rows));
            listener.onProgress(new TrainingEvent(TrainingEvent.Phase.LEARNING_CURVE, p, settings.learningCurve().size(),
                    rows + " rows"));
            try {
                TrainedModel m = trainer.train(sub, model.label());
                double tv = Scored.of(m, sub).metrics(null).get(settings.primaryMetric());
                double vv = Scored.of(m, ptest).metrics(null).get(settings.primaryMetric());
                out.add(new Evaluation.CurvePoint(rows, tv, vv));
            } catch (TrainingException e) {
                // too few rows for this size (one class only, say): the curve starts at the next size
                continue;
            }
        }
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.LEARNING_CURVE, settings.learningCurve().size(),
                settings.learningCurve().size(),
                "done"));
        return out;
    }

    private Evaluation.FitDiagnosis diagnose(double trainValue, double valValue, double baseline, double sign,
                                             List<Evaluation.CurvePoint> curve) {
        double gap = sign * (trainValue - valValue);
        double slope = Double.NaN;
        if (curve.size() >= 2) {
            Evaluation.CurvePoint a = curve.get(curve.size() - 2);
            Evaluation.CurvePoint b = curve.get(curve.size() - 1);
            slope = sign * (b.validationValue() - a.validationValue());
        }
        String curveNote = Double.isNaN(slope) ? "" : slope >= 0.01
                ? String.format(Locale.ROOT, " The validation curve still rises (%+.4f over its last step): more data"
                + " should help.", slope)
                : String.format(Locale.ROOT, " The validation curve has flattened (%+.4f over its last step): more"
                + " data of the same kind will help little.", slope);
        String numbers = String.format(Locale.ROOT, "%s train %.4f, validation %.4f, gap %+.4f, best baseline %.4f.",
                settings.primaryMetric(), trainValue, valValue, gap, baseline);
        boolean barelyLearns = sign * (trainValue - baseline) < settings.minMargin();
        boolean barelyGeneralises = sign * (valValue - baseline) < settings.minMargin() && gap <= settings.overfitGap();
        if (barelyLearns || barelyGeneralises) {
            return new Evaluation.FitDiagnosis(Evaluation.Fit.UNDERFITTING, trainValue, valValue, gap, slope, numbers
                    + " The model is barely better than a trivial one even where it could fit: try a more flexible"
                    + " model, less regularisation or better features." + curveNote);
        }
        if (gap > settings.overfitGap()) {
            return new Evaluation.FitDiagnosis(Evaluation.Fit.OVERFITTING, trainValue, valValue, gap, slope, numbers
                    + String.format(Locale.ROOT, " The gap exceeds %.2f: the model memorises its training rows;"
                    + " regularise, simplify, or add data.", settings.overfitGap()) + curveNote);
        }
        return new Evaluation.FitDiagnosis(Evaluation.Fit.GOOD, trainValue, valValue, gap, slope, numbers
                + String.format(Locale.ROOT, " The gap is within %.2f and the model beats the baseline.", settings.overfitGap())
                + curveNote);
    }

    private Frame mistakes(TrainedModel model, Frame test, Scored s) {
        int n = test.rowCount();
        List<Integer> idx = new ArrayList<>();
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            if (model.task() == ModelTask.CLASSIFICATION) {
                if (s.scores.predicted()[i] != s.truth[i]) {
                    idx.add(i);
                    key[i] = s.scores.probabilities()[i][s.scores.predicted()[i]];
                }
            } else {
                idx.add(i);
                key[i] = Math.abs(s.target[i] - s.scores.values()[i]);
            }
        }
        idx.sort((a, b) -> Double.compare(key[b], key[a]));
        int[] top = idx.stream().limit(settings.mistakes()).mapToInt(Integer::intValue).toArray();
        Frame rows = test.rows(top);
        long[] rowIds = Arrays.stream(top).asLongStream().toArray();
        rows = rows.withColumn(LongColumn.of("row", rowIds));
        double[] conf = new double[top.length];
        if (model.task() == ModelTask.CLASSIFICATION) {
            int[] codes = new int[top.length];
            for (int i = 0; i < top.length; i++) {
                codes[i] = s.scores.predicted()[top[i]];
                conf[i] = key[top[i]];
            }
            rows = rows.withColumn(CategoricalColumn.fromCodes(Field.categorical("predicted"), codes, model.classes()));
            return rows.withColumn(DoubleColumn.of(Field.numeric("confidence"), conf));
        }
        double[] pred = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            pred[i] = s.scores.values()[top[i]];
            conf[i] = s.target[top[i]] - pred[i];
        }
        rows = rows.withColumn(DoubleColumn.of(Field.numeric("predicted"), pred));
        return rows.withColumn(DoubleColumn.of(Field.numeric("residual"), conf));
    }

    private Evaluation.Comparison compare(TrainedModel model, Frame test, Scored cand, Metrics metrics, double sign,
                                          Evaluation.BaselineVerdict verdict) {
        List<String> reasons = new ArrayList<>();
        List<Evaluation.Check> checks = new ArrayList<>();
        Metrics cur = null;
        Scored curScored = null;
        if (current != null) {
            curScored = Scored.of(current, test);
            cur = curScored.metrics(null);
        } else {
            reasons.add("No current model to compare with: judged on the baselines and absolute thresholds alone.");
        }
        boolean passed = true;
        // The gate's floor, whatever the thresholds: a release must do better than a trivial model.
        if (verdict.beats()) {
            reasons.add(String.format(Locale.ROOT, "PASS baseline: %s %.4f beats the best trivial model (%s, %.4f)"
                    + " by %+.4f, at least %.4f.", settings.primaryMetric(), verdict.modelValue(), verdict.bestBaseline(),
                    verdict.baselineValue(), verdict.margin(), verdict.minMargin()));
        } else {
            passed = false;
            reasons.add("FAIL " + verdict.text());
        }
        String only = onlyPrediction(cand);
        if (only != null) {
            passed = false;
            reasons.add(String.format(Locale.ROOT, "FAIL the model predicts '%s' for all %d rows, though the truth"
                    + " holds other classes: it has learned nothing a majority-class rule would not.", only,
                    cand.truth.length));
        }
        List<MetricThreshold> gates = settings.thresholds();
        if (gates.isEmpty() && current != null) {
            gates = List.of(MetricThreshold.noWorseThan(settings.primaryMetric(), 0.0));
        }
        for (MetricThreshold t : gates) {
            double s = Metrics.higherIsBetter(t.metric()) ? 1 : -1;
            double v = metrics.get(t.metric());
            double c = cur == null ? Double.NaN : cur.get(t.metric());
            List<String> parts = new ArrayList<>();
            boolean ok = true;
            if (t.absolute() != null) {
                boolean hold = s * (v - t.absolute()) >= 0;
                ok &= hold;
                parts.add(String.format(Locale.ROOT, "%s %.4f %s %s %.4f", t.metric(), v, hold ? "meets" : "misses",
                        s > 0 ? "minimum" : "maximum", t.absolute()));
            }
            if (cur != null && t.minAbsoluteChange() != null) {
                double change = s * (v - c);
                boolean hold = change >= t.minAbsoluteChange() - 1e-12;
                ok &= hold;
                parts.add(String.format(Locale.ROOT, "change %+.4f vs current %.4f %s the required %+.4f", change, c,
                        hold ? "meets" : "misses", t.minAbsoluteChange()));
            }
            if (cur != null && t.minRelativeChange() != null) {
                double rel = c == 0 ? Double.POSITIVE_INFINITY * Math.signum(s * (v - c)) : s * (v - c) / Math.abs(c);
                boolean hold = rel >= t.minRelativeChange() - 1e-12;
                ok &= hold;
                parts.add(String.format(Locale.ROOT, "relative change %+.2f%% %s the required %+.2f%%", 100 * rel,
                        hold ? "meets" : "misses", 100 * t.minRelativeChange()));
            }
            if (cur == null && t.absolute() == null) {
                parts.add("only a change is required, and there is no current model: not checked");
            }
            String reason = t.metric() + ": " + String.join("; ", parts);
            checks.add(new Evaluation.Check(t.metric(), v, c, ok, reason));
            reasons.add((ok ? "PASS " : "FAIL ") + reason);
            passed &= ok;
        }
        if (gates.isEmpty()) {
            reasons.add("No thresholds were set: nothing to fail.");
        }
        String test2 = "none";
        double p = Double.NaN;
        double[] interval = null;
        if (cur != null) {
            if (model.task() == ModelTask.CLASSIFICATION) {
                int b = 0;
                int c = 0;
                for (int i = 0; i < cand.truth.length; i++) {
                    boolean candRight = cand.scores.predicted()[i] == cand.truth[i];
                    boolean curRight = curScored.scores.predicted()[i] == curScored.truth[i];
                    b += curRight && !candRight ? 1 : 0;
                    c += candRight && !curRight ? 1 : 0;
                }
                Significance.McNemar m = Significance.mcnemar(b, c);
                test2 = m.test();
                p = m.pValue();
                boolean significant = p < settings.significanceLevel() && c > b;
                reasons.add(String.format(Locale.ROOT, "%s on the %d rows where the models disagree (current right"
                        + " only: %d, candidate right only: %d): p=%.4g, %s at %.2f.", test2, b + c, b, c, p,
                        significant ? "a significant improvement" : "not a significant improvement", settings.significanceLevel()));
                if (settings.requireSignificance() && !significant) {
                    passed = false;
                    reasons.add("FAIL significance is required and the improvement is not significant.");
                }
            } else {
                interval = Significance.bootstrapDifference(cand.target, cand.scores.values(),
                        curScored.scores.values(), settings.primaryMetric(), 1000, settings.seed());
                test2 = "paired bootstrap";
                boolean significant = sign > 0 ? interval[0] > 0 : interval[1] < 0;
                reasons.add(String.format(Locale.ROOT, "Paired bootstrap (1000 resamples, seed %d): 95%% interval of"
                        + " the %s difference (candidate - current) is [%.4f, %.4f]: %s.", settings.seed(), settings.primaryMetric(),
                        interval[0], interval[1], significant ? "a significant improvement"
                                : "not a significant improvement"));
                if (settings.requireSignificance() && !significant) {
                    passed = false;
                    reasons.add("FAIL significance is required and the improvement is not significant.");
                }
            }
        }
        reasons.add(passed ? "Blessed: every check passed." : "Not blessed: at least one check failed.");
        return new Evaluation.Comparison(cur != null, checks, test2, p, interval, passed, reasons);
    }

    /** The one class a classifier predicts for every row when the truth holds more than one, else null. */
    private static String onlyPrediction(Scored s) {
        if (s.truth == null || s.truth.length == 0) {
            return null;
        }
        int first = s.scores.predicted()[0];
        boolean truthVaries = false;
        for (int i = 0; i < s.truth.length; i++) {
            if (s.scores.predicted()[i] != first) {
                return null;
            }
            truthVaries |= s.truth[i] != s.truth[0];
        }
        return truthVaries ? s.scores.classes().get(first) : null;
    }

    /** A model's scores on a frame, with the truth in the model's class order. */
    static final class Scored {
        final Scores scores;
        final int[] truth;
        final double[] target;

        private Scored(Scores scores, int[] truth, double[] target) {
            this.scores = scores;
            this.truth = truth;
            this.target = target;
        }

        static Scored of(TrainedModel model, Frame frame) {
            Scores s = model.score(frame);
            return model.task() == ModelTask.CLASSIFICATION ? new Scored(s, truth(model, frame), null)
                    : new Scored(s, null, target(model, frame));
        }

        static int[] truth(TrainedModel model, Frame frame) {
            if (!frame.hasColumn(model.label())) {
                throw new TrainingException("The frame has no label column '" + model.label() + "' to evaluate"
                        + " against; its columns are " + frame.columnNames());
            }
            Column c = frame.column(model.label());
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int k = 0; k < model.classes().size(); k++) {
                index.put(model.classes().get(k), k);
            }
            int[] out = new int[frame.rowCount()];
            for (int i = 0; i < out.length; i++) {
                if (c.isMissing(i)) {
                    throw new TrainingException("Row " + i + " has no label in '" + model.label()
                            + "'; drop unlabelled rows before evaluating");
                }
                Integer k = index.get(FrameConverter.labelText(c, i));
                if (k == null) {
                    throw new TrainingException("Row " + i + " has label '" + c.format(i) + "', a class the model"
                            + " never saw (it knows " + model.classes() + "); retrain with that class or drop the rows");
                }
                out[i] = k;
            }
            return out;
        }

        static double[] target(TrainedModel model, Frame frame) {
            Column c = frame.column(model.label());
            double[] out = new double[frame.rowCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = c instanceof DoubleColumn d ? d.getDouble(i) : c instanceof LongColumn l ? l.getDouble(i)
                        : c instanceof BooleanColumn b && !b.isMissing(i) ? (b.getBoolean(i) ? 1 : 0) : Double.NaN;
                if (Double.isNaN(out[i])) {
                    throw new TrainingException("Row " + i + " has no numeric target in '" + model.label() + "'");
                }
            }
            return out;
        }

        /** Metrics on some rows (all when null). */
        Metrics metrics(int[] rows) {
            if (scores.task() == ModelTask.CLASSIFICATION) {
                if (rows == null) {
                    return ClassificationMetrics.of(scores.classes(), truth, scores.predicted(),
                            scores.probabilities(), scores.probabilistic());
                }
                int[] t = new int[rows.length];
                int[] p = new int[rows.length];
                double[][] pr = new double[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    t[i] = truth[rows[i]];
                    p[i] = scores.predicted()[rows[i]];
                    pr[i] = scores.probabilities()[rows[i]];
                }
                return ClassificationMetrics.of(scores.classes(), t, p, pr, scores.probabilistic());
            }
            if (rows == null) {
                return RegressionMetrics.of(target, scores.values());
            }
            double[] t = new double[rows.length];
            double[] p = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                t[i] = target[rows[i]];
                p[i] = scores.values()[rows[i]];
            }
            return RegressionMetrics.of(t, p);
        }
    }
}
