package dev.mlops.api;

/**
 * The root of every failure the SDK reports. Unchecked; each stage has its own subclass, and every message says
 * what failed, where, and what to do about it. Misuse of an API gets the standard
 * {@link IllegalArgumentException} or {@link IllegalStateException} instead.
 */
public class MlopsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public MlopsException(String message) {
        super(message);
    }

    /** A failure with a message and the cause behind it. */
    public MlopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
