package dev.mlops.monitor;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.data.metrics.MetricMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Confidence-based performance estimation (CBPE) for a binary classifier: calibrate the scores on a labelled
 * reference set (isotonic when it lowers the cross-validated ECE), then per window take the calibrated probability
 * as the chance that each prediction is right. Expected accuracy, F1 and ROC AUC follow; the band is the 2.5th and
 * 97.5th percentile of the metric over labels drawn from those probabilities (seeded Monte Carlo).
 * Not thread-safe: the monitor calls it under its lock.
 */
final class PerformanceEstimator {
    static final int BINS = 10;
    static final int DRAWS = 200;

    private final PerformanceSpec spec;
    private final CalibrationCheck check;
    /** Isotonic steps: upper score edge of each block and its calibrated value; null when raw scores are used. */
    private final double[] edges;
    private final double[] values;
    private final int history;
    private final long seed;
    private final LinkedHashMap<String, Scores> windows = new LinkedHashMap<>();

    private static final class Scores {
        double[] p = new double[64];
        double[] raw = new double[64];
        boolean[] predictedPositive = new boolean[64];
        int n;

        void add(double prob, double score, boolean positive) {
            if (n == p.length) {
                p = Arrays.copyOf(p, n * 2);
                raw = Arrays.copyOf(raw, n * 2);
                predictedPositive = Arrays.copyOf(predictedPositive, n * 2);
            }
            p[n] = prob;
            raw[n] = score;
            predictedPositive[n++] = positive;
        }
    }

