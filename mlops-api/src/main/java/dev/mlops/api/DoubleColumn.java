package dev.mlops.api;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A numeric column stored as {@code double[]}. Missing values read as {@code NaN}, and a {@code NaN} put in through
 * a builder or factory is missing: the two are one thing here, as in pandas.
 *
 * <p>Immutable and thread-safe.
 */
public final class DoubleColumn extends Column {
    private final double[] values;

    DoubleColumn(Field field, double[] values, BitSet missing) {
        super(field, values.length, missing);
        this.values = values;
    }

    /** A nullable numeric feature column of these values (copied); {@code NaN} marks a missing value. */
    public static DoubleColumn of(String name, double... values) {
        return of(Field.numeric(name), values);
    }

    /** A column of these values (copied) under a numeric field; {@code NaN} marks a missing value. */
    public static DoubleColumn of(Field field, double[] values) {
        if (field.type() != FieldType.NUMERIC) {
            return builder(field, values.length).build(); // throws the builder's message
        }
        // As the builder would, without its per-value bookkeeping: one copy, then missing bits where NaN.
        double[] out = values.clone();
        BitSet missing = null;
        for (int i = 0; i < out.length; i++) {
            if (out[i] != out[i]) {
                if (missing == null) {
                    missing = new BitSet();
                }
                missing.set(i);
                out[i] = Double.NaN;
            }
        }
        return new DoubleColumn(field, out, missing);
    }

    /** A builder for a nullable numeric feature column. */
    public static Builder builder(String name) {
        return builder(Field.numeric(name), 16);
    }

    /** A builder for a column under this numeric field, sized for about {@code expectedRows}. */
    public static Builder builder(Field field, int expectedRows) {
        return new Builder(field, expectedRows);
    }

    /** Integers are exact in a double up to this magnitude (2^53). */
    private static final long EXACT_LIMIT = 1L << 53;

    /**
     * An integer, timestamp or boolean column as a numeric one of the same name, role and nullability: integers and
     * epoch milliseconds as their values, true as 1 and false as 0, missing as missing.
     */
    static DoubleColumn widen(Column column) {
        int n = column.size();
        double[] out = new double[n];
        if (column instanceof LongColumn longs) {
            for (int r = 0; r < n; r++) {
                long v = longs.getLong(r);
                if (v > EXACT_LIMIT || v < -EXACT_LIMIT) {
                    throw new IllegalArgumentException("Column '" + column.name() + "' holds " + v + " at row " + r
                            + ", beyond 2^53, where doubles stop holding every integer; read it with longs(name)");
                }
                out[r] = v;
            }
        } else {
            BooleanColumn booleans = (BooleanColumn) column;
            for (int r = 0; r < n; r++) {
                out[r] = booleans.getBoolean(r) ? 1 : 0;
            }
        }
        BitSet missing = column.missing;
        if (missing != null) {
            for (int r = missing.nextSetBit(0); r >= 0; r = missing.nextSetBit(r + 1)) {
                out[r] = Double.NaN;
            }
        }
        return new DoubleColumn(column.field().withType(FieldType.NUMERIC), out, missing);
    }

    /** The value at a row, {@code NaN} when missing. */
    public double getDouble(int row) {
        return values[row];
    }

    /** A copy of the values, {@code NaN} where missing. */
    public double[] toArray() {
        return values.clone();
    }

    /** Copies {@code length} values starting at {@code row} into {@code dest} at {@code destPos}. */
    public void copyTo(int row, double[] dest, int destPos, int length) {
        System.arraycopy(values, row, dest, destPos, length);
    }

    /**
     * Puts {@code length} values starting at {@code row} into {@code dest} at its position, which advances: one bulk
     * copy, for feeding a native buffer (a tensor) without an intermediate array. {@code NaN} where missing.
     */
    public void copyTo(int row, DoubleBuffer dest, int length) {
        dest.put(values, row, length);
    }

    @Override
    public Double value(int row) {
        return isMissing(row) ? null : values[row];
    }

    @Override
    public String format(int row) {
        if (isMissing(row)) {
            return "NA";
        }
        double v = values[row];
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Values that came from float tensors print as the float they were, not with double noise digits.
        return (double) (float) v == v ? Float.toString((float) v) : Double.toString(v);
    }

    @Override
    public DoubleColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new DoubleColumn(field, out, selectMissing(missing, rows));
    }

    @Override
    public DoubleColumn slice(int from, int to) {
        checkSlice(from, to, size);
        return new DoubleColumn(field, Arrays.copyOfRange(values, from, to), sliceMissing(missing, from, to));
    }

    @Override
    public DoubleColumn withField(Field newField) {
        checkSameType(newField);
        return newField.equals(field) ? this : new DoubleColumn(newField, values, missing);
    }

    @Override
    Column append(List<Column> others) {
        Field merged = mergedField(this, others);
        int total = size + others.stream().mapToInt(Column::size).sum();
        double[] out = Arrays.copyOf(values, total);
        int offset = size;
        for (Column c : others) {
            System.arraycopy(((DoubleColumn) c).values, 0, out, offset, c.size);
            offset += c.size;
        }
        return new DoubleColumn(merged, out, appendMissing(this, others));
    }

    @Override
    void digestValues(DigestSink sink) {
        for (double v : values) {
            sink.putLong(Double.doubleToLongBits(v));
        }
    }

    /** Collects values for a {@link DoubleColumn}. Not thread-safe; {@link #build()} hands the storage over, once. */
    public static final class Builder {
        private final Field field;
        private double[] values;
        private BitSet missing;
        private int size;

        Builder(Field field, int expectedRows) {
            if (field.type() != FieldType.NUMERIC) {
                throw new IllegalArgumentException("A DoubleColumn needs a NUMERIC field; '" + field.name()
                        + "' is " + field.type());
            }
            this.field = field;
            this.values = new double[Math.max(expectedRows, 4)];
        }

        /** Appends a value; {@code NaN} appends a missing value. */
        public Builder add(double value) {
            if (values == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size + (size >> 1) + 1);
            }
            if (Double.isNaN(value)) {
                if (missing == null) {
                    missing = new BitSet();
                }
                missing.set(size);
                value = Double.NaN;
            }
            values[size++] = value;
            return this;
        }

        /** Appends a missing value. */
        public Builder addMissing() {
            return add(Double.NaN);
        }

        /** The number of values so far. */
        public int size() {
            return size;
        }

        /** The column of the values so far. */
        public DoubleColumn build() {
            if (values == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            double[] out = size == values.length ? values : Arrays.copyOf(values, size);
            values = null;
            return new DoubleColumn(field, out, missing);
        }
    }
}
