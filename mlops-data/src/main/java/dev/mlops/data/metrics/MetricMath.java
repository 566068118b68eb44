package dev.mlops.data.metrics;

import java.util.Arrays;

/**
 * Metric formulas on plain arrays, shared by training (evaluators) and monitoring (performance per window), written
 * to agree with scikit-learn 1.2 (checked by committed fixtures):
 * tie-aware ROC AUC (average ranks), average precision over distinct thresholds, log loss with rows renormalised
 * and clipped at the double epsilon, uniform 10-bin calibration with {@code searchsorted} bin edges.
 */
public final class MetricMath {
    /** numpy's {@code finfo(float64).eps}, which scikit-learn uses to clip and to guard divisions. */
    public static final double EPS = Math.ulp(1.0);

    private MetricMath() {
    }

    /** Area under the ROC curve of scores for a binary truth; NaN when one class is absent. */
    public static double rocAuc(boolean[] positive, double[] score) {
        int n = score.length;
        Integer[] order = sortedIndices(score);
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = avg;
            }
            i = j + 1;
        }
        double nPos = 0;
        double sumRanks = 0;
        for (int k = 0; k < n; k++) {
            if (positive[k]) {
                nPos++;
                sumRanks += rank[k];
            }
        }
        double nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            return Double.NaN;
        }
        return (sumRanks - nPos * (nPos + 1) / 2.0) / (nPos * nNeg);
    }

    /** Average precision (area under the precision-recall curve as scikit-learn sums it); NaN with no positive. */
    public static double averagePrecision(boolean[] positive, double[] score) {
        int n = score.length;
        Integer[] order = sortedIndices(score);
        double nPos = 0;
        for (boolean p : positive) {
            nPos += p ? 1 : 0;
        }
        if (nPos == 0) {
            return Double.NaN;
        }
        double tp = 0;
        double fp = 0;
        double prevRecall = 0;
        double ap = 0;
        int i = n - 1; // descending scores
        while (i >= 0) {
            double s = score[order[i]];
            while (i >= 0 && score[order[i]] == s) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i--;
            }
            double recall = tp / nPos;
            double precision = tp / (tp + fp);
            ap += (recall - prevRecall) * precision;
            prevRecall = recall;
        }
        return ap;
    }

    /** Mean negative log-likelihood of the true class, rows renormalised and clipped to [eps, 1 - eps]. */
    public static double logLoss(int[] truth, double[][] proba) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double total = 0;
            for (double p : proba[i]) {
                total += clip(p);
            }
            sum -= Math.log(clip(proba[i][truth[i]]) / total);
        }
        return sum / truth.length;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }

    /** The bin of a probability among {@code bins} uniform bins, as numpy's {@code searchsorted} on inner edges. */
    public static int calibrationBin(double p, int bins) {
        int b = 0;
        for (int k = 1; k < bins; k++) {
            if (k * (1.0 / bins) < p) { // numpy linspace edges are k * step, not k / bins
                b = k;
            }
        }
        return b;
    }

    /**
     * The coefficient of determination R² of predictions against the truth, as scikit-learn's {@code r2_score}
     * computes it: {@code 1 - SS_res / SS_tot}; when the truth is constant, 1 for perfect predictions and 0 otherwise.
     */
    public static double r2(double[] truth, double[] predicted) {
        int n = truth.length;
        double mean = 0;
        for (double y : truth) {
            mean += y;
        }
        mean /= n;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double r = truth[i] - predicted[i];
            res += r * r;
            tot += (truth[i] - mean) * (truth[i] - mean);
        }
        return tot == 0 ? (res == 0 ? 1.0 : 0.0) : 1 - res / tot;
    }

    /** The value at a percentile (0-100) of sorted values, with numpy's default linear interpolation. */
    public static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = pos - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }

    private static Integer[] sortedIndices(double[] score) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        return order;
    }
}
