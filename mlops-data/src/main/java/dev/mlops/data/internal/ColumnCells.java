package dev.mlops.data.internal;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.LongColumn;
import dev.mlops.api.RejectReason;
import dev.mlops.api.TextColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Collects the values of one column for one batch, a row at a time. A row is first <em>staged</em> cell by cell;
 * only when every cell of the row parsed is it committed, so a rejected row leaves no trace in any column.
 *
 * <p>Not thread-safe: one reader fills it.
 */
public abstract class ColumnCells {
    final Field field;
    final TextParsers parsers = new TextParsers();
    final CharSlice slice = new CharSlice();

    ColumnCells(Field field) {
        this.field = field;
    }

    /** What a NUMERIC cell holding an infinity was expected to be, for messages of every source. */
    public static final String FINITE_NUMBER = "a finite number: infinities and values beyond +-1.8e308 are refused;"
            + " write a cap or leave the cell empty (missing)";

    /** Cells for a column of this field, sized for about {@code expectedRows} rows per batch. */
    public static ColumnCells forField(Field field, int expectedRows) {
        int rows = nextCapacity(expectedRows);
        return switch (field.type()) {
            case NUMERIC -> new Doubles(field, rows);
            case INTEGER -> new Longs(field, rows);
            case TIMESTAMP -> new Timestamps(field, rows);
            case BOOLEAN -> new Booleans(field);
            case CATEGORICAL -> new Categories(field, rows);
            case TEXT -> new Texts(field, rows);
        };
    }

    /** The field this column is read as. */
    public Field field() {
        return field;
    }

    /** Stages a present value given as text; false when it does not parse as the column's type. */
    public abstract boolean stageText(String raw);

    /**
     * Stages a Java value (a number, boolean, string, enum or {@code java.time} value, as JDBC drivers and
     * in-memory sources hand them over); false when it cannot be read as the column's type. Null is missing.
     */
    public abstract boolean stageObject(Object value);

    /**
     * Stages a present value that lies in {@code chars[from, to)}; false when it does not parse. The default makes
     * a string; number, boolean, timestamp and label columns parse in place.
     */
    public boolean stageChars(char[] chars, int from, int to) {
        return stageText(new String(chars, from, to - from));
    }

    /** Stages a missing value. */
    public abstract void stageMissing();

    /** Appends the staged value to the batch. */
    public abstract void commit();

    /** The column of the batch so far; the cells start a new, empty batch. */
    public abstract Column finish(int expectedRows);

    /** The reason a value that did not stage is rejected with. */
    public abstract RejectReason reason();

    /** What the column accepts, for messages. */
    public abstract String expected();

    /** The starting size of the next batch's builder: the expected rows, capped so a huge batch size costs nothing up front. */
    static int nextCapacity(int expectedRows) {
        return Math.max(4, Math.min(expectedRows, 1 << 16));
    }

    static final class Doubles extends ColumnCells {
        private DoubleColumn.Builder builder;
        private double staged;
        /** Why the last value failed: not a number at all, or a number beyond the finite doubles. */
        private RejectReason failure = RejectReason.BAD_NUMBER;

        Doubles(Field field, int rows) {
            super(field);
            builder = DoubleColumn.builder(field, rows);
        }

        @Override
        public boolean stageText(String raw) {
            return parsers.parseDouble(raw) ? stageDouble(parsers.doubleValue) : notANumber();
        }

        @Override
        public boolean stageChars(char[] chars, int from, int to) {
            return parsers.parseDouble(slice.set(chars, from, to)) ? stageDouble(parsers.doubleValue) : notANumber();
        }

        @Override
        public boolean stageObject(Object value) {
            if (value == null) {
                stageMissing();
                return true;
            }
            if (value instanceof Number n && !(value instanceof BigInteger && ((BigInteger) value).bitLength() > 1023)) {
                return stageDouble(n.doubleValue());
            }
            return value instanceof CharSequence s ? stageText(s.toString()) : notANumber();
        }

        /** Infinities are refused (decision 080); NaN stays what it always was here, a missing value. */
        private boolean stageDouble(double v) {
            if (Double.isInfinite(v)) {
                failure = RejectReason.NON_FINITE;
                return false;
            }
            staged = v;
            return true;
        }

