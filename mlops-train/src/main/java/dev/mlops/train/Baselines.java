package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelTask;
import dev.mlops.data.metrics.MetricMath;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** The baselines of an evaluation, fitted on the training rows (or the test rows when there are none). */
final class Baselines {
    private Baselines() {
    }

    /** The trivial models a real one must beat: majority class and a stratified guess, or mean and median. */
    static Map<String, Metrics> of(EvaluatorSettings settings, TrainedModel model, Frame fitOn, Frame test,
            Scored scored) {
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
}
