package dev.mlops.monitor;

/**
 * A streaming change detector over a per-event signal (an error bit once a label arrives, or a score): fed one
 * value at a time, it says when the signal's mean has changed. Written here (docs/decisions/104) because the common
 * implementations are under licences an embeddable SDK cannot carry.
 *
 * <p>Not thread-safe: feed one detector from one thread (the monitor does, under its lock).
 */
public interface ChangeDetector {

    /**
     * Page-Hinkley for an increase of the mean: the cumulative deviation of values above the running mean, less
     * {@code delta} each, is compared with its minimum so far; a gap above {@code lambda} is a change.
     *
     * @param delta         the magnitude of change that is tolerated (for example 0.005)
     * @param lambda        the detection threshold (for example 50); larger means fewer false alarms, later
     * @param minValues     values seen before the first detection is allowed (for example 30)
     */
    static ChangeDetector pageHinkley(double delta, double lambda, int minValues) {
        return new PageHinkley(delta, lambda, minValues);
    }

    /**
     * ADWIN (Bifet and Gavalda, 2007): an adaptive window, kept as an exponential histogram, that drops its older
     * part whenever the means of an older and a newer sub-window differ by more than the Hoeffding-style bound at
     * confidence {@code delta}; a drop is a change, and the window then holds only data since the change.
     *
     * @param delta the confidence (for example 0.002); smaller means fewer false alarms, later
     */
    static ChangeDetector adwin(double delta) {
        return new Adwin(delta);
    }

    /** Adds a value; returns whether a change was detected at it. */
    boolean add(double value);

    /** Values added so far. */
    long count();

    /** Changes detected so far. */
    long detections();

    /** The detector's current estimate of the signal's mean (since the last change). */
    double mean();

    /** Forgets everything but the counts of values and detections. */
    void reset();
}