        private boolean notANumber() {
            failure = RejectReason.BAD_NUMBER;
            return false;
        }

        @Override
        public void stageMissing() {
            staged = Double.NaN;
        }

        @Override
        public void commit() {
            builder.add(staged);
        }

        @Override
        public Column finish(int expectedRows) {
            Column c = builder.build();
            builder = DoubleColumn.builder(field, nextCapacity(expectedRows));
            return c;
        }

        @Override
        public RejectReason reason() {
            return failure;
        }

        @Override
        public String expected() {
            return failure == RejectReason.NON_FINITE ? FINITE_NUMBER : "a decimal number such as 12, -0.5 or 1.5e3";
        }
    }

    static class Longs extends ColumnCells {
        private LongColumn.Builder builder;
        long staged;
        boolean stagedMissing;

        Longs(Field field, int rows) {
            super(field);
            builder = LongColumn.builder(field, rows);
        }

        @Override
        public boolean stageText(String raw) {
            if (parsers.parseLong(raw)) {
                staged = parsers.longValue;
                stagedMissing = false;
                return true;
            }
            return false;
        }

        @Override
        public boolean stageChars(char[] chars, int from, int to) {
            if (parsers.parseLong(slice.set(chars, from, to))) {
                return stageLong(parsers.longValue);
            }
            return false;
        }

        @Override
        public boolean stageObject(Object value) {
            if (value == null) {
                stageMissing();
                return true;
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return stageLong(((Number) value).longValue());
            }
            if (value instanceof BigInteger b) {
                return b.bitLength() < 64 && stageLong(b.longValue());
            }
            if (value instanceof BigDecimal d) {
                try {
                    return stageLong(d.longValueExact());
                } catch (ArithmeticException e) {
                    return false;
                }
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                return d == Math.rint(d) && Math.abs(d) < 0x1p63 && stageLong((long) d);
            }
            return value instanceof CharSequence s && stageText(s.toString());
        }

        final boolean stageLong(long v) {
            staged = v;
            stagedMissing = false;
            return true;
        }

        @Override
        public void stageMissing() {
            stagedMissing = true;
        }

        @Override
        public void commit() {
            if (stagedMissing) {
                builder.addMissing();
            } else {
                builder.add(staged);
            }
        }

        @Override
        public Column finish(int expectedRows) {
            Column c = builder.build();
            builder = LongColumn.builder(field, nextCapacity(expectedRows));
            return c;
        }

        @Override
        public RejectReason reason() {
            return RejectReason.BAD_INTEGER;
        }

        @Override
        public String expected() {
            return "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
    }

    static final class Timestamps extends Longs {
        Timestamps(Field field, int rows) {
            super(field, rows);
        }

        @Override
        public boolean stageText(String raw) {
            if (parsers.parseTimestamp(raw)) {
                return stageLong(parsers.longValue);
            }
            return false;
        }

        @Override
        public boolean stageChars(char[] chars, int from, int to) {
            if (parsers.parseTimestamp(slice.set(chars, from, to))) {
                return stageLong(parsers.longValue);
            }
            return false;
        }

