package dev.mlops.train.scoping;

import dev.mlops.train.scoping.ScopingReport.CandidateScore;
import dev.mlops.train.scoping.ScopingReport.CurvePoint;
import dev.mlops.train.scoping.ScopingReport.Kind;
import dev.mlops.train.scoping.ScopingReport.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * The verdict from the scores (decision 121), in this order: no signal unless the best candidate beats the best
 * baseline by more than the tolerance, significantly over the folds (one-sided paired t-test at 5%); more data likely
 * helps when the learning curve gains more than the tolerance from half to all of each training fold; ML helps when
 * the best model beats the best rule by more than the tolerance, significantly; else a rule suffices.
 */
final class Verdicts {
    /** One-sided 5% critical values of Student's t for 1 to 10 degrees of freedom. */
    private static final double[] T95 = {6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812};

    private Verdicts() {
    }

    record Decision(Verdict verdict, String reason) {
    }

    static Decision decide(Scoping.Task task, List<CandidateScore> scored, List<CurvePoint> curve, double[][] scores) {
        int base = best(task, scored, Kind.BASELINE);
        int top = Scoping.bestOf(task, scored, null);
        int rule = Scoping.bestOf(task, scored, Kind.RULE);
        int model = Scoping.bestOf(task, scored, Kind.MODEL);
        double tol = task.settings.tolerance();
        double[] overBase = difference(task, scores[top], scores[base]);
        double lift = Scoping.mean(overBase);
        String m = task.metric;
        double half = task.goodness(curve.get(curve.size() - 2).mean());
        double fullSize = task.goodness(curve.get(curve.size() - 1).mean());
        double gain = fullSize - half;
        if (!(lift > tol) || !significant(overBase)) {
            return new Decision(Verdict.NO_SIGNAL, String.format(Locale.ROOT, "the best candidate (%s, %s %.4f)"
                            + " beats the best baseline (%s, %.4f) by %.4f, %s", scored.get(top).name(), m,
                    scored.get(top).mean(), scored.get(base).name(), scored.get(base).mean(), lift, lift > tol
                            ? "not significantly over the folds" : "within the tolerance " + fmt(tol)));
        }
        if (gain > tol) {
            return new Decision(Verdict.MORE_DATA_LIKELY_HELPS, String.format(Locale.ROOT, "%s still gains %.4f %s"
                            + " from %d to %d training rows (tolerance %.4f), and beats the baseline by %.4f",
                    curve.get(0).candidate(), gain, m, curve.get(curve.size() - 2).trainRows(),
                    curve.get(curve.size() - 1).trainRows(), tol, lift));
        }
        double[] modelOverRule = difference(task, scores[model], scores[rule]);
        double margin = Scoping.mean(modelOverRule);
        if (margin > tol && significant(modelOverRule)) {
            return new Decision(Verdict.ML_HELPS, String.format(Locale.ROOT, "%s (%s %.4f) beats the best rule (%s,"
                            + " %.4f) by %.4f, more than the tolerance %.4f and significantly over the folds",
                    scored.get(model).name(), m, scored.get(model).mean(), scored.get(rule).name(),
                    scored.get(rule).mean(), margin, tol));
        }
        return new Decision(Verdict.RULE_SUFFICES, String.format(Locale.ROOT, "the rule '%s' (%s %.4f) is %s the"
                        + " best model (%s, %.4f): margin %.4f, tolerance %.4f", scored.get(rule).name(), m,
                scored.get(rule).mean(), margin > tol ? "not significantly worse than" : "within the tolerance of",
                scored.get(model).name(), scored.get(model).mean(), margin, tol));
    }

    private static int best(Scoping.Task task, List<CandidateScore> scored, Kind kind) {
        return Scoping.bestOf(task, scored, kind);
    }

    /** Per fold, how much better a is than b (in goodness: higher is better). */
    private static double[] difference(Scoping.Task task, double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = task.goodness(a[i]) - task.goodness(b[i]);
        }
        return d;
    }

    /** One-sided paired t-test at 5% that the mean difference is above zero. */
    static boolean significant(double[] d) {
        double mean = Scoping.mean(d);
        double sd = Scoping.std(d);
        if (!(mean > 0)) {
            return false;
        }
        if (sd == 0) {
            return true;
        }
        double t = mean / (sd / Math.sqrt(d.length));
        return t > T95[Math.min(T95.length, Math.max(1, d.length - 1)) - 1];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
