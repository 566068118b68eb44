package dev.mlops.monitor;

import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the rows of small frames (one-row prediction events) straight into growing primitive column arrays, so
 * they reach the profiler as one batch: no per-batch frame concatenation with its column look-ups by name, and no
 * boxing. Numeric, integer and timestamp columns are copied value by value; other columns (categorical, text,
 * boolean) are kept as parts and appended once when the batch is drained.
 *
 * <p>Frames must have the columns of the first one, with the same types; the order may differ (columns are then
 * found by name).
 *
 * <p>Not thread-safe: a window pane calls it under the monitor's lock.
 */
final class RowGather {
    private final int expectedRows;
    private Column[] first;
    private DoubleColumn.Builder[] doubles;
    private LongColumn.Builder[] longs;
    private List<List<Column>> parts;
    private int rows;

    RowGather(int expectedRows) {
        this.expectedRows = expectedRows;
    }

    /** Rows gathered since the last drain. */
    int rows() {
        return rows;
    }

    /** Appends the rows of a frame. */
    void add(Frame frame) {
        if (rows == 0) {
            start(frame);
        } else if (frame.columnCount() != first.length) {
            throw new IllegalArgumentException("Cannot gather rows with columns " + frame.columnNames()
                    + " after rows with " + Frame.of(first).columnNames() + "; observe the same columns every time");
        }
        int n = frame.rowCount();
        for (int i = 0; i < first.length; i++) {
            Column c = frame.column(i);
            if (!c.name().equals(first[i].name())) {
                c = frame.column(first[i].name());
            }
            if (c.type() != first[i].type()) {
                throw new IllegalArgumentException("Column '" + c.name() + "' is " + c.type() + " but was "
                        + first[i].type() + " in earlier rows; observe each column with one type");
            }
            if (doubles[i] != null) {
                DoubleColumn d = (DoubleColumn) c;
                for (int r = 0; r < n; r++) {
                    doubles[i].add(d.getDouble(r)); // a missing value is NaN, and NaN appends a missing value
                }
            } else if (longs[i] != null) {
                LongColumn l = (LongColumn) c;
                for (int r = 0; r < n; r++) {
                    if (l.isMissing(r)) {
                        longs[i].addMissing();
                    } else {
                        longs[i].add(l.getLong(r));
                    }
                }
            } else {
                parts.get(i).add(c);
            }
        }
        rows += n;
    }

    private void start(Frame frame) {
        first = frame.columns().toArray(new Column[0]);
        doubles = new DoubleColumn.Builder[first.length];
        longs = new LongColumn.Builder[first.length];
        parts = new ArrayList<>(first.length);
        for (int i = 0; i < first.length; i++) {
            Column c = first[i];
            if (c instanceof DoubleColumn) {
                doubles[i] = DoubleColumn.builder(c.field(), expectedRows);
            } else if (c instanceof LongColumn) {
                longs[i] = LongColumn.builder(c.field(), expectedRows);
            }
            parts.add(doubles[i] == null && longs[i] == null ? new ArrayList<>() : null);
        }
    }

    /** The rows gathered so far as one frame (columns in the first frame's order); starts a new batch. */
    Frame drain() {
        if (rows == 0) {
            throw new IllegalStateException("No rows were gathered; check rows() before draining");
        }
        List<Column> out = new ArrayList<>(first.length);
        for (int i = 0; i < first.length; i++) {
            if (doubles[i] != null) {
                out.add(doubles[i].build());
            } else if (longs[i] != null) {
                out.add(longs[i].build());
            } else {
                out.add(appended(parts.get(i)));
            }
        }
        rows = 0;
        return Frame.of(out);
    }

    private static Column appended(List<Column> columnParts) {
        if (columnParts.size() == 1) {
            return columnParts.get(0);
        }
        List<Frame> frames = new ArrayList<>(columnParts.size());
        for (Column c : columnParts) {
            frames.add(Frame.of(c));
        }
        return Frame.concat(frames).column(0);
    }
}
