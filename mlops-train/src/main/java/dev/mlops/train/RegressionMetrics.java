package dev.mlops.train;

import dev.mlops.data.metrics.MetricMath;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression metrics as scikit-learn computes them: RMSE, MAE, R² (1 when the truth is constant and predicted
 * exactly, 0 when constant and missed), MAPE (each error divided by {@code max(|y|, eps)}) and a summary of the
 * residuals {@code y - prediction}.
 *
 * @param rows rows scored
 * @param rmse root mean squared error
 * @param mae mean absolute error
 * @param r2 coefficient of determination
 * @param mape mean absolute percentage error (a fraction, not percent)
 * @param residuals the residuals' summary
 */
public record RegressionMetrics(int rows, double rmse, double mae, double r2, double mape, Residuals residuals)
        implements Metrics {

    /**
     * The spread of the residuals.
     *
     * @param mean mean residual (bias)
     * @param std sample standard deviation
     * @param min smallest
     * @param p25 first quartile
     * @param median median
     * @param p75 third quartile
     * @param max largest
     */
    public record Residuals(double mean, double std, double min, double p25, double median, double p75, double max) {
    }

    /** Computes every metric of predictions against the truth. */
    public static RegressionMetrics of(double[] truth, double[] predicted) {
        int n = truth.length;
        if (predicted.length != n) {
            throw new IllegalArgumentException("truth has " + n + " rows but predicted has " + predicted.length);
        }
        double se = 0;
        double ae = 0;
        double ape = 0;
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            double r = truth[i] - predicted[i];
            res[i] = r;
            se += r * r;
            ae += Math.abs(r);
            ape += Math.abs(r) / Math.max(Math.abs(truth[i]), MetricMath.EPS);
        }
        double r2 = MetricMath.r2(truth, predicted);
        double resMean = Arrays.stream(res).sum() / n;
        double var = 0;
        for (double r : res) {
            var += (r - resMean) * (r - resMean);
        }
        double[] sorted = res.clone();
        Arrays.sort(sorted);
        Residuals summary = new Residuals(resMean, n > 1 ? Math.sqrt(var / (n - 1)) : Double.NaN,
                n == 0 ? Double.NaN : sorted[0], MetricMath.percentile(sorted, 25), MetricMath.percentile(sorted, 50),
                MetricMath.percentile(sorted, 75), n == 0 ? Double.NaN : sorted[n - 1]);
        return new RegressionMetrics(n, Math.sqrt(se / n), ae / n, r2, ape / n, summary);
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", rmse);
        m.put("mae", mae);
        m.put("r2", r2);
        m.put("mape", mape);
        return m;
    }
}
