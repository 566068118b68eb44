package dev.mlops.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * An integer or timestamp column stored as {@code long[]}; timestamps are milliseconds since the epoch (UTC).
 * Missing values are in the mask and read as 0.
 *
 * <p>Immutable and thread-safe.
 */
public final class LongColumn extends Column {
    private final long[] values;

    LongColumn(Field field, long[] values, BitSet missing) {
        super(field, values.length, missing);
        this.values = values;
    }

    /** A nullable integer feature column of these values (copied), none missing. */
    public static LongColumn of(String name, long... values) {
        return new LongColumn(Field.integer(name), values.clone(), null);
    }

    /** A nullable timestamp feature column of these instants; a null element is missing. */
    public static LongColumn ofInstants(String name, Instant... instants) {
        Builder b = builder(Field.timestamp(name), instants.length);
        for (Instant t : instants) {
            if (t == null) {
                b.addMissing();
            } else {
                b.add(t.toEpochMilli());
            }
        }
        return b.build();
    }

    /** A builder for a column under an INTEGER or TIMESTAMP field, sized for about {@code expectedRows}. */
    public static Builder builder(Field field, int expectedRows) {
        return new Builder(field, expectedRows);
    }

    /** A builder for a nullable integer feature column. */
    public static Builder builder(String name) {
        return builder(Field.integer(name), 16);
    }

    /** The value at a row; 0 when missing (check {@link #isMissing(int)}). */
    public long getLong(int row) {
        return values[row];
    }

    /** The value at a row as a double, {@code NaN} when missing. */
    public double getDouble(int row) {
        return isMissing(row) ? Double.NaN : values[row];
    }

    /** The instant at a row of a timestamp column, or null when missing. */
    public Instant getInstant(int row) {
        return isMissing(row) ? null : Instant.ofEpochMilli(values[row]);
    }

    /** A copy of the values, 0 where missing. */
    public long[] toArray() {
        return values.clone();
    }

    @Override
    public Object value(int row) {
        if (isMissing(row)) {
            return null;
        }
        return field.type() == FieldType.TIMESTAMP ? Instant.ofEpochMilli(values[row]) : (Object) values[row];
    }

    @Override
    public LongColumn select(int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new LongColumn(field, out, selectMissing(missing, rows));
    }

    @Override
    public LongColumn slice(int from, int to) {
        checkSlice(from, to, size);
        return new LongColumn(field, Arrays.copyOfRange(values, from, to), sliceMissing(missing, from, to));
    }

    @Override
    public LongColumn withField(Field newField) {
        checkSameType(newField);
        return newField.equals(field) ? this : new LongColumn(newField, values, missing);
    }

    @Override
    Column append(List<Column> others) {
        Field merged = mergedField(this, others);
        int total = size + others.stream().mapToInt(Column::size).sum();
        long[] out = Arrays.copyOf(values, total);
        int offset = size;
        for (Column c : others) {
            System.arraycopy(((LongColumn) c).values, 0, out, offset, c.size);
            offset += c.size;
        }
        return new LongColumn(merged, out, appendMissing(this, others));
    }

    @Override
    void digestValues(DigestSink sink) {
        for (long v : values) {
            sink.putLong(v);
        }
    }

    /** Collects values for a {@link LongColumn}. Not thread-safe; {@link #build()} hands the storage over, once. */
    public static final class Builder {
        private final Field field;
        private long[] values;
        private BitSet missing;
        private int size;

        Builder(Field field, int expectedRows) {
            if (field.type() != FieldType.INTEGER && field.type() != FieldType.TIMESTAMP) {
                throw new IllegalArgumentException("A LongColumn needs an INTEGER or TIMESTAMP field; '"
                        + field.name() + "' is " + field.type());
            }
            this.field = field;
            this.values = new long[Math.max(expectedRows, 4)];
        }

        /** Appends a value. */
        public Builder add(long value) {
            if (values == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size + (size >> 1) + 1);
            }
            values[size++] = value;
            return this;
        }

        /** Appends a missing value. */
        public Builder addMissing() {
            if (missing == null) {
                missing = new BitSet();
            }
            missing.set(size);
            return add(0L);
        }

        /** The number of values so far. */
        public int size() {
            return size;
        }

        /** The column of the values so far. */
        public LongColumn build() {
            if (values == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            long[] out = size == values.length ? values : Arrays.copyOf(values, size);
            values = null;
            return new LongColumn(field, out, missing);
        }
    }
}
