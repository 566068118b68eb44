package dev.mlops.api;

/** A model artifact could not be loaded: missing, tampered, truncated, or of an unknown format version. */
public class ModelLoadException extends MlopsException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public ModelLoadException(String message) {
        super(message);
    }

    /** A failure with a message and the cause behind it. */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
