package dev.mlops.api;

/** Data that breaks a contract or a check; the report behind it lists every violation. */
public class ValidationException extends MlopsException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public ValidationException(String message) {
        super(message);
    }

    /** A failure with a message and the cause behind it. */
    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
