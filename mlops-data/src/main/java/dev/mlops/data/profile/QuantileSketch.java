package dev.mlops.data.profile;

import java.util.Base64;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * An immutable KLL quantile sketch of a column's finite values (Apache DataSketches). Every estimate comes with
 * its bound: a quantile at rank {@code q} is a value whose true rank is within {@link #rankError()} of {@code q}
 * (99% confidence).
 *
 * <p>A sketch may see only a Bernoulli sample of the values ({@link #sampleRate()} below 1, see
 * {@link Profiler#create(ProfileOptions, double, long)} and docs/decisions/114): ranks and quantiles are then those
 * of the sample, {@link #n()} still counts every value, and {@link #rankError()} adds {@link #samplingError()},
 * a bound on how far the sample's CDF may lie from the values' CDF at any point.
 *
 * <p>Thread-safe: queries are synchronized because the underlying sketch caches a sorted view lazily.
 */
public final class QuantileSketch {
    /** The probability that the sampling term fails, the same 1% as the KLL error's 99% confidence. */
    static final double SAMPLING_DELTA = 0.01;

    private final KllDoublesSketch sketch;
    private final double sampleRate;
    private final long population;
    /** The smallest and largest of every value, sampled or not ({@code NaN} when there are none). */
    private final double min;
    private final double max;

    QuantileSketch(KllDoublesSketch sketch) {
        this(sketch, 1.0, sketch.getN(), Double.NaN, Double.NaN);
    }

    /** A sketch of a sample; {@code min} and {@code max} are those of all values ({@code NaN}: the sample's). */
    QuantileSketch(KllDoublesSketch sketch, double sampleRate, long population, double min, double max) {
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("A sample rate must be in (0, 1], got " + sampleRate);
        }
        if (population < sketch.getN() || sampleRate == 1 && population != sketch.getN()) {
            throw new IllegalArgumentException("A sketch of " + sketch.getN() + " sampled values at rate "
                    + sampleRate + " cannot stand for " + population + " values");
        }
        this.sketch = sketch;
        this.sampleRate = sampleRate;
        this.population = population;
        boolean none = sketch.isEmpty();
        this.min = !Double.isNaN(min) ? min : none ? Double.NaN : sketch.getMinItem();
        this.max = !Double.isNaN(max) ? max : none ? Double.NaN : sketch.getMaxItem();
    }

    /** A sketch of every value, read from the base64 of its compact bytes. */
    public static QuantileSketch fromBase64(String base64) {
        return new QuantileSketch(KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(base64))));
    }

    /**
     * A sketch of a Bernoulli sample at {@code sampleRate} of {@code population} values whose least and greatest
     * are {@code min} and {@code max}, read from the base64 of its compact bytes (as {@link Profile#toJson()}
     * writes it with its rate, population and extremes).
     */
    public static QuantileSketch fromBase64(String base64, double sampleRate, long population, double min,
                                            double max) {
        return new QuantileSketch(KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(base64))),
                sampleRate, population, min, max);
    }

    /** The base64 of the sketch's compact bytes. */
    public synchronized String toBase64() {
        return Base64.getEncoder().encodeToString(sketch.toByteArray());
    }

    /** The sketch's k. */
    public int k() {
        return sketch.getK();
    }

    /** The number of values the sketch stands for: every finite value profiled, sampled or not. */
    public long n() {
        return population;
    }

    /** The number of values the KLL sketch itself holds: {@link #n()} unless sampled. */
    public synchronized long sampleSize() {
        return sketch.getN();
    }

    /** The share of values the sketch was given: 1 for every value, below 1 for a Bernoulli sample. */
    public double sampleRate() {
        return sampleRate;
    }

    /** Whether no value was sampled (a sampled sketch of a few values may hold none of them). */
    public synchronized boolean isEmpty() {
        return sketch.isEmpty();
    }

    /**
     * The normalized rank error of a rank or quantile (99% confidence for the KLL part, 99% for the sampling part,
     * added): {@link #sketchRankError()} plus {@link #samplingError()}; 0 while the sketch is exact and unsampled.
     */
    public synchronized double rankError() {
        return sketchRankError() + samplingError();
    }

    /** The KLL sketch's own normalized rank error against the values it was given (99% confidence). */
    public synchronized double sketchRankError() {
        return sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0.0;
    }

    /**
     * How far the sample's CDF may lie from the CDF of all {@link #n()} values, at every point at once (99%
     * confidence); 0 when every value was kept. See {@link #samplingError(long, long, double)}.
     */
    public synchronized double samplingError() {
        return samplingError(sketch.getN(), population, SAMPLING_DELTA);
    }

    /**
     * A bound, with probability at least {@code 1 - delta}, on {@code sup_x |G(x) - F(x)|} (and the same for the
     * left limits) where F is the CDF of {@code population} fixed values and G that of a uniformly random subset of
     * {@code m} of them, which is what a Bernoulli sample is given its size (docs/decisions/114). At the population's
     * quantiles {@code j / K} (j = 1..K-1), each of the 2(K-1) shares {@code G(t)} and {@code G(t-)} is within
     * {@code eta} of its population value except with probability {@code 2 exp(-2 m eta^2 / (1 - (m-1)/N))}
     * (Hoeffding's bound, which holds for sampling without replacement, with Serfling's finite-population factor);
     * between two such points both CDFs move by at most {@code 1 / K} more. The best K is searched over powers of
     * two. Deliberately not the DKW constant, which is proved for independent draws, not for a subset of fixed
     * values.
     */
    public static double samplingError(long m, long population, double delta) {
        if (m >= population) {
            return 0.0;
        }
        if (m <= 0) {
            return 1.0;
        }
        double finite = 1.0 - (double) (m - 1) / population;
        double best = 1.0;
        for (int lgK = 1; lgK <= 30; lgK++) {
            double k = Math.scalb(1.0, lgK);
            double eta = Math.sqrt(finite * Math.log(4 * (k - 1) / delta) / (2.0 * m)) + 1.0 / k;
            best = Math.min(best, eta);
        }
        return best;
    }

    /** The value at normalized rank {@code q} in [0, 1] (inclusive search); {@code NaN} when empty. */
    public synchronized double quantile(double q) {
        return sketch.isEmpty() ? Double.NaN : sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
    }

    /** The quantile at rank {@code q} with the values at ranks {@code q -+ rankError()}. */
    public synchronized Estimate quantileWithBounds(double q) {
        if (sketch.isEmpty()) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN);
        }
        if (sampleRate == 1) {
            return new Estimate(sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE),
                    sketch.getQuantileLowerBound(q), sketch.getQuantileUpperBound(q));
        }
        double e = rankError();
        return new Estimate(sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE),
                q - e <= 0 ? min : sketch.getQuantile(q - e, QuantileSearchCriteria.INCLUSIVE),
                q + e >= 1 ? max : sketch.getQuantile(q + e, QuantileSearchCriteria.INCLUSIVE));
    }

    /** The share of values {@code <= x}; {@code NaN} when empty. */
    public synchronized double rank(double x) {
        return sketch.isEmpty() ? Double.NaN : sketch.getRank(x, QuantileSearchCriteria.INCLUSIVE);
    }

    /** The share of values {@code < x}; {@code NaN} when empty. */
    public synchronized double rankExclusive(double x) {
        return sketch.isEmpty() ? Double.NaN : sketch.getRank(x, QuantileSearchCriteria.EXCLUSIVE);
    }

    /** The shares of values in {@code (-inf, s0], (s0, s1], ..., (sLast, +inf)} for increasing split points. */
    public synchronized double[] pmf(double[] splits) {
        return sketch.getPMF(splits, QuantileSearchCriteria.INCLUSIVE);
    }

    /** The smallest value seen, sampled or not ({@code NaN} when none). */
    public double min() {
        return min;
    }

    /** The largest value seen, sampled or not ({@code NaN} when none). */
    public double max() {
        return max;
    }

    /** An equal-width histogram over [min, max] with approximate counts (each within {@code rankError() * n}). */
    public synchronized Histogram histogram(int bins) {
        if (sketch.isEmpty()) {
            return new Histogram(new double[0], new long[0]);
        }
        double lo = min;
        double hi = max;
        if (lo == hi || bins == 1) {
            return new Histogram(new double[] {lo, hi}, new long[] {population});
        }
        double[] edges = new double[bins + 1];
        boolean wide = Double.isInfinite(hi - lo); // beyond the doubles (e.g. -1e308 to 1e308): interpolate
        for (int i = 0; i <= bins; i++) {
            double t = (double) i / bins;
            edges[i] = wide ? lo * (1 - t) + hi * t : lo + (hi - lo) * i / bins;
        }
        edges[bins] = hi;
        double[] splits = new double[bins - 1];
        System.arraycopy(edges, 1, splits, 0, bins - 1);
        // Bins are (e_i, e_i+1] except the first, which includes the minimum.
        double[] pmf = sketch.getPMF(splits, QuantileSearchCriteria.INCLUSIVE);
        long[] counts = new long[bins];
        long n = population; // a sample's shares, scaled to every value
        long assigned = 0;
        for (int i = 0; i < bins; i++) {
            counts[i] = Math.round(pmf[i] * n);
            assigned += counts[i];
        }
        counts[bins - 1] += n - assigned - 0; // keep the total exact; pmf[bins] (above max) is always 0
        if (counts[bins - 1] < 0) {
            counts[bins - 1] = 0;
        }
        return new Histogram(edges, counts);
    }

    /**
     * A new sketch of the values of both (neither is changed). Two Bernoulli samples at the same rate of disjoint
     * values are one sample at that rate of their union, so sketches of the same rate merge as plain sketches.
     *
     * @throws IllegalArgumentException when both have values and their sample rates differ: the union of samples
     *     at two rates is not a sample at any one rate, and no bound of this sketch would cover it
     */
    public QuantileSketch merge(QuantileSketch other) {
        double rate;
        if (sampleRate == other.sampleRate || other.population == 0) {
            rate = sampleRate;
        } else if (population == 0) {
            rate = other.sampleRate;
        } else {
            throw new IllegalArgumentException("Cannot merge a quantile sketch of values sampled at rate "
                    + sampleRate + " (" + population + " values) with one sampled at rate " + other.sampleRate
                    + " (" + other.population + " values): their union is not a sample at one rate, so no rank "
                    + "error would hold; profile both sides with the same sampling");
        }
        KllDoublesSketch out = KllDoublesSketch.newHeapInstance(Math.min(k(), other.k()));
        synchronized (this) {
            out.merge(sketch);
        }
        synchronized (other) {
            out.merge(other.sketch);
        }
        return new QuantileSketch(out, rate, population + other.population, extreme(min, other.min, true),
                extreme(max, other.max, false));
    }

    private static double extreme(double a, double b, boolean least) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) ? b : a;
        }
        return least ? Math.min(a, b) : Math.max(a, b);
    }

    synchronized KllDoublesSketch copyOfSketch() {
        return KllDoublesSketch.heapify(Memory.wrap(sketch.toByteArray()));
    }

    /**
     * A value with its bounds.
     *
     * @param value the estimate
     * @param lower the lower bound
     * @param upper the upper bound
     */
    public record Estimate(double value, double lower, double upper) {
    }
}
