package dev.mlops.train;

import java.util.Objects;

/**
 * One progress report: a phase, how far it is ({@code done} of {@code total} units: examples converted, models
 * fitted, folds, trials, learning-curve points) and a short detail.
 *
 * @param phase what is running
 * @param done units finished
 * @param total units in all (at least 1)
 * @param detail a human-readable note ("fold 3/5 accuracy=0.74")
 */
public record TrainingEvent(Phase phase, int done, int total, String detail) {

    /** What a trainer, tuner or evaluator is doing. */
    public enum Phase {
        /** Turning a Frame into a Tribuo dataset. */
        CONVERT,
        /** Fitting one model. */
        FIT,
        /** Cross-validation folds of one trial. */
        FOLD,
        /** Hyper-parameter trials. */
        TRIAL,
        /** Learning-curve points. */
        LEARNING_CURVE
    }

    /** Checks the counts. */
    public TrainingEvent {
        Objects.requireNonNull(phase, "phase");
        detail = detail == null ? "" : detail;
        if (total < 1 || done < 0 || done > total) {
            throw new IllegalArgumentException("Progress " + done + "/" + total + " is not a valid count");
        }
    }

    /** The fraction done, from 0 to 1. */
    public double fraction() {
        return (double) done / total;
    }
}
