package dev.mlops.data.internal;

import dev.mlops.api.FieldType;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Infers one column's type from sample values. A type is kept while every present value fits it, tried in the
 * order BOOLEAN ({@code true}/{@code false}), INTEGER (fits a long), NUMERIC (decimal), TIMESTAMP (ISO-8601 date
 * or date-time); otherwise CATEGORICAL when the sample holds at most {@code maxDistinct} distinct values, else TEXT.
 * A column with no present value in the sample is TEXT, which accepts anything that follows.
 *
 * <p>Not thread-safe.
 */
public final class TypeInference {
    private static final int BOOLEAN = 1;
    private static final int INTEGER = 2;
    private static final int NUMERIC = 4;
    private static final int TIMESTAMP = 8;

    private final TextParsers parsers = new TextParsers();
    private final int maxDistinct;
    private final Set<String> distinct = new HashSet<>();
    private int fits = BOOLEAN | INTEGER | NUMERIC | TIMESTAMP;
    private long present;

    /** @param maxDistinct the most distinct values a CATEGORICAL column may show in the sample */
    public TypeInference(int maxDistinct) {
        this.maxDistinct = maxDistinct;
    }

    /** Observes a present value read from text (CSV): it may be any type. */
    public void observe(String raw) {
        present++;
        if ((fits & BOOLEAN) != 0 && !parsers.parseBoolean(raw)) {
            fits &= ~BOOLEAN;
        }
        if ((fits & INTEGER) != 0 && !parsers.parseLong(raw)) {
            fits &= ~INTEGER;
        }
        if ((fits & NUMERIC) != 0 && !parsers.parseDouble(raw)) {
            fits &= ~NUMERIC;
        }
        if ((fits & TIMESTAMP) != 0 && !parsers.parseTimestamp(raw)) {
            fits &= ~TIMESTAMP;
        }
        countDistinct(raw);
    }

    /** Observes a quoted string (JSON): it can be a timestamp or a label, never a number or a boolean. */
    public void observeString(String raw) {
        present++;
        fits &= TIMESTAMP;
        if ((fits & TIMESTAMP) != 0 && !parsers.parseTimestamp(raw)) {
            fits &= ~TIMESTAMP;
        }
        countDistinct(raw);
    }

    /** Observes an unquoted scalar (a JSON number or boolean): never a timestamp. */
    public void observeScalar(String raw) {
        present++;
        fits &= ~TIMESTAMP;
        if ((fits & BOOLEAN) != 0 && !parsers.parseBoolean(raw)) {
            fits &= ~BOOLEAN;
        }
        if ((fits & INTEGER) != 0 && !parsers.parseLong(raw)) {
            fits &= ~INTEGER;
        }
        if ((fits & NUMERIC) != 0 && !parsers.parseDouble(raw)) {
            fits &= ~NUMERIC;
        }
        countDistinct(raw);
    }

    private void countDistinct(String raw) {
        if (distinct.size() <= maxDistinct) {
            distinct.add(raw);
        }
    }

    /** Whether any present value was seen. */
    public boolean sawValues() {
        return present > 0;
    }

    /** The inferred type. */
    public FieldType type() {
        if (present == 0) {
            return FieldType.TEXT;
        }
        if ((fits & BOOLEAN) != 0) {
            return FieldType.BOOLEAN;
        }
        if ((fits & INTEGER) != 0) {
            return FieldType.INTEGER;
        }
        if ((fits & NUMERIC) != 0) {
            return FieldType.NUMERIC;
        }
        if ((fits & TIMESTAMP) != 0) {
            return FieldType.TIMESTAMP;
        }
        return distinct.size() <= maxDistinct ? FieldType.CATEGORICAL : FieldType.TEXT;
    }

    /** A short lower-case name of a type for notes. */
    public static String label(FieldType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
