package dev.mlops.spark;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.Schema;
import dev.mlops.api.TextColumn;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/** Spark rows to frames, chunk by chunk, by the mapping of {@link SparkSchemas}. */
final class RowFrames {
    /** Rows per frame built from a partition. */
    static final int CHUNK = 4096;

    private RowFrames() {
    }

    /** Feeds the rows of a partition to {@code sink} as frames of at most {@link #CHUNK} rows, with their rows. */
    static void chunks(Iterator<Row> rows, Schema schema, ChunkSink sink) {
        List<Row> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == CHUNK) {
                sink.accept(frame(chunk, schema), chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }
        if (!chunk.isEmpty()) {
            sink.accept(frame(chunk, schema), chunk);
        }
    }

    /** What takes each chunk. */
    interface ChunkSink {
        void accept(Frame frame, List<Row> rows);
    }

    /** The frame of these rows. */
    static Frame frame(List<Row> rows, Schema schema) {
        List<Column> cols = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            cols.add(column(rows, c, schema.field(c)));
        }
        return Frame.of(cols);
    }

    private static Column column(List<Row> rows, int c, Field f) {
        int n = rows.size();
        switch (f.type()) {
            case NUMERIC -> {
                DoubleColumn.Builder b = DoubleColumn.builder(f, n);
                each(rows, c, f, v -> b.add(((Number) v).doubleValue()), b::addMissing);
                return b.build();
            }
            case INTEGER -> {
                LongColumn.Builder b = LongColumn.builder(f, n);
                each(rows, c, f, v -> b.add(((Number) v).longValue()), b::addMissing);
                return b.build();
            }
            case TIMESTAMP -> {
                LongColumn.Builder b = LongColumn.builder(f, n);
                each(rows, c, f, v -> b.add(millis(v, f)), b::addMissing);
                return b.build();
            }
            case BOOLEAN -> {
                BooleanColumn.Builder b = BooleanColumn.builder(f);
                each(rows, c, f, v -> b.add((Boolean) v), b::addMissing);
                return b.build();
            }
            case CATEGORICAL -> {
                CategoricalColumn.Builder b = CategoricalColumn.builder(f, n);
                each(rows, c, f, v -> b.add((String) v), b::addMissing);
                return b.build();
            }
            case TEXT -> {
                TextColumn.Builder b = TextColumn.builder(f, n);
                each(rows, c, f, v -> b.add((String) v), b::addMissing);
                return b.build();
            }
            default -> throw new IllegalStateException("unmapped type " + f.type());
        }
    }

    private static void each(List<Row> rows, int c, Field f, Consumer<Object> add, Runnable missing) {
        for (Row r : rows) {
            Object v = r.get(c);
            if (v == null) {
                missing.run();
            } else {
                try {
                    add.accept(v);
                } catch (ClassCastException e) {
                    throw new DataException("Column '" + f.name() + "' (" + f.type() + ") holds a "
                            + v.getClass().getSimpleName() + " value '" + v + "'; the Dataset's rows do not match its"
                            + " schema. Build the Dataset with an explicit schema.", e);
                }
            }
        }
    }

    private static long millis(Object v, Field f) {
        if (v instanceof Timestamp t) {
            return t.getTime();
        }
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof Date d) {
            return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        throw new DataException("Column '" + f.name() + "' (TIMESTAMP) holds a " + v.getClass().getSimpleName()
                + " value '" + v + "', not a date or timestamp; cast the column to timestamp.");
    }

    /** A decimal's value as a double (decimals map to NUMERIC). */
    static double toDouble(BigDecimal d) {
        return d.doubleValue();
    }
}
