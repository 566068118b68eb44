package dev.mlops.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A view of one row of a {@link Frame}, for convenience off the hot paths. Reads go straight to the columns.
 *
 * <p>Immutable; as thread-safe as its frame.
 */
public final class Row {
    private final Frame frame;
    private final int index;

    Row(Frame frame, int index) {
        this.frame = frame;
        this.index = index;
    }

    /** The position of this row in its frame. */
    public int index() {
        return index;
    }

    /** The frame this row belongs to. */
    public Frame frame() {
        return frame;
    }

    /** The value in a column, boxed, or null when missing. */
    public Object get(String column) {
        return frame.column(column).value(index);
    }

    /** Whether the value in a column is missing. */
    public boolean isMissing(String column) {
        return frame.column(column).isMissing(index);
    }

    /** The value of a numeric, integer, timestamp or boolean column as a double; {@code NaN} when missing. */
    public double getDouble(String column) {
        Column c = frame.column(column);
        if (c instanceof DoubleColumn d) {
            return d.getDouble(index);
        }
        if (c instanceof LongColumn l) {
            return l.getDouble(index);
        }
        if (c instanceof BooleanColumn b) {
            return b.isMissing(index) ? Double.NaN : b.getBoolean(index) ? 1 : 0;
        }
        throw new IllegalArgumentException("Column '" + column + "' is " + c.type() + " and has no numeric value");
    }

    /** The value of an integer or timestamp column; 0 when missing. */
    public long getLong(String column) {
        return frame.longs(column).getLong(index);
    }

    /** The value of a boolean column; false when missing. */
    public boolean getBoolean(String column) {
        return frame.booleans(column).getBoolean(index);
    }

    /** The label or text in a categorical or text column (null when missing), or any other value as text. */
    public String getString(String column) {
        Column c = frame.column(column);
        Object v = c.value(index);
        return v == null ? null : v.toString();
    }

    /** The row as a map from column name to boxed value (null when missing), in column order. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Column c : frame.columns()) {
            out.put(c.name(), c.value(index));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Row " + index + " " + toMap();
    }
}