        @Override
        public boolean stageObject(Object value) {
            if (value == null) {
                stageMissing();
                return true;
            }
            if (value instanceof java.sql.Timestamp t) {
                return stageLong(t.getTime());
            }
            if (value instanceof java.sql.Date d) {
                return stageLong(d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            }
            if (value instanceof java.util.Date d && !(value instanceof java.sql.Time)) {
                return stageLong(d.getTime());
            }
            if (value instanceof Instant i) {
                return stageLong(i.toEpochMilli());
            }
            if (value instanceof LocalDate d) {
                return stageLong(d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            }
            if (value instanceof LocalDateTime t) {
                return stageLong(t.toInstant(ZoneOffset.UTC).toEpochMilli());
            }
            if (value instanceof OffsetDateTime t) {
                return stageLong(t.toInstant().toEpochMilli());
            }
            if (value instanceof ZonedDateTime t) {
                return stageLong(t.toInstant().toEpochMilli());
            }
            return value instanceof CharSequence s && stageText(s.toString());
        }

        @Override
        public RejectReason reason() {
            return RejectReason.BAD_TIMESTAMP;
        }

        @Override
        public String expected() {
            return "an ISO-8601 date or date-time such as 2024-03-01, 2024-03-01T12:30:00 or 2024-03-01T12:30:00Z";
        }
    }

    static final class Booleans extends ColumnCells {
        private BooleanColumn.Builder builder;
        private boolean staged;
        private boolean stagedMissing;

        Booleans(Field field) {
            super(field);
            builder = BooleanColumn.builder(field);
        }

        @Override
        public boolean stageText(String raw) {
            if (parsers.parseBoolean(raw)) {
                staged = parsers.longValue == 1;
                stagedMissing = false;
                return true;
            }
            return false;
        }

        @Override
        public boolean stageChars(char[] chars, int from, int to) {
            if (parsers.parseBoolean(slice.set(chars, from, to))) {
                staged = parsers.longValue == 1;
                stagedMissing = false;
                return true;
            }
            return false;
        }

        @Override
        public boolean stageObject(Object value) {
            if (value == null) {
                stageMissing();
                return true;
            }
            if (value instanceof Boolean b) {
                staged = b;
                stagedMissing = false;
                return true;
            }
            if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
                // Databases without a boolean type (SQLite) store 0 and 1.
                staged = n.doubleValue() == 1;
                stagedMissing = false;
                return true;
            }
            return value instanceof CharSequence s && stageText(s.toString());
        }

        @Override
        public void stageMissing() {
            stagedMissing = true;
        }

        @Override
        public void commit() {
            if (stagedMissing) {
                builder.addMissing();
            } else {
                builder.add(staged);
            }
        }

        @Override
        public Column finish(int expectedRows) {
            Column c = builder.build();
            builder = BooleanColumn.builder(field);
            return c;
        }

        @Override
        public RejectReason reason() {
            return RejectReason.BAD_BOOLEAN;
        }

        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** Values that any column type can show as text: strings, numbers, booleans, enums and times. */
    static String asText(Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Character || value instanceof java.time.temporal.Temporal
                || value instanceof java.util.Date || value instanceof java.util.UUID) {
            return value.toString();
        }
        return null;
    }

    /** Cells that hold strings: staging is the same for labels and free text; only the column built differs. */
    abstract static class StringCells extends ColumnCells {
        String staged;

        StringCells(Field field) {
            super(field);
        }

        @Override
        public boolean stageText(String raw) {
            staged = raw;
            return true;
        }

        @Override
        public boolean stageObject(Object value) {
            if (value == null) {
                stageMissing();
                return true;
            }
            String text = asText(value);
            staged = text;
            return text != null;
        }

        @Override
        public void stageMissing() {
            staged = null;
        }

        @Override
        public RejectReason reason() {
            return RejectReason.UNSUPPORTED_TYPE;
        }
    }

    static final class Categories extends StringCells {
        private CategoricalColumn.Builder builder;
        private final LabelCache labels = new LabelCache();

        Categories(Field field, int rows) {
            super(field);
            builder = CategoricalColumn.builder(field, rows);
        }

        @Override
        public boolean stageChars(char[] chars, int from, int to) {
            staged = labels.get(chars, from, to);
            return true;
        }

        @Override
        public void commit() {
            builder.add(staged);
        }

        @Override
        public Column finish(int expectedRows) {
            Column c = builder.build();
            builder = CategoricalColumn.builder(field, nextCapacity(expectedRows));
            return c;
        }

        @Override
        public String expected() {
            return "a label (text, number, boolean or enum)";
        }
    }

    static final class Texts extends StringCells {
        private TextColumn.Builder builder;

        Texts(Field field, int rows) {
            super(field);
            builder = TextColumn.builder(field, rows);
        }

        @Override
        public void commit() {
            builder.add(staged);
        }

        @Override
        public Column finish(int expectedRows) {
            Column c = builder.build();
            builder = TextColumn.builder(field, nextCapacity(expectedRows));
            return c;
        }

        @Override
        public String expected() {
            return "text (or a number, boolean, enum or time shown as text)";
        }
    }
}
