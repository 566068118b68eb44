package dev.mlops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DataSource;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Ingest;
import dev.mlops.api.IngestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DataSource} keeps, as JUnit 5 tests: extend it, return your source from
 * {@link #source()}, and the tests check that
 * <ul>
 *   <li>every row read is either accepted or rejected ({@code read = accepted + rejected}) and the accepted rows are
 *       exactly the frame's rows, whatever the batch size;</li>
 *   <li>reading in batches of any size gives the same rows, in the same order, with the same schema and report,
 *       as reading whole (checked for every size from 1 to a few past the row count, and a few larger);</li>
 *   <li>no batch is larger than asked for, and each has the schema announced before the first;</li>
 *   <li>a source reads afresh on each call (two reads are equal), {@code next()} past the end throws
 *       {@link NoSuchElementException}, and closing twice is harmless and ends the stream.</li>
 * </ul>
 * The SDK runs it on each of its sources (CSV, JSON Lines, JDBC, memory, Tribuo), bad rows included.
 */
public abstract class DataSourceContract {

    /** The source under test; called once per check, so it may build a fresh one each time. */
    protected abstract DataSource source();

    /** The largest batch size checked exhaustively (all sizes from 1 up to it); default 40. */
    protected int exhaustiveBatchSizes() {
        return 40;
    }

    @Test
    void everyRowReadIsAcceptedOrRejected() {
        Ingest whole = source().ingest();
        IngestReport r = whole.report();
        assertEquals(r.rowsRead(), r.rowsAccepted() + r.rowsRejected(),
                () -> "read = accepted + rejected in " + r.summary());
        assertEquals(r.rowsAccepted(), whole.frame().rowCount(), () -> "the frame holds the accepted rows of "
                + r.summary());
        long byReason = r.rejectionsByReason().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(r.rowsRejected(), byReason, () -> "every rejection has a reason in " + r.summary());
    }

    @Test
    void batchesOfAnySizeEqualTheWholeRead() {
        Ingest whole = source().ingest();
        int rows = whole.frame().rowCount();
        TreeSet<Integer> sizes = new TreeSet<>();
        for (int s = 1; s <= Math.min(rows + 3, exhaustiveBatchSizes()); s++) {
            sizes.add(s);
        }
        sizes.addAll(List.of(Math.max(1, rows - 1), Math.max(1, rows), rows + 1, 1 << 16, Integer.MAX_VALUE));
        for (int size : sizes) {
            List<Frame> frames = new ArrayList<>();
            IngestReport report;
            try (FrameBatches batches = source().batches(size)) {
                while (batches.hasNext()) {
                    Frame f = batches.next();
                    assertTrue(f.rowCount() <= size, "a batch of " + f.rowCount() + " rows when " + size
                            + " were asked for");
                    assertTrue(f.rowCount() > 0, "an empty batch at size " + size);
                    assertEquals(batches.schema(), f.schema(), "the batch schema at size " + size);
                    frames.add(f);
                }
                report = batches.report();
            }
            Frame joined = frames.isEmpty() ? Frame.empty(whole.frame().schema()) : Frame.concat(frames);
            assertEquals(whole.frame().fingerprint(), joined.fingerprint(), "rows read in batches of " + size
                    + " differ from the whole read");
            assertEquals(whole.report().rowsRead(), report.rowsRead(), "rows read at batch size " + size);
            assertEquals(whole.report().rowsRejected(), report.rowsRejected(), "rows rejected at batch size " + size);
            assertEquals(whole.report().rejectionsByReason(), report.rejectionsByReason(),
                    "rejections by reason at batch size " + size);
        }
    }

    @Test
    void eachReadIsFresh() {
        DataSource s = source();
        Ingest first = s.ingest();
        Ingest second = s.ingest();
        assertEquals(first.frame().fingerprint(), second.frame().fingerprint(), "two reads of one source differ");
        assertEquals(first.report().rowsRead(), second.report().rowsRead());
    }

    @Test
    void theStreamEndsCleanly() {
        FrameBatches batches = source().batches(7);
        while (batches.hasNext()) {
            batches.next();
        }
        assertThrows(NoSuchElementException.class, batches::next, "next() after the last batch");
        batches.close();
        batches.close();
        assertFalse(batches.hasNext(), "a closed stream has no more batches");
    }

    @Test
    void closingEarlyEndsTheStream() {
        FrameBatches batches = source().batches(1);
        batches.close();
        assertFalse(batches.hasNext(), "a stream closed before reading has no batches");
        batches.close();
    }

    @Test
    void aBatchSizeBelowOneIsRefusedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> source().batches(0));
        assertTrue(e.getMessage().contains("0"), () -> "the message names the size: " + e.getMessage());
    }
}
