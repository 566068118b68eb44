package dev.mlops.api;

/** A prediction could not be served: bad input, a full queue, a timeout, or a closed server. */
public class ServingException extends MlopsException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message. */
    public ServingException(String message) {
        super(message);
    }

    /** A failure with a message and the cause behind it. */
    public ServingException(String message, Throwable cause) {
        super(message, cause);
    }
}
