package dev.mlops.monitor;

/**
 * The part every {@link ChangeDetector} shares: values must be finite, and values and detections are counted.
 * Subclasses implement {@link #update(double)}. Not thread-safe.
 */
abstract class CountingDetector implements ChangeDetector {
    private long count;
    private long detections;

    @Override
    public final boolean add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("A change detector needs finite values, got " + value);
        }
        count++;
        boolean changed = update(value);
        if (changed) {
            detections++;
        }
        return changed;
    }

    /** Takes a finite value; returns whether a change was detected at it. */
    abstract boolean update(double value);

    @Override
    public final long count() {
        return count;
    }

    @Override
    public final long detections() {
        return detections;
    }
}
