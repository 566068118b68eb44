package dev.mlops.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An immutable, columnar table: the unit of data every stage passes on.
 *
 * <p>Columns are primitive arrays ({@link DoubleColumn}, {@link LongColumn}, {@link BooleanColumn}), dictionary
 * codes ({@link CategoricalColumn}) or strings ({@link TextColumn}), each with an explicit missing mask. Operations
 * return new frames; columns an operation does not change are shared, not copied. Safe to share between threads.
 *
 * <pre>{@code
 * Frame frame = Frame.of(DoubleColumn.of("age", 31, 45), CategoricalColumn.of("class", "good", "bad"));
 * Frame adults = frame.filter(row -> row.getDouble("age") >= 18).select("class");
 * }</pre>
 */
public final class Frame implements Iterable<Row>, HtmlRenderable {
    private static final int DEFAULT_SHOWN_ROWS = 10;

    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final int rowCount;
    private final Schema schema;
    private volatile String fingerprint;
    /** Integer, timestamp and boolean columns as doubles, made on first use by {@link #doubles(String)}. */
    private final Map<String, DoubleColumn> widened = new ConcurrentHashMap<>();

    private Frame(List<Column> columns, int rowCount) {
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        this.index = new LinkedHashMap<>();
        List<Field> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < this.columns.size(); i++) {
            Column c = this.columns.get(i);
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("Column '" + c.name() + "' has " + c.size() + " rows but the frame has "
                        + rowCount + "; every column of a frame needs the same number of rows");
            }
            fields.add(c.field());
            index.put(c.name(), i);
        }
        this.schema = Schema.of(fields); // rejects duplicate names
    }

    /** A frame of these columns, which must all have the same number of rows and distinct names. */
    public static Frame of(Column... columns) {
        return of(Arrays.asList(columns));
    }

    /** A frame of these columns, which must all have the same number of rows and distinct names. */
    public static Frame of(List<? extends Column> columns) {
        return new Frame(new ArrayList<>(columns), columns.isEmpty() ? 0 : columns.get(0).size());
    }

    /** A frame with no rows and the columns of a schema. */
    public static Frame empty(Schema schema) {
        List<Column> columns = new ArrayList<>();
        for (Field f : schema.fields()) {
            columns.add(emptyColumn(f));
        }
        return new Frame(columns, 0);
    }

    static Column emptyColumn(Field f) {
        return switch (f.type()) {
            case NUMERIC -> DoubleColumn.builder(f, 0).build();
            case INTEGER, TIMESTAMP -> LongColumn.builder(f, 0).build();
            case BOOLEAN -> BooleanColumn.builder(f).build();
            case CATEGORICAL -> CategoricalColumn.builder(f, 0).build();
            case TEXT -> TextColumn.builder(f, 0).build();
        };
    }

    /**
     * The rows of several frames one after another. The frames need the same column names and types (matched by
     * name, in the first frame's order); categorical dictionaries are merged.
     */
    public static Frame concat(List<Frame> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("Nothing to concatenate: give at least one frame");
        }
        Frame first = frames.get(0);
        if (frames.size() == 1) {
            return first;
        }
        List<Column> out = new ArrayList<>(first.columnCount());
        int rows = 0;
        for (Frame f : frames) {
            if (f.columnCount() != first.columnCount() || !f.index.keySet().containsAll(first.index.keySet())) {
                throw new IllegalArgumentException("Cannot concatenate frames with different columns: "
                        + first.schema.names() + " and " + f.schema.names());
            }
            rows += f.rowCount;
        }
        for (Column c : first.columns) {
            List<Column> rest = new ArrayList<>(frames.size() - 1);
            for (int i = 1; i < frames.size(); i++) {
                rest.add(frames.get(i).column(c.name()));
            }
            out.add(c.append(rest));
        }
        return new Frame(out, rows);
    }

    /** The fields of the columns, in order. */
    public Schema schema() {
        return schema;
    }

    /** The number of rows. */
    public int rowCount() {
        return rowCount;
    }

    /** The number of columns. */
    public int columnCount() {
        return columns.size();
    }

    /** Whether there are no rows. */
    public boolean isEmpty() {
        return rowCount == 0;
    }

    /** The columns, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return schema.names();
    }

    /** Whether a column has this name. */
    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /**
     * The column with this name.
     *
     * @throws IllegalArgumentException naming the columns there are, when none has this name
     */
    public Column column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("No column named '" + name + "'; the columns are " + schema.names());
        }
        return columns.get(i);
    }

    /** The column at a position. */
    public Column column(int position) {
        return columns.get(position);
    }

    /**
     * The column with this name as doubles: a numeric column as it is; an integer, timestamp (epoch milliseconds) or
     * boolean (1 and 0) column widened, as {@link Row#getDouble(String)} reads it, with missing values as {@code NaN}.
     * The widened column keeps the name, role and nullability under a NUMERIC field; it is made once per frame.
     *
     * @throws IllegalArgumentException when the column is categorical or text, or holds an integer beyond
     *     &plusmn;2<sup>53</sup>, which a double cannot hold exactly (the row and value are named)
     */
    public DoubleColumn doubles(String name) {
        Column c = column(name);
        if (c instanceof DoubleColumn d) {
            return d;
        }
        if (c instanceof LongColumn || c instanceof BooleanColumn) {
            return widened.computeIfAbsent(name, n -> DoubleColumn.widen(c));
        }
        throw new IllegalArgumentException("Column '" + name + "' is " + c.type() + " and has no numeric values;"
                + " encode it first (for example one-hot in mlops-features) or use column(name)");
    }

    /** The integer or timestamp column with this name. */
    public LongColumn longs(String name) {
        return typed(name, LongColumn.class);
    }

    /** The boolean column with this name. */
    public BooleanColumn booleans(String name) {
        return typed(name, BooleanColumn.class);
    }

    /** The categorical column with this name. */
    public CategoricalColumn categorical(String name) {
        return typed(name, CategoricalColumn.class);
    }

    /** The text column with this name. */
    public TextColumn text(String name) {
        return typed(name, TextColumn.class);
    }

    private <C extends Column> C typed(String name, Class<C> kind) {
        Column c = column(name);
        if (!kind.isInstance(c)) {
            throw new IllegalArgumentException("Column '" + name + "' is " + c.type() + ", not a "
                    + kind.getSimpleName() + "; cast it first or use column(name)");
        }
        return kind.cast(c);
    }

    /** The named columns, in the given order; the columns are shared. */
    public Frame select(String... names) {
        return select(Arrays.asList(names));
    }

    /** The named columns, in the given order; the columns are shared. */
    public Frame select(List<String> names) {
        List<Column> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(column(n));
        }
        return new Frame(out, rowCount);
    }

    /** All columns but the named ones (each must exist); the columns are shared. */
    public Frame drop(String... names) {
        List<String> dropped = Arrays.asList(names);
        for (String n : dropped) {
            column(n);
        }
        List<Column> out = new ArrayList<>(columns);
        out.removeIf(c -> dropped.contains(c.name()));
        return new Frame(out, rowCount);
    }

    /** This frame with a column added at the end, or replacing the column of the same name in place. */
    public Frame withColumn(Column column) {
        List<Column> out = new ArrayList<>(columns);
        Integer i = index.get(column.name());
        if (i == null) {
            out.add(column);
        } else {
            out.set(i, column);
        }
        return new Frame(out, rowCount);
    }

    /** This frame with a column renamed. */
    public Frame rename(String from, String to) {
        return replace(from, column(from).rename(to));
    }

    /** This frame with a column given another role (for example {@link FieldRole#LABEL}). */
    public Frame withRole(String name, FieldRole role) {
        Column c = column(name);
        return replace(name, c.withField(c.field().withRole(role)));
    }

    private Frame replace(String name, Column replacement) {
        List<Column> out = new ArrayList<>(columns);
        out.set(index.get(name), replacement);
        return new Frame(out, rowCount);
    }

    /** The rows at the given positions, in that order (positions may repeat). */
    public Frame rows(int[] positions) {
        for (int p : positions) {
            if (p < 0 || p >= rowCount) {
                throw new IndexOutOfBoundsException("Row " + p + " is outside a frame of " + rowCount + " rows");
            }
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.select(positions));
        }
        return new Frame(out, positions.length);
    }

    /** The rows {@code [from, to)}. */
    public Frame slice(int from, int to) {
        Column.checkSlice(from, to, rowCount);
        if (from == 0 && to == rowCount) {
            return this;
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.slice(from, to));
        }
        return new Frame(out, to - from);
    }

    /** The first {@code n} rows (all of them when there are fewer). */
    public Frame head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("head(n) needs n >= 0, got " + n);
        }
        return slice(0, Math.min(n, rowCount));
    }

    /** The rows for which the predicate holds, in order. The {@link Row} it sees is valid during the call only. */
    public Frame filter(Predicate<? super Row> predicate) {
        int[] keep = new int[rowCount];
        int n = 0;
        for (int r = 0; r < rowCount; r++) {
            if (predicate.test(new Row(this, r))) {
                keep[n++] = r;
            }
        }
        return n == rowCount ? this : rows(Arrays.copyOf(keep, n));
    }

    /** This frame's rows followed by another's (see {@link #concat(List)}). */
    public Frame concat(Frame other) {
        return concat(List.of(this, other));
    }

    /** A view of one row. */
    public Row row(int position) {
        java.util.Objects.checkIndex(position, rowCount);
        return new Row(this, position);
    }

    /** Iterates over row views, in order. */
    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rowCount;
            }

            @Override
            public Row next() {
                if (next >= rowCount) {
                    throw new NoSuchElementException();
                }
                return new Row(Frame.this, next++);
            }
        };
    }

    int columnIndex(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("No column named '" + name + "'; the columns are " + schema.names());
        }
        return i;
    }

    /**
     * A content hash of the schema and the values: the same data gives the same fingerprint on any machine, in
     * any run, whatever the storage (dictionary order, how the frame was built). The form is {@code sha256:<hex>}.
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = computeFingerprint();
            fingerprint = f;
        }
        return f;
    }

    private String computeFingerprint() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks SHA-256, which every Java platform must provide", e);
        }
        Column.DigestSink sink = new Column.DigestSink(digest);
        sink.putString("mlops-frame-v1");
        sink.putInt(rowCount);
        sink.putInt(columns.size());
        for (Column c : columns) {
            sink.putString(c.name());
            sink.putString(c.type().name());
            sink.putBits(c.missing);
            c.digestValues(sink);
        }
        sink.flush();
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** The first rows as a text table, as a notebook shows a data frame. */
    @Override
    public String toString() {
        return toString(DEFAULT_SHOWN_ROWS);
    }

    /** The first {@code maxRows} rows as a text table. */
    public String toString(int maxRows) {
        return FrameFormatter.format(this, maxRows);
    }

    /** The first rows as an HTML table with each column's type, as a notebook shows a data frame. */
    @Override
    public String toHtml() {
        return FrameHtml.html(this, DEFAULT_SHOWN_ROWS);
    }
}
