package dev.mlops.serve.endpoint.internal;

import dev.mlops.api.ServingException;

/**
 * A request the endpoint refuses or could not answer, with the {@link Kind} that picks the HTTP status and gRPC code.
 * Every transport turns it into its own error form; the message is what the client reads.
 */
public final class EndpointException extends ServingException {
    private static final long serialVersionUID = 1L;

    /** Why a request failed; each kind carries its HTTP status and its google.rpc.Code number. */
    public enum Kind {
        /** The request is malformed or does not fit the model. */
        BAD_REQUEST(400, 3),
        /** No bearer token, or not a known one. */
        UNAUTHENTICATED(401, 16),
        /** No such model, version or route. */
        NOT_FOUND(404, 5),
        /** The HTTP method does not fit the route. */
        METHOD_NOT_ALLOWED(405, 12),
        /** The body did not arrive in time. */
        REQUEST_TIMEOUT(408, 4),
        /** The body or a tensor is larger than the limits. */
        TOO_LARGE(413, 8),
        /** The body is not JSON nor the binary tensor form. */
        UNSUPPORTED_MEDIA_TYPE(415, 3),
        /** Too many requests at once, or the batching queue is full: retry later. */
        OVERLOADED(429, 8),
        /** The model failed while running. */
        INTERNAL(500, 13),
        /** The endpoint is closing. */
        UNAVAILABLE(503, 14),
        /** The request did not finish within its timeout. */
        TIMEOUT(504, 4);

        private final int httpStatus;
        private final int grpcCode;

        Kind(int httpStatus, int grpcCode) {
            this.httpStatus = httpStatus;
            this.grpcCode = grpcCode;
        }

        /** The HTTP status. */
        public int httpStatus() {
            return httpStatus;
        }

        /** The google.rpc.Code number (INVALID_ARGUMENT is 3, ...). */
        public int grpcCode() {
            return grpcCode;
        }
    }

    private final Kind kind;

    /** A failure of a kind with the message the client reads. */
    public EndpointException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** A failure of a kind with the message the client reads and its cause. */
    public EndpointException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** A malformed request. */
    static EndpointException badRequest(String message) {
        return new EndpointException(Kind.BAD_REQUEST, message);
    }

    /** Why the request failed. */
    public Kind kind() {
        return kind;
    }
}
