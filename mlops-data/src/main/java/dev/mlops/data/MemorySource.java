package dev.mlops.data;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.DataSource;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.IngestReport;
import dev.mlops.api.LongColumn;
import dev.mlops.api.RejectReason;
import dev.mlops.api.Schema;
import dev.mlops.api.TextColumn;
import dev.mlops.data.internal.ColumnCells;
import dev.mlops.data.internal.RowBatches;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Data already in memory as a source: rows as maps or Java records, or whole columns as arrays.
 *
 * <pre>{@code
 * MemorySource a = MemorySource.fromMaps(List.of(Map.of("age", 31, "class", "good")));
 * MemorySource b = MemorySource.fromRecords(Applicant.class, applicants).withRole("approved", FieldRole.LABEL);
 * MemorySource c = MemorySource.fromArrays(Map.of("x", new double[] {1, 2}, "id", new long[] {7, 8}));
 * }</pre>
 *
 * <p>Types come from the Java values: {@code double}, {@code float}, {@code BigDecimal} are NUMERIC; {@code long},
 * {@code int}, {@code short}, {@code byte}, {@code BigInteger} INTEGER; {@code boolean} BOOLEAN; {@code Instant},
 * {@code LocalDate} (midnight UTC), {@code LocalDateTime} (as UTC), {@code OffsetDateTime},
 * {@code ZonedDateTime}, {@code java.util.Date} TIMESTAMP; enums CATEGORICAL; strings CATEGORICAL when a column has
 * at most {@value #CATEGORICAL_MAX_DISTINCT} distinct values, else TEXT. For maps, a column's type is that of its
 * first non-null value (INTEGER widened to NUMERIC when a later value is fractional); a later value that does not
 * fit is a bad row under the {@link BadRowPolicy}. A null is missing. The data is not copied until a read, so
 * do not change it while reading.
 *
 * <p>Immutable (as long as the caller leaves the data alone) and thread-safe.
 */
public final class MemorySource implements DataSource {
    /** The most distinct strings a column may hold to be CATEGORICAL rather than TEXT. */
    public static final int CATEGORICAL_MAX_DISTINCT = 50;

    private final String name;
    private final List<String> columns;
    private final List<FieldType> types;
    private final Map<String, FieldType> typeOverrides;
    private final Map<String, FieldRole> roles;
    private final BadRowPolicy policy;
    private final RowAccess rows;
    private final Frame arrays;

    /** Reads cell values of row-shaped data. */
    private interface RowAccess {
        int size();

        Object value(int row, int column);
    }

    private MemorySource(String name, List<String> columns, List<FieldType> types, Map<String, FieldType> overrides,
            Map<String, FieldRole> roles, BadRowPolicy policy, RowAccess rows, Frame arrays) {
        this.name = name;
        this.columns = columns;
        this.types = types;
        this.typeOverrides = overrides;
        this.roles = roles;
        this.policy = policy;
        this.rows = rows;
        this.arrays = arrays;
        for (String c : overrides.keySet()) {
            checkColumn(c);
        }
        for (String c : roles.keySet()) {
            checkColumn(c);
        }
    }

    private void checkColumn(String c) {
        if (!columns.contains(c)) {
            throw new IllegalArgumentException("No column named '" + c + "'; the columns are " + columns);
        }
    }

    /**
     * Rows as maps from column name to value; the columns are the keys in order of first appearance.
     *
     * @throws IllegalArgumentException when a key is null or blank
     */
    public static MemorySource fromMaps(List<? extends Map<String, ?>> rows) {
        List<Map<String, ?>> data = Collections.unmodifiableList(new ArrayList<>(rows));
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, ?> row : data) {
            for (String k : row.keySet()) {
                if (k == null || k.isBlank()) {
                    throw new IllegalArgumentException("A row has a " + (k == null ? "null" : "blank")
                            + " key; every value needs a column name");
                }
                keys.add(k);
            }
        }
        List<String> names = List.copyOf(keys);
        List<FieldType> types = new ArrayList<>(names.size());
        for (String n : names) {
            types.add(inferFromValues(data, n));
        }
        RowAccess access = new RowAccess() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public Object value(int row, int column) {
                return data.get(row).get(names.get(column));
            }
        };
        return new MemorySource("maps[" + data.size() + " rows]", names, types, Map.of(), Map.of(),
                BadRowPolicy.FAIL_FAST, access, null);
    }

    private static FieldType inferFromValues(List<Map<String, ?>> data, String column) {
        FieldType type = null;
        Set<String> distinct = new HashSet<>();
        boolean strings = false;
        for (Map<String, ?> row : data) {
            Object v = row.get(column);
            if (v == null) {
                continue;
            }
            FieldType t = typeOfClass(v.getClass());
            if (t == null) {
                continue;
            }
            if (type == null) {
                type = t;
            } else if (type == FieldType.INTEGER && t == FieldType.NUMERIC) {
                type = FieldType.NUMERIC;
            }
            if (v instanceof CharSequence) {
                strings = true;
                if (distinct.size() <= CATEGORICAL_MAX_DISTINCT) {
                    distinct.add(v.toString());
                }
            }
        }
        if (type == null) {
            return FieldType.TEXT;
        }
        if (type == FieldType.TEXT && strings) {
            return distinct.size() <= CATEGORICAL_MAX_DISTINCT ? FieldType.CATEGORICAL : FieldType.TEXT;
        }
        return type;
    }

    /** The type of values of a class, TEXT for strings (refined by the data), null when unsupported. */
    private static FieldType typeOfClass(Class<?> c) {
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return FieldType.NUMERIC;
        }
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class || c == BigInteger.class) {
            return FieldType.INTEGER;
        }
        if (c == boolean.class || c == Boolean.class) {
            return FieldType.BOOLEAN;
        }
        if (c == Instant.class || c == LocalDate.class || c == LocalDateTime.class || c == OffsetDateTime.class
                || c == ZonedDateTime.class || java.util.Date.class.isAssignableFrom(c)) {
            return FieldType.TIMESTAMP;
        }
        if (c.isEnum() || c.getSuperclass() != null && c.getSuperclass().isEnum()) {
            return FieldType.CATEGORICAL;
        }
        if (CharSequence.class.isAssignableFrom(c) || c == Character.class || c == char.class) {
            return FieldType.TEXT;
        }
        return null;
    }

    /**
     * Rows as Java records: one column per record component, typed by the component's declared type.
     *
     * @throws IllegalArgumentException when the type is not a record or a component type is unsupported
     */
    public static <R extends Record> MemorySource fromRecords(Class<R> type, List<? extends R> rows) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        List<R> data = Collections.unmodifiableList(new ArrayList<>(rows));
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = new ArrayList<>();
        List<FieldType> types = new ArrayList<>();
        for (RecordComponent rc : components) {
            FieldType t = typeOfClass(rc.getType());
            if (t == null) {
                throw new IllegalArgumentException("Record component " + type.getSimpleName() + "." + rc.getName()
                        + " has type " + rc.getType().getName() + ", which no column type holds; use a number,"
                        + " boolean, string, enum or java.time type");
            }
            names.add(rc.getName());
            types.add(t);
        }
        java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
        }
        for (int i = 0; i < components.length; i++) {
            if (types.get(i) == FieldType.TEXT && !(components[i].getType() == char.class
                    || components[i].getType() == Character.class)) {
                Set<String> distinct = new HashSet<>();
                for (R r : data) {
                    Object v = invoke(accessors[i], r);
                    if (v != null && distinct.size() <= CATEGORICAL_MAX_DISTINCT) {
                        distinct.add(v.toString());
                    }
                }
                if (!distinct.isEmpty() && distinct.size() <= CATEGORICAL_MAX_DISTINCT) {
                    types.set(i, FieldType.CATEGORICAL);
                }
            }
        }
        RowAccess access = new RowAccess() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public Object value(int row, int column) {
                return invoke(accessors[column], data.get(row));
            }
        };
        return new MemorySource(type.getSimpleName() + "[" + data.size() + " records]", List.copyOf(names),
                List.copyOf(types), Map.of(), Map.of(), BadRowPolicy.FAIL_FAST, access, null);
    }

    private static Object invoke(java.lang.reflect.Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot read record component " + accessor.getName()
                    + "; make the record public or open its package", e);
        } catch (InvocationTargetException e) {
            throw new DataException("Record accessor " + accessor.getName() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Whole columns as arrays, by name in the map's order: {@code double[]}/{@code float[]} NUMERIC (NaN missing;
     * a row holding an infinity is a bad row under the source's {@link BadRowPolicy}, as in every source),
     * {@code long[]}/{@code int[]}/{@code short[]}/{@code byte[]} INTEGER, {@code boolean[]} BOOLEAN,
     * {@code Instant[]} TIMESTAMP, {@code String[]} CATEGORICAL or TEXT (null missing).
     *
     * @throws IllegalArgumentException when the arrays differ in length or one has an unsupported type
     */
    public static MemorySource fromArrays(Map<String, ?> columns) {
        List<Column> cols = new ArrayList<>();
        int rows = -1;
        for (Map.Entry<String, ?> e : columns.entrySet()) {
            Column c = arrayColumn(e.getKey(), e.getValue());
            if (rows >= 0 && c.size() != rows) {
                throw new IllegalArgumentException("Column '" + e.getKey() + "' has " + c.size() + " values but the"
                        + " columns before it have " + rows + "; every array needs the same length");
            }
            rows = c.size();
            cols.add(c);
        }
        Frame frame = Frame.of(cols);
        List<FieldType> types = new ArrayList<>();
        for (Field f : frame.schema().fields()) {
            types.add(f.type());
        }
        return new MemorySource("arrays[" + frame.rowCount() + " rows]", frame.columnNames(), List.copyOf(types),
                Map.of(), Map.of(), BadRowPolicy.FAIL_FAST, null, frame);
    }

    /**
     * A frame already in memory as a source, read in slices; its columns keep their types and roles. As in every
     * source, a row holding an infinity is a bad row under the source's {@link BadRowPolicy} (default fail fast).
     */
    public static MemorySource of(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        List<FieldType> types = new ArrayList<>();
        Map<String, FieldRole> roles = new LinkedHashMap<>();
        for (Field f : frame.schema().fields()) {
            types.add(f.type());
            if (f.role() != FieldRole.FEATURE) {
                roles.put(f.name(), f.role());
            }
        }
        return new MemorySource("frame[" + frame.rowCount() + " rows]", frame.columnNames(), List.copyOf(types),
                Map.of(), Collections.unmodifiableMap(roles), BadRowPolicy.FAIL_FAST, null, frame);
    }

    private static Column arrayColumn(String name, Object array) {
        Objects.requireNonNull(array, () -> "array of column " + name);
        if (array instanceof double[] a) {
            return DoubleColumn.of(Field.numeric(name), a);
        }
        if (array instanceof float[] a) {
            DoubleColumn.Builder b = DoubleColumn.builder(Field.numeric(name), a.length);
            for (float v : a) {
                b.add(v);
            }
            return b.build();
        }
        if (array instanceof long[] a) {
            return LongColumn.of(name, a);
        }
        if (array instanceof int[] a) {
            return LongColumn.of(name, Arrays.stream(a).asLongStream().toArray());
        }
        if (array instanceof short[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return LongColumn.of(name, out);
        }
        if (array instanceof byte[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return LongColumn.of(name, out);
        }
        if (array instanceof boolean[] a) {
            BooleanColumn.Builder b = BooleanColumn.builder(Field.bool(name));
            for (boolean v : a) {
                b.add(v);
            }
            return b.build();
        }
        if (array instanceof Instant[] a) {
            return LongColumn.ofInstants(name, a);
        }
        if (array instanceof String[] a) {
            Set<String> distinct = new HashSet<>();
            for (String s : a) {
                if (s != null && distinct.size() <= CATEGORICAL_MAX_DISTINCT) {
                    distinct.add(s);
                }
            }
            return !distinct.isEmpty() && distinct.size() <= CATEGORICAL_MAX_DISTINCT
                    ? CategoricalColumn.of(name, a) : TextColumn.of(name, a);
        }
        throw new IllegalArgumentException("Column '" + name + "' is a " + array.getClass().getSimpleName()
                + "; use double[], float[], long[], int[], short[], byte[], boolean[], Instant[] or String[]");
    }

    /**
     * Rows streamed under a schema that is known up front, for another library's data that is read row by row (a
     * Tribuo dataset, say): each read calls {@code rows} for a fresh iterator of one {@code Object[]} per row, in the
     * schema's column order (null is missing). Values are converted, checked and batched exactly as in every other
     * source, bad rows handled under {@code policy}.
     *
     * @param name the source name for reports and messages
     * @param notes what the reader decided on its own, added to every read's report
     * A read throws a {@link DataException} naming the row when a row has another number of values than the schema
     * has columns.
     */
    public static DataSource fromRowStream(String name, Schema schema,
            java.util.function.Supplier<? extends java.util.Iterator<Object[]>> rows, BadRowPolicy policy,
            String... notes) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(policy, "policy");
        List<String> noted = List.of(notes);
        return new DataSource() {
            @Override
            public FrameBatches batches(int rowsPerBatch) {
                return new StreamedRows(name, schema, rows.get(), policy, rowsPerBatch, noted);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "MemorySource[" + name + "]";
            }
        };
    }

    /** This source with a column read as another type (rows only: arrays keep their type). */
    public MemorySource withType(String column, FieldType type) {
        if (arrays != null) {
            throw new IllegalStateException("Array columns keep their array's type; convert the array instead");
        }
        Map<String, FieldType> copy = new LinkedHashMap<>(typeOverrides);
        copy.put(column, type);
        return new MemorySource(name, columns, types, Collections.unmodifiableMap(copy), roles, policy, rows, null);
    }

    /** This source with a column given a role (e.g. {@link FieldRole#LABEL}). */
    public MemorySource withRole(String column, FieldRole role) {
        Map<String, FieldRole> copy = new LinkedHashMap<>(roles);
        copy.put(column, role);
        return new MemorySource(name, columns, types, typeOverrides, Collections.unmodifiableMap(copy), policy, rows,
                arrays);
    }

    /** This source with another bad-row policy (default fail fast). */
    public MemorySource withBadRowPolicy(BadRowPolicy newPolicy) {
        return newPolicy == policy ? this
                : new MemorySource(name, columns, types, typeOverrides, roles, newPolicy, rows, arrays);
    }

    /** This source under another name for reports and messages. */
    public MemorySource withName(String newName) {
        return new MemorySource(newName, columns, types, typeOverrides, roles, policy, rows, arrays);
    }

    @Override
    public String name() {
        return name;
    }

    /** The schema reads will have. */
    public Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            fields.add(new Field(c, typeOverrides.getOrDefault(c, types.get(i)), true,
                    roles.getOrDefault(c, FieldRole.FEATURE)));
        }
        return Schema.of(fields);
    }

    @Override
    public FrameBatches batches(int rowsPerBatch) {
        if (rowsPerBatch < 1) {
            throw new IllegalArgumentException("rowsPerBatch must be at least 1, got " + rowsPerBatch);
        }
        if (arrays != null) {
            Frame frame = arrays;
            for (Map.Entry<String, FieldRole> e : roles.entrySet()) {
                frame = frame.withRole(e.getKey(), e.getValue());
            }
            return new SlicedBatches(name, frame, rowsPerBatch, policy);
        }
        return new MemoryRows(this, rowsPerBatch);
    }

    @Override
    public String toString() {
        return "MemorySource[" + name + "]";
    }

    /** Row-by-row reading of maps or records, through the shared bad-row handling. */
    private static final class MemoryRows extends RowBatches {
        private final RowAccess rows;
        private int next;

        MemoryRows(MemorySource src, int batchSize) {
            super(src.name, src.policy, 100, batchSize);
            this.rows = src.rows;
            start(src.schema(), null);
        }

        @Override
        protected boolean readRow() {
            if (next >= rows.size()) {
                return false;
            }
            int row = next++;
            for (int c = 0; c < columnCount(); c++) {
                if (!stageObject(c, rows.value(row, c), row + 1L)) {
                    return true;
                }
            }
            commitRow();
            return true;
        }

        @Override
        protected void closeInput() {
            // nothing held
        }
    }

    /** Rows from an iterator, through the shared bad-row handling. */
    private static final class StreamedRows extends RowBatches {
        private final java.util.Iterator<Object[]> rows;
        private long next;

        StreamedRows(String name, Schema schema, java.util.Iterator<Object[]> rows, BadRowPolicy policy,
                int batchSize, List<String> notes) {
            super(name, policy, 100, batchSize);
            this.rows = rows;
            notes.forEach(report::note);
            start(schema, null);
        }

        @Override
        protected boolean readRow() {
            if (!rows.hasNext()) {
                return false;
            }
            Object[] row = rows.next();
            long line = ++next;
            if (row.length != columnCount()) {
                throw new DataException("Row " + line + " of " + source + " has " + row.length + " values but the"
                        + " schema has " + columnCount() + " columns; give one value per column, null for missing");
            }
            for (int c = 0; c < row.length; c++) {
                if (!stageObject(c, row[c], line)) {
                    return true;
                }
            }
            commitRow();
            return true;
        }

        @Override
        protected void closeInput() {
            // the iterator holds nothing to release
        }
    }

    /** Array columns cut into slices; only an infinity in a {@code double[]} or {@code float[]} can be bad. */
    private static final class SlicedBatches implements FrameBatches {
        private final String name;
        private final Frame frame;
        private final int batchSize;
        private final BadRowPolicy policy;
        private final IngestReport.Builder report;
        private final List<DoubleColumn> numeric = new ArrayList<>();
        private int from;

        SlicedBatches(String name, Frame frame, int batchSize, BadRowPolicy policy) {
            this.name = name;
            this.frame = frame;
            this.batchSize = batchSize;
            this.policy = policy;
            this.report = IngestReport.newBuilder(name);
            for (Column c : frame.columns()) {
                if (c instanceof DoubleColumn d) {
                    numeric.add(d);
                }
            }
        }

        @Override
        public Schema schema() {
            return frame.schema();
        }

        @Override
        public IngestReport report() {
            return report.build();
        }

        @Override
        public boolean hasNext() {
            return from < frame.rowCount();
        }

        @Override
        public Frame next() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more batches");
            }
            int to = (int) Math.min((long) from + batchSize, frame.rowCount());
            Frame f = from == 0 && to == frame.rowCount() ? frame : frame.slice(from, to);
            int[] kept = finiteRows(from, to);
            from = to;
            report.accept(kept == null ? f.rowCount() : kept.length);
            return kept == null ? f : f.rows(kept);
        }

        /** The positions in {@code [from, to)} (relative to {@code from}) without an infinity; null when all are. */
        private int[] finiteRows(int from, int to) {
            int[] kept = null;
            int k = 0;
            for (int r = from; r < to; r++) {
                DoubleColumn bad = null;
                for (DoubleColumn d : numeric) {
                    if (Double.isInfinite(d.getDouble(r))) {
                        bad = d;
                        break;
                    }
                }
                if (bad == null) {
                    if (kept != null) {
                        kept[k] = r - from;
                    }
                    k++;
                    continue;
                }
                RowBatches.reject(policy, report, name, r + 1L, bad.name(), Double.toString(bad.getDouble(r)),
                        RejectReason.NON_FINITE, RowBatches.problem(RejectReason.NON_FINITE),
                        ColumnCells.FINITE_NUMBER, null);
                if (kept == null) {
                    kept = new int[to - from];
                    for (int i = 0; i < k; i++) {
                        kept[i] = i;
                    }
                }
            }
            return kept == null ? null : Arrays.copyOf(kept, k);
        }

        @Override
        public void close() {
            from = frame.rowCount();
        }
    }
}
