package dev.mlops.api;

import java.util.BitSet;
import java.util.List;

/**
 * A boolean column stored as a bit set of the true rows. Missing values are in the mask and read as false.
 *
 * <p>Immutable and thread-safe.
 */
public final class BooleanColumn extends Column {
    private final BitSet trues;

    BooleanColumn(Field field, int size, BitSet trues, BitSet missing) {
        super(field, size, missing);
        this.trues = trues;
    }

    /** A nullable boolean feature column; a null element is missing. */
    public static BooleanColumn of(String name, Boolean... values) {
        Builder b = builder(Field.bool(name));
        for (Boolean v : values) {
            if (v == null) {
                b.addMissing();
            } else {
                b.add(v);
            }
        }
        return b.build();
    }

    /** A builder for a column under a BOOLEAN field. */
    public static Builder builder(Field field) {
        return new Builder(field);
    }

    /** The value at a row; false when missing (check {@link #isMissing(int)}). */
    public boolean getBoolean(int row) {
        java.util.Objects.checkIndex(row, size);
        return trues.get(row);
    }

    /** The number of true values. */
    public int trueCount() {
        return trues.cardinality();
    }

    @Override
    public Boolean value(int row) {
        return isMissing(row) ? null : trues.get(row);
    }

    @Override
    public BooleanColumn select(int[] rows) {
        BitSet out = new BitSet(rows.length);
        for (int i = 0; i < rows.length; i++) {
            if (trues.get(rows[i])) {
                out.set(i);
            }
        }
        return new BooleanColumn(field, rows.length, out, selectMissing(missing, rows));
    }

    @Override
    public BooleanColumn slice(int from, int to) {
        checkSlice(from, to, size);
        return new BooleanColumn(field, to - from, trues.get(from, to), sliceMissing(missing, from, to));
    }

    @Override
    public BooleanColumn withField(Field newField) {
        checkSameType(newField);
        return newField.equals(field) ? this : new BooleanColumn(newField, size, trues, missing);
    }

    @Override
    Column append(List<Column> others) {
        Field merged = mergedField(this, others);
        BitSet out = (BitSet) trues.clone();
        int offset = size;
        for (Column c : others) {
            BitSet t = ((BooleanColumn) c).trues;
            for (int i = t.nextSetBit(0); i >= 0; i = t.nextSetBit(i + 1)) {
                out.set(offset + i);
            }
            offset += c.size;
        }
        return new BooleanColumn(merged, offset, out, appendMissing(this, others));
    }

    @Override
    void digestValues(DigestSink sink) {
        sink.putBits(trues);
    }

    /** Collects values for a {@link BooleanColumn}. Not thread-safe; {@link #build()} hands the storage over, once. */
    public static final class Builder {
        private final Field field;
        private BitSet trues = new BitSet();
        private BitSet missing;
        private int size;

        Builder(Field field) {
            if (field.type() != FieldType.BOOLEAN) {
                throw new IllegalArgumentException("A BooleanColumn needs a BOOLEAN field; '" + field.name()
                        + "' is " + field.type());
            }
            this.field = field;
        }

        /** Appends a value. */
        public Builder add(boolean value) {
            if (trues == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            if (value) {
                trues.set(size);
            }
            size++;
            return this;
        }

        /** Appends a missing value. */
        public Builder addMissing() {
            if (missing == null) {
                missing = new BitSet();
            }
            missing.set(size);
            return add(false);
        }

        /** The number of values so far. */
        public int size() {
            return size;
        }

        /** The column of the values so far. */
        public BooleanColumn build() {
            if (trues == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            BooleanColumn column = new BooleanColumn(field, size, trues, missing);
            trues = null;
            return column;
        }
    }
}
