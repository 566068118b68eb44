package dev.mlops.serve;

import dev.mlops.api.ServingException;
import java.util.Optional;

/**
 * A prediction that could not be served, with a {@link Reason} code and, for bad input, the input it concerns.
 * Callers branch on {@link #reason()}; the message says what to do.
 */
public class PredictionException extends ServingException {
    private static final long serialVersionUID = 1L;

    /** Why a prediction failed. */
    public enum Reason {
        /** A model input is absent from the request. */
        MISSING_INPUT,
        /** The request has a field the model does not take. */
        UNEXPECTED_INPUT,
        /** A value is of the wrong type for its input. */
        WRONG_TYPE,
        /** A value is missing (null) where the input does not allow it. */
        MISSING_VALUE,
        /** A NaN where the signature forbids it. */
        NAN_NOT_ALLOWED,
        /**
         * {@code +Infinity} or {@code -Infinity} (or a number beyond the input's float range) where the signature
         * does not declare that the input accepts infinities ({@code TensorSpec.acceptsInfinity()}).
         */
        INFINITY_NOT_ALLOWED,
        /** A value has the wrong number of elements for its input's shape. */
        WRONG_SHAPE,
        /** The batching queue is full: the server is overloaded; retry later or add capacity. */
        QUEUE_FULL,
        /** The request did not finish within its timeout. */
        TIMEOUT,
        /** The server is closed. */
        CLOSED,
        /** ONNX Runtime failed while running the model. */
        RUNTIME_ERROR
    }

    private final Reason reason;
    private final String input;

    /** A failure with a reason, the input it concerns (or null) and a message. */
    public PredictionException(Reason reason, String input, String message) {
        this(reason, input, message, null);
    }

    /** A failure with a reason, the input it concerns (or null), a message and a cause. */
    public PredictionException(Reason reason, String input, String message, Throwable cause) {
        super(reason + (input == null ? "" : " (input '" + input + "')") + ": " + message, cause);
        this.reason = reason;
        this.input = input;
    }

    /** Why the prediction failed. */
    public Reason reason() {
        return reason;
    }

    /** The input the failure concerns, when it concerns one. */
    public Optional<String> input() {
        return Optional.ofNullable(input);
    }
}
