package dev.mlops.data.profile;

/**
 * Count, mean and sum of squared deviations of finite values, plus min, max, zeros and infinities; mergeable
 * exactly with the parallel algorithm of Chan, Golub and LeVeque, so partitions combine as one pass would.
 * Infinities never enter the mean, variance or quantiles: they are counted in {@link #infinite()} alone, so the
 * moments describe the finite values honestly (decision 080).
 *
 * @param count    finite values seen
 * @param mean     their mean ({@code NaN} when none)
 * @param m2       the sum of squared deviations from the mean
 * @param min      the smallest finite value ({@code NaN} when none)
 * @param max      the largest finite value ({@code NaN} when none)
 * @param zeros    values equal to zero
 * @param infinite values that were positive or negative infinity (kept out of the moments)
 */
public record Moments(long count, double mean, double m2, double min, double max, long zeros, long infinite) {

    /** No values. */
    public static final Moments EMPTY = new Moments(0, Double.NaN, 0, Double.NaN, Double.NaN, 0, 0);

    /** The moments of {@code values[from, to)}; {@code NaN} values are skipped, infinities counted apart. */
    public static Moments of(double[] values, int from, int to) {
        double[] finite = new double[Math.max(0, to - from)];
        int n = 0;
        long inf = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                finite[n++] = v;
            } else if (v == v) {
                inf++;
            }
        }
        return ofFinite(finite, n, inf);
    }

    /**
     * The moments of {@code finite[0, n)}, which are all finite, with {@code infinite} infinities counted apart:
     * the corrected two-pass algorithm. The mean is finite whenever the values are, even where their sum would
     * overflow; {@code m2} is {@code +Infinity} only when the squared deviations really exceed the double range
     * (values beyond about 1e154), never {@code NaN}.
     */
    static Moments ofFinite(double[] finite, int n, long infinite) {
        if (n == 0) {
            return new Moments(0, Double.NaN, 0, Double.NaN, Double.NaN, 0, infinite);
        }
        long zeros = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = finite[i];
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            zeros += v == 0 ? 1 : 0;
        }
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        // Beyond 1e150 a sum or a squared deviation may overflow: work in units of a power of two (exact scaling).
        double scale = magnitude > 1e150 ? Math.scalb(1.0, Math.getExponent(magnitude)) : 1;
        double mean;
        double m2 = 0;
        double comp = 0;
        if (scale == 1) {
            mean = sum / n;
            for (int i = 0; i < n; i++) {
                double d = finite[i] - mean;
                m2 += d * d;
                comp += d;
            }
        } else {
            double scaled = 0;
            for (int i = 0; i < n; i++) {
                scaled += finite[i] / scale;
            }
            double scaledMean = scaled / n;
            mean = scaledMean * scale;
            for (int i = 0; i < n; i++) {
                double d = finite[i] / scale - scaledMean;
                m2 += d * d;
                comp += d;
            }
        }
        // The corrected two-pass algorithm: subtracting comp^2/n removes the rounding error of the mean.
        m2 = Math.max(m2 - comp * comp / n, 0) * scale * scale;
        return new Moments(n, mean, m2, min, max, zeros, infinite);
    }

    /**
     * The moments of all values of both (Chan et al.'s pairwise update): exact to rounding and associative, the
     * infinities of both added. Means far apart (a difference beyond the double range) are combined as a weighted
     * average so the mean stays finite.
     */
    public Moments merge(Moments other) {
        if (other.count == 0) {
            return new Moments(count, mean, m2, min, max, zeros, infinite + other.infinite);
        }
        if (count == 0) {
            return new Moments(other.count, other.mean, other.m2, other.min, other.max, other.zeros,
                    infinite + other.infinite);
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        double share = (double) other.count / n;
        double newMean = Double.isFinite(delta) ? mean + delta * share : mean * (1 - share) + other.mean * share;
        double newM2 = m2 + other.m2 + delta * delta * ((double) count * other.count / n);
        return new Moments(n, newMean, newM2, Math.min(min, other.min), Math.max(max, other.max),
                zeros + other.zeros, infinite + other.infinite);
    }

    /** The sample variance (divisor {@code count - 1}, as pandas reports it); {@code NaN} below two values. */
    public double variance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    /** The population variance (divisor {@code count}); {@code NaN} when empty. */
    public double populationVariance() {
        return count == 0 ? Double.NaN : m2 / count;
    }

    /** The sample standard deviation. */
    public double stdDev() {
        return Math.sqrt(variance());
    }
}
