package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSourceTest {

    /** A source made from a lambda: batches of a fixed frame. */
    private static DataSource of(Frame whole) {
        return rowsPerBatch -> new FrameBatches() {
            private int next;
            private boolean closed;
            private final IngestReport.Builder report = IngestReport.newBuilder("memory");

            @Override
            public Schema schema() {
                return whole.schema();
            }

            @Override
            public IngestReport report() {
                return report.build();
            }

            @Override
            public void close() {
                closed = true;
            }

            @Override
            public boolean hasNext() {
                return !closed && next < whole.rowCount();
            }

            @Override
            public Frame next() {
                int to = (int) Math.min((long) next + rowsPerBatch, whole.rowCount());
                Frame batch = whole.slice(next, to);
                report.accept(batch.rowCount());
                next = to;
                return batch;
            }
        };
    }

    @Test
    void ingest_readsEveryBatchIntoOneFrame() {
        Frame whole = Frame.of(DoubleColumn.of("x", 1, 2, 3, 4, 5));
        Ingest ingest = of(whole).ingest();
        assertEquals(whole.fingerprint(), ingest.frame().fingerprint());
        assertEquals(5, ingest.report().rowsAccepted());
    }

    @Test
    void batches_splitIntoFramesOfAtMostN() {
        Frame whole = Frame.of(DoubleColumn.of("x", 1, 2, 3, 4, 5));
        try (FrameBatches b = of(whole).batches(2)) {
            Iterator<Frame> it = b;
            List<Integer> sizes = new java.util.ArrayList<>();
            it.forEachRemaining(f -> sizes.add(f.rowCount()));
            assertEquals(List.of(2, 2, 1), sizes);
        }
    }

    @Test
    void read_emptySource_givesEmptyFrameWithSchema() {
        Frame empty = Frame.empty(Schema.of(Field.numeric("x")));
        Frame read = of(empty).read();
        assertTrue(read.isEmpty());
        assertEquals(List.of("x"), read.columnNames());
    }
}
