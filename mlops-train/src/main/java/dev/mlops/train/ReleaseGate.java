package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelTask;
import dev.mlops.train.internal.Significance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The comparison of a candidate with the current model and the thresholds: the release verdict. */
final class ReleaseGate {
    private ReleaseGate() {
    }

    /**
     * The release gate: the baseline floor, a model that predicts one class, the thresholds (no worse than the
     * current model on the primary metric by default), and a significance test against the current model.
     */
    static Evaluation.Comparison of(EvaluatorSettings settings, TrainedModel current, TrainedModel model,
            Frame test, Scored cand, Metrics metrics, double sign,
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
        return new Evaluation.Comparison(cur != null, checks, test2, p, interval, passed, reasons,
                cur == null ? Map.of() : cur.values());
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
}
