package dev.mlops.data.validate;

/**
 * The sampling tolerances of inferred contracts (decision 081): how far a statistic of new data may lie from the
 * reference's before the difference is more than two samples of the same data would show.
 */
final class Sampling {
    private Sampling() {
    }

    /** The standard normal quantile at {@code p} (Acklam's rational approximation, relative error below 1.2e-9). */
    static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("A normal quantile needs 0 < p < 1, got " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** The upper end of the Wilson score interval of {@code k} successes in {@code n} trials. */
    static double wilsonUpper(long k, long n, double z) {
        if (n == 0) {
            return 1;
        }
        double p = (double) k / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.min(1, (centre + spread) / (1 + z2 / n));
    }

    /**
     * The largest share of {@code rows} new rows that may have a property ({@code missing}, {@code a new value})
     * that {@code hits} of {@code referenceRows} reference rows had, at one-sided {@code confidence}: the reference
     * share's Wilson upper bound, plus the binomial spread of a sample of {@code rows} at that bound, plus a
     * continuity correction; never below the reference share plus {@code slack} (differences smaller than the
     * slack are not worth an error however many rows show them).
     */
    static double shareLimit(long hits, long referenceRows, long rows, double confidence, double slack) {
        if (rows == 0) {
            return 1;
        }
        double z = normalQuantile(confidence);
        double upper = wilsonUpper(hits, referenceRows, z);
        double limit = upper + z * Math.sqrt(upper * (1 - upper) / rows) + 0.5 / rows;
        double floor = referenceRows == 0 ? 1 : (double) hits / referenceRows + slack;
        return Math.min(1, Math.max(limit, floor));
    }

    /**
     * The largest difference between the mean of {@code values} new values (of standard deviation {@code sd}) and
     * the reference mean (of {@code referenceValues} values, standard deviation {@code referenceSd}) at two-sided
     * {@code confidence}: Welch's standard error, with the new sample's deviation never taken below the
     * reference's (a handful of new values may by chance look alike).
     */
    static double meanTolerance(long referenceValues, double referenceSd, long values, double sd,
                                double confidence) {
        double z = normalQuantile(1 - (1 - confidence) / 2);
        double newSd = Double.isNaN(sd) ? referenceSd : Math.max(sd, referenceSd);
        return z * Math.sqrt(referenceSd * referenceSd / referenceValues + newSd * newSd / values);
    }
}
