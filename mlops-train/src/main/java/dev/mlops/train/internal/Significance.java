package dev.mlops.train.internal;

import dev.mlops.data.metrics.MetricMath;
import dev.mlops.train.RegressionMetrics;
import java.util.Arrays;
import java.util.Random;

/** Significance checks for comparing two models on the same rows. */
public final class Significance {
    /** Below this many discordant pairs the exact binomial test is used, as statsmodels recommends. */
    static final int EXACT_BELOW = 25;

    private Significance() {
    }

    /**
     * A McNemar test result.
     *
     * @param test "McNemar exact" or "McNemar chi-squared"
     * @param pValue the two-sided p-value
     */
    public record McNemar(String test, double pValue) {
    }

    /**
     * McNemar's test on the discordant pairs: {@code b} rows only the first model got right, {@code c} only the
     * second. Exact (binomial, two-sided) for fewer than 25 pairs, else chi-squared with continuity correction.
     */
    public static McNemar mcnemar(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return new McNemar("McNemar exact", 1.0);
        }
        if (n < EXACT_BELOW) {
            int k = Math.min(b, c);
            double tail = 0;
            for (int i = 0; i <= k; i++) {
                tail += Math.exp(logChoose(n, i) - n * Math.log(2));
            }
            return new McNemar("McNemar exact", Math.min(1.0, 2 * tail));
        }
        double stat = Math.pow(Math.abs(b - c) - 1.0, 2) / n;
        return new McNemar("McNemar chi-squared", erfc(Math.sqrt(stat / 2)));
    }

    /** {@code log(n choose k)}. */
    static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    /** The complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /**
     * A seeded paired bootstrap of {@code metric(candidate) - metric(current)} over rows: the 2.5th and 97.5th
     * percentiles of {@code resamples} differences.
     */
    public static double[] bootstrapDifference(double[] truth, double[] candidate, double[] current, String metric,
                                               int resamples, long seed) {
        Random rnd = new Random(seed);
        int n = truth.length;
        double[] diffs = new double[resamples];
        double[] t = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int j = rnd.nextInt(n);
                t[i] = truth[j];
                a[i] = candidate[j];
                b[i] = current[j];
            }
            diffs[r] = RegressionMetrics.of(t, a).get(metric) - RegressionMetrics.of(t, b).get(metric);
        }
        Arrays.sort(diffs);
        return new double[] {MetricMath.percentile(diffs, 2.5), MetricMath.percentile(diffs, 97.5)};
    }
}
