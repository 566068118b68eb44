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
 * <p>Thread-safe: queries are synchronized because the underlying sketch caches a sorted view lazily.
 */
public final class QuantileSketch {
    private final KllDoublesSketch sketch;

    QuantileSketch(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    /** A sketch read from the base64 of its compact bytes. */
    public static QuantileSketch fromBase64(String base64) {
        return new QuantileSketch(KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(base64))));
    }

    /** The base64 of the sketch's compact bytes. */
    public synchronized String toBase64() {
        return Base64.getEncoder().encodeToString(sketch.toByteArray());
    }

    /** The sketch's k. */
    public int k() {
        return sketch.getK();
    }

    /** The number of values the sketch has seen. */
    public synchronized long n() {
        return sketch.getN();
    }

    /** Whether no value was seen. */
    public synchronized boolean isEmpty() {
        return sketch.isEmpty();
    }

    /** The normalized rank error of a single quantile or rank (99% confidence); 0 while the sketch is exact. */
    public synchronized double rankError() {
        return sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0.0;
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
        return new Estimate(sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE),
                sketch.getQuantileLowerBound(q), sketch.getQuantileUpperBound(q));
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

    /** The smallest value seen. */
    public synchronized double min() {
        return sketch.isEmpty() ? Double.NaN : sketch.getMinItem();
    }

    /** The largest value seen. */
    public synchronized double max() {
        return sketch.isEmpty() ? Double.NaN : sketch.getMaxItem();
    }

    /** An equal-width histogram over [min, max] with approximate counts (each within {@code rankError() * n}). */
    public synchronized Histogram histogram(int bins) {
        if (sketch.isEmpty()) {
            return new Histogram(new double[0], new long[0]);
        }
        double lo = sketch.getMinItem();
        double hi = sketch.getMaxItem();
        if (lo == hi || bins == 1) {
            return new Histogram(new double[] {lo, hi}, new long[] {sketch.getN()});
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
        long n = sketch.getN();
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

    /** A new sketch of the values of both (neither is changed). */
    public QuantileSketch merge(QuantileSketch other) {
        KllDoublesSketch out = KllDoublesSketch.newHeapInstance(Math.min(k(), other.k()));
        synchronized (this) {
            out.merge(sketch);
        }
        synchronized (other) {
            out.merge(other.sketch);
        }
        return new QuantileSketch(out);
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
