package dev.mlops.api;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A free-text column stored as strings; a missing value is null.
 *
 * <p>Immutable and thread-safe.
 */
public final class TextColumn extends Column {
    private final String[] values;

    TextColumn(Field field, String[] values, BitSet missing) {
        super(field, values.length, missing);
        this.values = values;
    }

    /** A nullable text feature column; a null element is missing. */
    public static TextColumn of(String name, String... values) {
        return of(Field.text(name), values);
    }

    /** A column of these values (copied) under a TEXT field; a null element is missing. */
    public static TextColumn of(Field field, String[] values) {
        Builder b = builder(field, values.length);
        for (String v : values) {
            b.add(v);
        }
        return b.build();
    }

    /** A builder for a column under a TEXT field, sized for about {@code expectedRows}. */
    public static Builder builder(Field field, int expectedRows) {
        return new Builder(field, expectedRows);
    }

    /** The text at a row, or null when missing. */
    public String getString(int row) {
        return values[row];
    }

    @Override
    public String value(int row) {
        return values[row];
    }

    @Override
    public TextColumn select(int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new TextColumn(field, out, selectMissing(missing, rows));
    }

    @Override
    public TextColumn slice(int from, int to) {
        checkSlice(from, to, size);
        return new TextColumn(field, Arrays.copyOfRange(values, from, to), sliceMissing(missing, from, to));
    }

    @Override
    public TextColumn withField(Field newField) {
        checkSameType(newField);
        return newField.equals(field) ? this : new TextColumn(newField, values, missing);
    }

    @Override
    Column append(List<Column> others) {
        Field merged = mergedField(this, others);
        int total = size + others.stream().mapToInt(Column::size).sum();
        String[] out = Arrays.copyOf(values, total);
        int offset = size;
        for (Column c : others) {
            System.arraycopy(((TextColumn) c).values, 0, out, offset, c.size);
            offset += c.size;
        }
        return new TextColumn(merged, out, appendMissing(this, others));
    }

    @Override
    void digestValues(DigestSink sink) {
        for (String v : values) {
            if (v == null) {
                sink.putInt(-1);
            } else {
                sink.putString(v);
            }
        }
    }

    /** Collects values for a {@link TextColumn}. Not thread-safe; {@link #build()} hands the storage over, once. */
    public static final class Builder {
        private final Field field;
        private String[] values;
        private BitSet missing;
        private int size;

        Builder(Field field, int expectedRows) {
            if (field.type() != FieldType.TEXT) {
                throw new IllegalArgumentException("A TextColumn needs a TEXT field; '" + field.name() + "' is "
                        + field.type());
            }
            this.field = field;
            this.values = new String[Math.max(expectedRows, 4)];
        }

        /** Appends a value; null appends a missing value. */
        public Builder add(String value) {
            if (values == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size + (size >> 1) + 1);
            }
            if (value == null) {
                if (missing == null) {
                    missing = new BitSet();
                }
                missing.set(size);
            }
            values[size++] = value;
            return this;
        }

        /** Appends a missing value. */
        public Builder addMissing() {
            return add(null);
        }

        /** The number of values so far. */
        public int size() {
            return size;
        }

        /** The column of the values so far. */
        public TextColumn build() {
            if (values == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            String[] out = size == values.length ? values : Arrays.copyOf(values, size);
            values = null;
            return new TextColumn(field, out, missing);
        }
    }
}
