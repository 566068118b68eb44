package dev.mlops.data.profile;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * An immutable frequent-items sketch of a column's labels (Apache DataSketches {@code ItemsSketch}): the most
 * frequent values with their counts and bounds. Exact (error 0) while fewer distinct labels than three quarters of
 * the map size were seen.
 *
 * <p>Thread-safe.
 */
public final class FrequentItems {
    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();
    private final ItemsSketch<String> sketch;

    FrequentItems(ItemsSketch<String> sketch) {
        this.sketch = sketch;
    }

    /** A sketch read from the base64 of its bytes. */
    public static FrequentItems fromBase64(String base64) {
        return new FrequentItems(ItemsSketch.getInstance(Memory.wrap(Base64.getDecoder().decode(base64)), SERDE));
    }

    /** The base64 of the sketch's bytes. */
    public synchronized String toBase64() {
        return Base64.getEncoder().encodeToString(sketch.toByteArray(SERDE));
    }

    /** The most frequent labels, most frequent first (ties by label), with bounds (no false negatives). */
    public synchronized List<ItemCount> items() {
        List<ItemCount> out = new ArrayList<>();
        for (ItemsSketch.Row<String> r : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            out.add(new ItemCount(r.getItem(), r.getEstimate(), r.getLowerBound(), r.getUpperBound()));
        }
        out.sort((a, b) -> a.estimate() != b.estimate() ? Long.compare(b.estimate(), a.estimate())
                : a.value().compareTo(b.value()));
        return out;
    }

    /** The estimated count of a label (0 when never seen, if the sketch is exact). */
    public synchronized long estimate(String label) {
        return sketch.getEstimate(label);
    }

    /** The largest error of any count; 0 means every count is exact. */
    public synchronized long maximumError() {
        return sketch.getMaximumError();
    }

    /** The number of values seen. */
    public synchronized long streamLength() {
        return sketch.getStreamLength();
    }

    /** The maximum map size. */
    public synchronized int mapSize() {
        return sketch.getMaximumMapCapacity() * 4 / 3;
    }

    /** A new sketch of the values of both. */
    public FrequentItems merge(FrequentItems other) {
        ItemsSketch<String> out = new ItemsSketch<>(Math.max(mapSize(), other.mapSize()));
        synchronized (this) {
            out.merge(sketch);
        }
        synchronized (other) {
            out.merge(other.sketch);
        }
        return new FrequentItems(out);
    }

    /**
     * A label with its estimated count and bounds.
     *
     * @param value    the label
     * @param estimate the estimated count
     * @param lower    the lower bound
     * @param upper    the upper bound
     */
    public record ItemCount(String value, long estimate, long lower, long upper) {
    }
}
