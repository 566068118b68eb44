package dev.mlops.data.profile;

import java.util.Base64;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;

/**
 * An immutable HyperLogLog sketch of a column's distinct values (Apache DataSketches), with the estimate and its
 * bounds at two standard deviations (about 95%).
 *
 * <p>Thread-safe.
 */
public final class DistinctCount {
    private final HllSketch sketch;

    DistinctCount(HllSketch sketch) {
        this.sketch = sketch;
    }

    /** A sketch read from the base64 of its compact bytes. */
    public static DistinctCount fromBase64(String base64) {
        return new DistinctCount(HllSketch.heapify(Base64.getDecoder().decode(base64)));
    }

    /** The base64 of the sketch's compact bytes. */
    public synchronized String toBase64() {
        return Base64.getEncoder().encodeToString(sketch.toCompactByteArray());
    }

    /** log2 of the number of registers. */
    public int lgK() {
        return sketch.getLgConfigK();
    }

    /** The estimated number of distinct values. */
    public synchronized double estimate() {
        return sketch.getEstimate();
    }

    /** The lower bound at two standard deviations. */
    public synchronized double lowerBound() {
        return sketch.getLowerBound(2);
    }

    /** The upper bound at two standard deviations. */
    public synchronized double upperBound() {
        return sketch.getUpperBound(2);
    }

    /** The relative standard error of the estimate in estimation mode: about 1.04 / sqrt(2^lgK). */
    public double relativeStandardError() {
        return 1.04 / Math.sqrt(1 << lgK());
    }

    /** A new sketch of the values of both. */
    public DistinctCount merge(DistinctCount other) {
        Union u = new Union(Math.max(lgK(), other.lgK()));
        synchronized (this) {
            u.update(sketch);
        }
        synchronized (other) {
            u.update(other.sketch);
        }
        return new DistinctCount(u.getResult());
    }
}
