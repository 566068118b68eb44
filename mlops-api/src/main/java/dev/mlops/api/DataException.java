package dev.mlops.api;

import java.util.Optional;

/**
 * Input data that cannot be read as asked: a bad value, a ragged row, an unreadable file. Carries where it happened
 * (source, line, column), the raw value and what was expected, so the message and a program can both point at it.
 */
public class DataException extends MlopsException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String column;
    private final String rawValue;
    private final String expected;

    /** A data failure known only by its message. */
    public DataException(String message) {
        this(message, (Throwable) null);
    }

    /** A data failure known only by its message, with its cause. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
        this.source = null;
        this.line = -1;
        this.column = null;
        this.rawValue = null;
        this.expected = null;
    }

    /**
     * A data failure at a place in a source.
     *
     * @param problem what is wrong, e.g. "Bad number"
     * @param source the file, table or stream, e.g. a path
     * @param line the 1-based line or record number, or -1 when unknown
     * @param column the column name, or null for a whole row
     * @param rawValue the text as read, or null
     * @param expected what would have been accepted, or null
     * @param hint what to do about it, or null
     * @param cause the underlying failure, or null
     */
    public DataException(String problem, String source, long line, String column, String rawValue, String expected,
            String hint, Throwable cause) {
        super(format(problem, source, line, column, rawValue, expected, hint), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.rawValue = rawValue;
        this.expected = expected;
    }

    private static String format(String problem, String source, long line, String column, String rawValue,
            String expected, String hint) {
        StringBuilder s = new StringBuilder(problem);
        if (source != null) {
            s.append(" in ").append(source);
        }
        if (line >= 0) {
            s.append(" at line ").append(line);
        }
        if (column != null) {
            s.append(", column '").append(column).append('\'');
        }
        if (rawValue != null) {
            s.append(": value '").append(abbreviate(rawValue)).append('\'');
        }
        if (expected != null) {
            s.append(" (expected ").append(expected).append(')');
        }
        s.append('.');
        if (hint != null) {
            s.append(' ').append(hint);
        }
        return s.toString();
    }

    static String abbreviate(String raw) {
        return raw.length() <= 80 ? raw : raw.substring(0, 77) + "...";
    }

    /** The file, table or stream that held the bad data. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The 1-based line or record number, or -1 when unknown. */
    public long line() {
        return line;
    }

    /** The column name, if the failure is in one column. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** The raw text as read. */
    public Optional<String> rawValue() {
        return Optional.ofNullable(rawValue);
    }

    /** What would have been accepted. */
    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }
}
