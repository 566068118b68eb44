package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.train.internal.Folds;

/**
 * The k folds of one tuning run, cut once and shared by every trial: per fold, its training rows and its held-out
 * rows as frames. {@link #fit(Trainer, int)} fits the trainer's whole pipeline (selection, chain, model) on a fold's
 * training rows only, recording no profile, so the held-out rows reach nothing that is fitted. Immutable and safe to
 * share between trials running at once.
 */
final class CrossValidation {
    private final String label;
    private final Frame[] training;
    private final Frame[] heldOut;

    private CrossValidation(String label, Frame[] training, Frame[] heldOut) {
        this.label = label;
        this.training = training;
        this.heldOut = heldOut;
    }

    /** The folds of a frame given each fold's held-out rows (ascending), as {@link Folds} deals them. */
    static CrossValidation of(Frame frame, String label, int[][] heldOutRows) {
        Frame[] training = new Frame[heldOutRows.length];
        Frame[] heldOut = new Frame[heldOutRows.length];
        for (int f = 0; f < heldOutRows.length; f++) {
            training[f] = frame.rows(Folds.complement(frame.rowCount(), heldOutRows[f]));
            heldOut[f] = frame.rows(heldOutRows[f]);
        }
        return new CrossValidation(label, training, heldOut);
    }

    /** The number of folds. */
    int folds() {
        return heldOut.length;
    }

    /** The training rows of fold {@code f}. */
    Frame training(int f) {
        return training[f];
    }

    /** The held-out rows of fold {@code f}. */
    Frame heldOut(int f) {
        return heldOut[f];
    }

    /** The trainer's pipeline fitted on fold {@code f}'s training rows alone, with no profile recorded. */
    TrainedModel fit(Trainer trainer, int f) {
        return trainer.recordProfile(false).listener(TrainingListener.none()).train(training[f], label);
    }

    /** The metric of the pipeline fitted on fold {@code f}'s training rows, scored on its held-out rows. */
    double score(Trainer trainer, int f, String metric) {
        return Scored.of(fit(trainer, f), heldOut[f]).metrics(null).get(metric);
    }
}
