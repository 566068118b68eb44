package dev.mlops.cli;

/** Input the command cannot use (exit code 2); the message says what is wrong and what to do. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