    PerformanceEstimator(PerformanceSpec spec, Frame referenceOutputs, List<String> referenceTruth, int history,
                         long seed) {
        if (!spec.binary()) {
            throw new IllegalArgumentException("Performance estimation needs a binary classifier with a score "
                    + "(PerformanceSpec.binary); got " + spec);
        }
        if (referenceTruth.size() != referenceOutputs.rowCount() || referenceTruth.size() < 2 * BINS) {
            throw new IllegalArgumentException("Performance estimation needs one label per reference prediction and "
                    + "at least " + 2 * BINS + " of them; got " + referenceTruth.size() + " labels for "
                    + referenceOutputs.rowCount() + " predictions");
        }
        this.spec = spec;
        this.history = history;
        this.seed = seed;
        double[] score = scores(referenceOutputs);
        boolean[] y = new boolean[score.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = referenceTruth.get(i).equals(spec.positiveClass());
        }
        double raw = ece(score, y);
        int[] order = Reconstruction.shuffled(score.length, seed);
        double cv = 0;
        for (int fold = 0; fold < 2; fold++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                (i % 2 == fold ? test : train).add(order[i]);
            }
            double[][] fit = isotonic(pick(score, train), pick(y, train));
            double[] s = pick(score, test);
            double[] calibrated = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                calibrated[i] = apply(fit[0], fit[1], s[i]);
            }
            cv += ece(calibrated, pick(y, test)) / 2;
        }
        boolean useIsotonic = cv < raw;
        this.check = new CalibrationCheck(score.length, raw, cv, useIsotonic);
        if (useIsotonic) {
            double[][] fit = isotonic(score, y);
            edges = fit[0];
            values = fit[1];
        } else {
            edges = null;
            values = null;
        }
    }

    CalibrationCheck check() {
        return check;
    }

    private double[] scores(Frame outputs) {
        if (!outputs.hasColumn(spec.scoreColumn())) {
            throw new IllegalArgumentException("Performance is estimated from output '" + spec.scoreColumn()
                    + "' but the outputs are " + outputs.columnNames());
        }
        Column c = outputs.column(spec.scoreColumn());
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.isMissing(i) ? Double.NaN : ((Number) c.value(i)).doubleValue();
        }
        return out;
    }

    /** The calibrated probability of the positive class. */
    double calibrate(double score) {
        return edges == null ? score : apply(edges, values, score);
    }

    void observe(Frame outputs, String[] windowKeys) {
        double[] s = scores(outputs);
        Column predicted = outputs.column(spec.predictedColumn());
        for (int r = 0; r < s.length; r++) {
            if (Double.isNaN(s[r]) || predicted.isMissing(r)) {
                continue;
            }
            String key = windowKeys[r] == null ? "late" : windowKeys[r];
            Scores w = windows.computeIfAbsent(key, k -> new Scores());
            while (windows.size() > history) {
                Iterator<String> it = windows.keySet().iterator();
                it.next();
                it.remove();
            }
            w.add(calibrate(s[r]), s[r], spec.positiveClass().equals(predicted.format(r)));
        }
    }

    /** The estimate of one window, or null when it has no predictions. */
    EstimatedPerformance estimate(String key) {
        Scores w = windows.get(key);
        return w == null || w.n == 0 ? null : estimate(key, w);
    }

    List<EstimatedPerformance> estimates() {
        List<EstimatedPerformance> out = new ArrayList<>();
        for (Map.Entry<String, Scores> e : windows.entrySet()) {
            out.add(estimate(e.getKey(), e.getValue()));
        }
        return out;
    }

    private EstimatedPerformance estimate(String key, Scores w) {
        int n = w.n;
        double[] p = Arrays.copyOf(w.p, n);
        double[] raw = Arrays.copyOf(w.raw, n);
        boolean[] pred = Arrays.copyOf(w.predictedPositive, n);
        double acc = 0;
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (int i = 0; i < n; i++) {
            acc += pred[i] ? p[i] : 1 - p[i];
            if (pred[i]) {
                tp += p[i];
                fp += 1 - p[i];
            } else {
                fn += p[i];
            }
        }
        acc /= n;
        double f1 = 2 * tp / (2 * tp + fp + fn);
        double auc = expectedAuc(raw, p);
        Random random = new Random(seed ^ key.hashCode());
        double[] accs = new double[DRAWS];
        double[] f1s = new double[DRAWS];
        double[] aucs = new double[DRAWS];
        boolean[] y = new boolean[n];
        for (int d = 0; d < DRAWS; d++) {
            int right = 0;
            int dtp = 0;
            int dfp = 0;
            int dfn = 0;
            for (int i = 0; i < n; i++) {
                y[i] = random.nextDouble() < p[i];
                right += y[i] == pred[i] ? 1 : 0;
                dtp += y[i] && pred[i] ? 1 : 0;
                dfp += !y[i] && pred[i] ? 1 : 0;
                dfn += y[i] && !pred[i] ? 1 : 0;
            }
            accs[d] = (double) right / n;
            f1s[d] = 2.0 * dtp / Math.max(1, 2 * dtp + dfp + dfn);
            aucs[d] = MetricMath.rocAuc(y, raw); // ranked by the model's own scores, as measured
        }
        return new EstimatedPerformance(key, n, band(acc, accs), band(auc, aucs), band(f1, f1s));
    }

    private static EstimatedPerformance.Band band(double estimate, double[] draws) {
        double[] finite = Arrays.stream(draws).filter(Double::isFinite).sorted().toArray();
        return new EstimatedPerformance.Band(estimate, MetricMath.percentile(finite, 2.5),
                MetricMath.percentile(finite, 97.5));
    }

    /**
     * The ROC AUC of the scores expected when each row is positive with its probability {@code p} (rows ranked by
     * score, ties counting half).
     */
    static double expectedAuc(double[] score, double[] p) {
        int n = p.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double pos = 0;
        double neg = 0;
        for (double v : p) {
            pos += v;
            neg += 1 - v;
        }
        double below = 0;
        double sum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            double tiePos = 0;
            double tieNeg = 0;
            while (j < n && score[order[j]] == score[order[i]]) {
                tiePos += p[order[j]];
                tieNeg += 1 - p[order[j]];
                j++;
            }
            sum += tiePos * (below + tieNeg / 2);
            below += tieNeg;
            i = j;
        }
        return pos == 0 || neg == 0 ? Double.NaN : sum / (pos * neg);
    }

    /** Expected calibration error over {@value #BINS} uniform bins. */
    static double ece(double[] p, boolean[] y) {
        double[] sumP = new double[BINS];
        double[] sumY = new double[BINS];
        int[] count = new int[BINS];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                continue;
            }
            int b = MetricMath.calibrationBin(p[i], BINS);
            sumP[b] += p[i];
            sumY[b] += y[i] ? 1 : 0;
            count[b]++;
            n++;
        }
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                e += Math.abs(sumY[b] - sumP[b]) / n;
            }
        }
        return e;
    }

    /** Pool-adjacent-violators isotonic fit: block upper edges and values, increasing. */
    static double[][] isotonic(double[] score, boolean[] y) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double[] value = new double[n];
        double[] weight = new double[n];
        double[] edge = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (Double.isNaN(score[i])) {
                continue;
            }
            value[blocks] = y[i] ? 1 : 0;
            weight[blocks] = 1;
            edge[blocks] = score[i];
            blocks++;
            while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) {
                double w = weight[blocks - 2] + weight[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1])
                        / w;
                weight[blocks - 2] = w;
                edge[blocks - 2] = edge[blocks - 1];
                blocks--;
            }
        }
        return new double[][] {Arrays.copyOf(edge, blocks), Arrays.copyOf(value, blocks)};
    }

    /** The value of the first block whose upper edge is at or above the score (the last block beyond). */
    static double apply(double[] edges, double[] values, double score) {
        int i = Arrays.binarySearch(edges, score);
        int at = i >= 0 ? i : Math.min(-i - 1, edges.length - 1);
        return values[at];
    }

    private static double[] pick(double[] v, List<Integer> rows) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[rows.get(i)];
        }
        return out;
    }

    private static boolean[] pick(boolean[] v, List<Integer> rows) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[rows.get(i)];
        }
        return out;
    }
}
