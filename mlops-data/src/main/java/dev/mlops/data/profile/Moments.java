package dev.mlops.data.profile;

/**
 * Count, mean and sum of squared deviations of finite values, plus min, max, zeros and infinities; mergeable
 * exactly with the parallel algorithm of Chan, Golub and LeVeque, so partitions combine as one pass would.
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
        long n = 0;
        long zeros = 0;
        long inf = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (v != v) {
                continue;
            }
            if (Double.isInfinite(v)) {
                inf++;
                continue;
            }
            n++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v == 0) {
                zeros++;
            }
        }
        if (n == 0) {
            return new Moments(0, Double.NaN, 0, Double.NaN, Double.NaN, 0, inf);
        }
        double mean = sum / n;
        double m2 = 0;
        double comp = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (v == v && !Double.isInfinite(v)) {
                double d = v - mean;
                m2 += d * d;
                comp += d;
            }
        }
        // The corrected two-pass algorithm: subtracting comp^2/n removes the rounding error of the mean.
        m2 -= comp * comp / n;
        return new Moments(n, mean, Math.max(m2, 0), min, max, zeros, inf);
    }

    /** The moments of all values of both (Chan et al.'s pairwise update). */
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
        double newMean = mean + delta * ((double) other.count / n);
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
