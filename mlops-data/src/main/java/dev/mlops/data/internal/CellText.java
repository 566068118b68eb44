package dev.mlops.data.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.time.Instant;

/**
 * The text the sinks write for a present cell, chosen so that the sources parse it back to the same value: doubles in
 * the shortest form that round-trips (Schubfach, as Jackson writes them, also on Java 17), integers in full,
 * timestamps as ISO-8601 instants, booleans as {@code true}/{@code false}.
 */
public final class CellText {
    private CellText() {
    }

    /** The text of the present value at a row. */
    public static String of(Column column, int row) {
        if (column instanceof DoubleColumn d) {
            return number(d.getDouble(row));
        }
        if (column instanceof LongColumn l) {
            return l.type() == FieldType.TIMESTAMP ? timestamp(l.getLong(row)) : Long.toString(l.getLong(row));
        }
        if (column instanceof BooleanColumn b) {
            return b.getBoolean(row) ? "true" : "false";
        }
        if (column instanceof CategoricalColumn c) {
            return c.getString(row);
        }
        return ((TextColumn) column).getString(row);
    }

    /** The shortest text that parses back to this double ({@code 0.1}, {@code 1.0E-7}, {@code -0.0}). */
    public static String number(double value) {
        return NumberOutput.toString(value, true);
    }

    /** Epoch milliseconds as an ISO-8601 instant in UTC, e.g. {@code 2024-03-01T12:30:00.250Z}. */
    public static String timestamp(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** Whether the field holds free strings (categorical or text), whose values the sinks check. */
    public static boolean isString(Field field) {
        return field.type() == FieldType.CATEGORICAL || field.type() == FieldType.TEXT;
    }
}
