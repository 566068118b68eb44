package dev.mlops.api;

import java.security.MessageDigest;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * One immutable column of a {@link Frame}: a {@link Field} over primitive storage plus an explicit missing mask.
 *
 * <p>The concrete kinds are fixed: {@link DoubleColumn} (numeric), {@link LongColumn} (integer and timestamp),
 * {@link BooleanColumn}, {@link CategoricalColumn} and {@link TextColumn}. Each has a {@code Builder} for loaders
 * and an {@code of(...)} factory for code and tests. Columns are immutable and safe to share between threads and
 * between frames; operations that change rows return new columns.
 */
public abstract sealed class Column permits DoubleColumn, LongColumn, BooleanColumn, CategoricalColumn, TextColumn {
    final Field field;
    final int size;
    /** Set bits are missing rows; null when nothing is missing. Never mutated after construction. */
    final BitSet missing;
    private final int missingCount;

    Column(Field field, int size, BitSet missing) {
        this.field = Objects.requireNonNull(field, "field");
        this.size = size;
        this.missing = missing == null || missing.isEmpty() ? null : missing;
        this.missingCount = this.missing == null ? 0 : this.missing.cardinality();
        if (missingCount > 0 && !field.nullable()) {
            throw new IllegalArgumentException("Column '" + field.name() + "' is declared not null but has "
                    + missingCount + " missing values (first at row " + this.missing.nextSetBit(0)
                    + "); declare the field nullable or fill the missing values first");
        }
    }

    /** The field: name, type, nullability and role. */
    public Field field() {
        return field;
    }

    /** The column name. */
    public String name() {
        return field.name();
    }

    /** The column type. */
    public FieldType type() {
        return field.type();
    }

    /** The number of rows. */
    public int size() {
        return size;
    }

    /** Whether the value at a row is missing. */
    public boolean isMissing(int row) {
        Objects.checkIndex(row, size);
        return missing != null && missing.get(row);
    }

    /** The number of missing values. */
    public int missingCount() {
        return missingCount;
    }

    /** The value at a row, boxed ({@code Double}, {@code Long}, {@code Instant}, {@code Boolean} or {@code String}), or null when missing. */
    public abstract Object value(int row);

    /** The value at a row as text for display; missing values show as {@code NA}. */
    public String format(int row) {
        Object v = value(row);
        return v == null ? "NA" : v.toString();
    }

    /** The rows at the given positions, in that order (positions may repeat). */
    public abstract Column select(int[] rows);

    /** The rows {@code [from, to)}. */
    public abstract Column slice(int from, int to);

    /** This column under another field of the same type (rename, change role or nullability). */
    public abstract Column withField(Field newField);

    /** This column under another name. */
    public Column rename(String newName) {
        return withField(field.withName(newName));
    }

    /** This column followed by the others, which must have the same name and type. */
    abstract Column append(List<Column> others);

    /** Feeds the values (not the storage layout) into a digest, for {@link Frame#fingerprint()}. */
    abstract void digestValues(DigestSink sink);

    void checkSameType(Field other) {
        if (other.type() != field.type()) {
            throw new IllegalArgumentException("Column '" + field.name() + "' is " + field.type()
                    + " but the replacement field '" + other.name() + "' is " + other.type()
                    + "; cast the column instead of relabelling it");
        }
    }

    static BitSet selectMissing(BitSet missing, int[] rows) {
        if (missing == null) {
            return null;
        }
        BitSet out = new BitSet(rows.length);
        for (int i = 0; i < rows.length; i++) {
            if (missing.get(rows[i])) {
                out.set(i);
            }
        }
        return out;
    }

    static BitSet sliceMissing(BitSet missing, int from, int to) {
        return missing == null ? null : missing.get(from, to);
    }

    static void checkSlice(int from, int to, int size) {
        Objects.checkFromToIndex(from, to, size);
    }

    static BitSet appendMissing(Column first, List<Column> others) {
        BitSet out = first.missing == null ? null : (BitSet) first.missing.clone();
        int offset = first.size;
        for (Column c : others) {
            if (c.missing != null) {
                if (out == null) {
                    out = new BitSet();
                }
                for (int i = c.missing.nextSetBit(0); i >= 0; i = c.missing.nextSetBit(i + 1)) {
                    out.set(offset + i);
                }
            }
            offset += c.size;
        }
        return out;
    }

    static Field mergedField(Column first, List<Column> others) {
        boolean nullable = first.field.nullable();
        for (Column c : others) {
            if (!c.name().equals(first.name()) || c.type() != first.type()) {
                throw new IllegalArgumentException("Cannot append column '" + c.name() + "' (" + c.type()
                        + ") to '" + first.name() + "' (" + first.type() + "); frames to concatenate need the same"
                        + " columns with the same types");
            }
            nullable |= c.field.nullable();
        }
        return first.field.withNullable(nullable);
    }

    /** Buffers primitive values into a message digest. */
    static final class DigestSink {
        private final MessageDigest digest;
        private final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8192);

        DigestSink(MessageDigest digest) {
            this.digest = digest;
        }

        void putLong(long v) {
            if (buffer.remaining() < 8) {
                flush();
            }
            buffer.putLong(v);
        }

        void putInt(int v) {
            if (buffer.remaining() < 4) {
                flush();
            }
            buffer.putInt(v);
        }

        void putString(String s) {
            byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            putInt(bytes.length);
            flush();
            digest.update(bytes);
        }

        void putBits(BitSet bits) {
            long[] words = bits == null ? new long[0] : bits.toLongArray();
            putInt(words.length);
            for (long w : words) {
                putLong(w);
            }
        }

        void flush() {
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
        }
    }
}
