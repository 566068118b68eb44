package dev.mlops.train;

import dev.mlops.data.metrics.MetricMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics, computed as scikit-learn computes them (checked against its values): accuracy,
 * balanced accuracy, per-class and macro/micro precision, recall and F1 (0 where undefined), ROC AUC and average
 * precision (binary: of the second class; more classes: macro one-vs-rest), log loss, Brier score (binary: of the
 * second class; more classes: the multi-class sum), the confusion matrix (rows true, columns predicted), a 10-bin
 * calibration curve (binary: of the second class; more classes: of the top class's confidence against
 * correctness) and its expected calibration error.
 *
 * @param rows rows scored
 * @param classes class names in index order
 * @param accuracy share of rows predicted right
 * @param balancedAccuracy mean recall over the classes present
 * @param perClass precision, recall, F1 and support per class
 * @param macroPrecision unweighted mean precision
 * @param macroRecall unweighted mean recall
 * @param macroF1 unweighted mean F1
 * @param microPrecision pooled precision
 * @param microRecall pooled recall
 * @param microF1 pooled F1
 * @param rocAuc area under the ROC curve
 * @param prAuc average precision
 * @param logLoss mean negative log-likelihood
 * @param brier Brier score
 * @param confusion counts, {@code confusion[true][predicted]}
 * @param calibration the non-empty calibration bins
 * @param ece expected calibration error over those bins
 * @param probabilistic whether the scores were probabilities (the probability metrics mean little otherwise)
 */
