package dev.mlops.pipeline;

import java.util.Objects;

/**
 * One progress report of a running pipeline: the step, how far it is ({@code done} of {@code total} units: rows
 * checked, tuning trials, folds, models fitted) and a short detail.
 *
 * @param step what is running: {@code read}, {@code check}, {@code tune}, {@code fold}, {@code train},
 *     {@code evaluate}, {@code register}
 * @param done units finished
 * @param total units in all (at least 1)
 * @param detail a human-readable note ("trial 3/8 roc_auc=0.7712"), never null
 */
public record PipelineEvent(String step, int done, int total, String detail) {

    /** Checks the counts. */
    public PipelineEvent {
        Objects.requireNonNull(step, "step");
        detail = detail == null ? "" : detail;
        if (total < 1 || done < 0 || done > total) {
            throw new IllegalArgumentException("Progress " + done + "/" + total + " of step '" + step
                    + "' is not a valid count");
        }
    }

    /** The fraction done, from 0 to 1. */
    public double fraction() {
        return (double) done / total;
    }

    /** Whether the step is finished. */
    public boolean finished() {
        return done == total;
    }
}
