package dev.mlops.cli;

/** Input the user must fix (a missing file, an unknown column); the command exits with {@link Mlops#BAD_INPUT}. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
