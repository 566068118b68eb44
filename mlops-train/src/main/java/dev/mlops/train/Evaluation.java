package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.api.HtmlRenderable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The result of evaluating a model on held-out data: metrics, the trivial baselines and whether the model beats
 * them, slices with the worst named, the learning curve and fit diagnosis (when the training frame was given), the
 * most confident mistakes, and the comparison with the current model.
 *
 * @param primaryMetric the metric verdicts are about
 * @param primaryMetricReason why that metric: set on the evaluator, or chosen from the label's balance (with the
 *     class counts)
 * @param metrics the model's metrics on the evaluation frame
 * @param trainMetrics the model's metrics on its training frame, when given
 * @param baselines trivial models' metrics on the evaluation frame, by name
 * @param baselineVerdict whether the model beats the best baseline by a meaningful margin
 * @param slices the primary metric per slice
 * @param worstSlices the worst slices (enough rows, worst first)
 * @param learningCurve the primary metric against training size (empty unless the evaluator asked for one)
 * @param diagnosis over-fitting, under-fitting or good, with the numbers (empty without a training frame)
 * @param mistakes the most confident wrong predictions with their rows
 * @param comparison the validation against the current model, or against thresholds alone
 */
public record Evaluation(String primaryMetric, String primaryMetricReason, Metrics metrics, Metrics trainMetrics,
                         Map<String, Metrics> baselines,
                         BaselineVerdict baselineVerdict, List<Slice> slices, List<Slice> worstSlices,
                         List<CurvePoint> learningCurve, FitDiagnosis diagnosis, Frame mistakes,
                         Comparison comparison) implements HtmlRenderable {

    /**
     * The primary metric on the rows of one slice.
     *
     * @param column the sliced column
     * @param group the category, or the bucket as {@code [lo, hi]}
     * @param rows rows in the slice
     * @param value the primary metric on them (NaN when undefined, e.g. AUC with one class)
     * @param gap the slice's value minus the overall value, signed so that negative is worse
     */
    public record Slice(String column, String group, int rows, double value, double gap) {
    }

    /**
     * Model against the best trivial baseline.
     *
     * @param bestBaseline the baseline's name
     * @param baselineValue its primary metric
     * @param modelValue the model's
     * @param margin the model's advantage, positive when better
     * @param minMargin the advantage that counts as meaningful
     * @param beats whether margin is at least minMargin
     * @param text the plain verdict
     */
    public record BaselineVerdict(String bestBaseline, double baselineValue, double modelValue, double margin,
                                  double minMargin, boolean beats, String text) {
    }

    /**
     * One learning-curve point.
     *
     * @param trainRows training rows used
     * @param trainValue the primary metric on those rows
     * @param validationValue the primary metric on the evaluation frame
     */
    public record CurvePoint(int trainRows, double trainValue, double validationValue) {
    }

    /** How the model fits. */
    public enum Fit {
        /** Much better on training data than on held-out data. */
        OVERFITTING,
        /** Barely better than a trivial model, even on training data. */
        UNDERFITTING,
        /** Neither. */
        GOOD
    }

    /**
     * The fit diagnosis with the numbers behind it.
     *
     * @param fit the verdict
     * @param trainValue the primary metric on training data
     * @param validationValue on held-out data
     * @param gap their difference, positive when training is better
     * @param lastSlope the learning curve's validation gain over its last step (NaN without a curve)
     * @param text the explanation
     */
    public record FitDiagnosis(Fit fit, double trainValue, double validationValue, double gap, double lastSlope,
                               String text) {
    }

    /**
     * One metric's check.
     *
     * @param metric the metric
     * @param candidate the candidate's value
     * @param current the current model's value (NaN when there is none)
     * @param passed whether every part of the threshold held
     * @param reason what was checked and how it came out
     */
    public record Check(String metric, double candidate, double current, boolean passed, String reason) {
    }

    /**
     * The validation verdict.
     *
     * @param hasCurrent whether a current model was compared with
     * @param checks one per threshold
     * @param significanceTest the test used ("McNemar exact", "McNemar chi-squared", "paired bootstrap")
     * @param pValue its p-value (McNemar) or NaN
     * @param interval the bootstrap 95% interval of the difference in the primary metric (candidate minus current),
     *     or null
     * @param blessed whether the candidate may replace the current model: it beats the trivial baselines, does not
     *     predict one class for every row, and meets every threshold (and the significance test when required)
     * @param reasons why, in plain words
     */
    public record Comparison(boolean hasCurrent, List<Check> checks, String significanceTest, double pValue,
                             double[] interval, boolean blessed, List<String> reasons,
                             Map<String, Double> currentMetrics) {
        /** Copies the map (empty without a current model). */
        public Comparison {
            currentMetrics = currentMetrics == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(currentMetrics));
        }
    }

    /** The fit diagnosis, when a training frame was given. */
    public Optional<FitDiagnosis> fitDiagnosis() {
        return Optional.ofNullable(diagnosis);
    }

    /** A readable report: metrics, baseline verdict, worst slices, diagnosis, verdict. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Primary metric: ").append(primaryMetricReason).append('\n');
        sb.append("Metrics (").append(metrics.rows()).append(" rows):");
        metrics.values().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
        sb.append('\n');
        if (metrics instanceof ClassificationMetrics c) {
            sb.append(c.confusionTable()).append('\n');
        }
        sb.append("Baselines:");
        baselines.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %s=%.4f", k, primaryMetric,
                v.get(primaryMetric))));
        sb.append('\n').append(baselineVerdict.text()).append('\n');
        if (!worstSlices.isEmpty()) {
            sb.append("Worst slices by ").append(primaryMetric).append(':');
            for (Slice s : worstSlices) {
                sb.append(String.format(Locale.ROOT, "%n  %s=%s (%d rows): %.4f (%+.4f vs overall)", s.column(),
                        s.group(), s.rows(), s.value(), s.gap()));
            }
            sb.append('\n');
        }
        if (!learningCurve.isEmpty()) {
            sb.append("Learning curve (train rows: train / validation ").append(primaryMetric).append("):");
            for (CurvePoint p : learningCurve) {
                sb.append(String.format(Locale.ROOT, " %d: %.3f/%.3f", p.trainRows(), p.trainValue(),
                        p.validationValue()));
            }
            sb.append('\n');
        }
        if (diagnosis != null) {
            sb.append("Fit: ").append(diagnosis.fit()).append(" - ").append(diagnosis.text()).append('\n');
        }
        sb.append("Verdict: ").append(comparison.blessed() ? "BLESSED" : "NOT BLESSED");
        for (String r : comparison.reasons()) {
            sb.append("\n  - ").append(r);
        }
        return sb.toString();
    }

    /** {@link #summary()}. */
    @Override
    public String toText() {
        return summary();
    }

    /**
     * The verdict, metrics against the baselines, and charts (confusion heat map, calibration, learning curve,
     * metric by slice) for notebooks; {@link ModelReport} adds ROC and precision-recall curves from the scores.
     */
    @Override
    public String toHtml() {
        return HtmlRenderable.fragment(EvaluationHtml.evaluation(this, List.of(), List.of(),
                EvaluationHtml.id("evaluation", summary())));
    }
}
