package dev.mlops.api.tracking;

/** The life-cycle state of a run. */
public enum RunStatus {
    /** Started and not yet ended. */
    RUNNING,
    /** Ended normally. */
    FINISHED,
    /** Ended by an error. */
    FAILED,
    /** Stopped from outside before it finished. */
    KILLED;

    /** Whether the run has ended. */
    public boolean isTerminal() {
        return this != RUNNING;
    }
}
