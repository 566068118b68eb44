package dev.mlops.monitor;

/** What became of a label given to {@link DriftMonitor#label(String, Object)}. */
public enum LabelOutcome {
    /** Joined to its pending prediction. */
    JOINED,
    /** No pending prediction has this id: never observed, already expired, or evicted from a full store. */
    UNKNOWN,
    /** The prediction already had a label; the first one stands. */
    DUPLICATE
}