public record ClassificationMetrics(int rows, List<String> classes, double accuracy, double balancedAccuracy,
                                    List<ClassScores> perClass, double macroPrecision, double macroRecall,
                                    double macroF1, double microPrecision, double microRecall, double microF1,
                                    double rocAuc, double prAuc, double logLoss, double brier, long[][] confusion,
                                    List<CalibrationBin> calibration, double ece, boolean probabilistic)
        implements Metrics {

    /**
     * Precision, recall, F1 and support of one class.
     *
     * @param label the class
     * @param precision right among predicted as this class
     * @param recall found among truly this class
     * @param f1 harmonic mean of the two
     * @param support rows truly of this class
     */
    public record ClassScores(String label, double precision, double recall, double f1, long support) {
    }

    /**
     * One calibration bin.
     *
     * @param lower the bin's lower edge
     * @param upper the bin's upper edge
     * @param count rows in the bin
     * @param meanPredicted mean predicted probability
     * @param fractionPositive observed frequency
     */
    public record CalibrationBin(double lower, double upper, long count, double meanPredicted,
                                 double fractionPositive) {
    }

    /**
     * Computes every metric.
     *
     * @param classes class names in index order
     * @param truth true class index per row
     * @param predicted predicted class index per row
     * @param proba per row, a probability per class
     * @param probabilistic whether {@code proba} holds probabilities
     */
    public static ClassificationMetrics of(List<String> classes, int[] truth, int[] predicted, double[][] proba,
                                           boolean probabilistic) {
        int k = classes.size();
        int n = truth.length;
        if (predicted.length != n || proba.length != n) {
            throw new IllegalArgumentException("truth, predicted and proba need one entry per row: " + n + ", "
                    + predicted.length + ", " + proba.length);
        }
        long[][] cm = new long[k][k];
        for (int i = 0; i < n; i++) {
            cm[truth[i]][predicted[i]]++;
        }
        List<ClassScores> per = new ArrayList<>(k);
        double correct = 0;
        double sumP = 0;
        double sumR = 0;
        double sumF = 0;
        double sumRecallPresent = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = cm[c][c];
            long actual = 0;
            long pred = 0;
            for (int j = 0; j < k; j++) {
                actual += cm[c][j];
                pred += cm[j][c];
            }
            correct += tp;
            double p = pred == 0 ? 0 : (double) tp / pred;
            double r = actual == 0 ? 0 : (double) tp / actual;
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            per.add(new ClassScores(classes.get(c), p, r, f, actual));
            sumP += p;
            sumR += r;
            sumF += f;
            if (actual > 0) {
                sumRecallPresent += r;
                present++;
            }
        }
        double accuracy = n == 0 ? Double.NaN : correct / n;
        double rocAuc;
        double prAuc;
        double brier = 0;
        double[] calScore = new double[n];
        double[] calTruth = new double[n];
        if (k == 2) {
            boolean[] pos = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                pos[i] = truth[i] == 1;
                s[i] = proba[i][1];
                brier += (s[i] - (pos[i] ? 1 : 0)) * (s[i] - (pos[i] ? 1 : 0));
                calScore[i] = s[i];
                calTruth[i] = pos[i] ? 1 : 0;
            }
            rocAuc = MetricMath.rocAuc(pos, s);
            prAuc = MetricMath.averagePrecision(pos, s);
        } else {
            double aucSum = 0;
            double apSum = 0;
            int aucCount = 0;
            int apCount = 0;
            for (int c = 0; c < k; c++) {
                boolean[] pos = new boolean[n];
                double[] s = new double[n];
                for (int i = 0; i < n; i++) {
                    pos[i] = truth[i] == c;
                    s[i] = proba[i][c];
                }
                double auc = MetricMath.rocAuc(pos, s);
                double ap = MetricMath.averagePrecision(pos, s);
                if (!Double.isNaN(auc)) {
                    aucSum += auc;
                    aucCount++;
                }
                if (!Double.isNaN(ap)) {
                    apSum += ap;
                    apCount++;
                }
            }
            rocAuc = aucCount == 0 ? Double.NaN : aucSum / aucCount;
            prAuc = apCount == 0 ? Double.NaN : apSum / apCount;
            for (int i = 0; i < n; i++) {
                double top = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double y = truth[i] == c ? 1 : 0;
                    brier += (proba[i][c] - y) * (proba[i][c] - y);
                    top = Math.max(top, proba[i][c]);
                }
                calScore[i] = top;
                calTruth[i] = predicted[i] == truth[i] ? 1 : 0;
            }
        }
        int bins = 10;
        long[] counts = new long[bins];
        double[] sumScore = new double[bins];
        double[] sumTrue = new double[bins];
        for (int i = 0; i < n; i++) {
            int b = MetricMath.calibrationBin(calScore[i], bins);
            counts[b]++;
            sumScore[b] += calScore[i];
            sumTrue[b] += calTruth[i];
        }
        List<CalibrationBin> cal = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                double meanP = sumScore[b] / counts[b];
                double frac = sumTrue[b] / counts[b];
                cal.add(new CalibrationBin(b * (1.0 / bins), (b + 1) * (1.0 / bins), counts[b], meanP, frac));
                ece += (double) counts[b] / n * Math.abs(frac - meanP);
            }
        }
        return new ClassificationMetrics(n, List.copyOf(classes), accuracy,
                present == 0 ? Double.NaN : sumRecallPresent / present, List.copyOf(per), sumP / k, sumR / k,
                sumF / k, accuracy, accuracy, accuracy, rocAuc, prAuc,
                n == 0 ? Double.NaN : MetricMath.logLoss(truth, proba), n == 0 ? Double.NaN : brier / n, cm,
                List.copyOf(cal), n == 0 ? Double.NaN : ece, probabilistic);
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("balanced_accuracy", balancedAccuracy);
        m.put("macro_precision", macroPrecision);
        m.put("macro_recall", macroRecall);
        m.put("macro_f1", macroF1);
        m.put("micro_precision", microPrecision);
        m.put("micro_recall", microRecall);
        m.put("micro_f1", microF1);
        m.put("roc_auc", rocAuc);
        m.put("pr_auc", prAuc);
        m.put("log_loss", logLoss);
        m.put("brier", brier);
        m.put("ece", ece);
        return m;
    }

    /** The confusion matrix as text, rows true and columns predicted. */
    public String confusionTable() {
        StringBuilder sb = new StringBuilder(String.format("%-14s", "true\\pred"));
        for (String c : classes) {
            sb.append(String.format("%10s", c));
        }
        for (int i = 0; i < classes.size(); i++) {
            sb.append('\n').append(String.format("%-14s", classes.get(i)));
            for (int j = 0; j < classes.size(); j++) {
                sb.append(String.format("%10d", confusion[i][j]));
            }
        }
        return sb.toString();
    }
}
