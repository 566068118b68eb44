package dev.mlops.api;

/** A model could not be trained, tuned or evaluated: the settings, the data and the step are named. */
public class TrainingException extends MlopsException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public TrainingException(String message) {
        super(message);
    }

    /** A failure with a message and the cause behind it. */
    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
