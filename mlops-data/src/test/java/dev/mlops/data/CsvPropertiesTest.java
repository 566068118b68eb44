package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Ingest;
import dev.mlops.api.IngestReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariants of the CSV reader over random text with random bad cells. */
class CsvPropertiesTest {

    /** A random CSV with its expected counts. */
    record Generated(String text, int good, int bad, List<Long> goodIds) {
    }

    static Generated generate(long seed, int rows) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("id,x,label,note\n");
        int good = 0;
        int bad = 0;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            long id = r.nextInt(1_000_000) - 500_000;
            String x = r.nextBoolean() ? Double.toString(r.nextGaussian() * 1e3) : Integer.toString(r.nextInt());
            String label = r.nextBoolean() ? "yes" : "no";
            String note = r.nextInt(5) == 0 ? "\"a, \"\"quoted\"\"\nnote\"" : "plain";
            String idText = Long.toString(id);
            String xText = r.nextInt(6) == 0 ? "" : x;
            int fault = r.nextInt(8);
            String line;
            switch (fault) {
                case 0 -> line = idText + "x," + xText + "," + label + "," + note; // bad integer
                case 1 -> line = idText + ",1.2.3," + label + "," + note; // bad number
                case 2 -> line = idText + "," + xText + "," + label; // too few values
                case 3 -> line = idText + "," + xText + "," + label + "," + note + ",extra"; // too many values
                default -> line = idText + "," + xText + "," + label + "," + note;
            }
            if (fault <= 3) {
                bad++;
            } else {
                good++;
                ids.add(id);
            }
            sb.append(line).append(r.nextBoolean() ? "\n" : "\r\n");
        }
        return new Generated(sb.toString(), good, bad, ids);
    }

    static CsvReader reader(String text, int batch) {
        return reader(text, batch, true);
    }

    static CsvReader reader(String text, int batch, boolean fastPath) {
        CsvOptions options = CsvOptions.newBuilder().type("id", FieldType.INTEGER).type("x", FieldType.NUMERIC)
                .badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).sampleRows(5).fastPath(fastPath).build();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new CsvReader("generated.csv", () -> new ByteArrayInputStream(bytes), options, batch);
    }

    @Test
    void ingest_randomBadCells_readEqualsAcceptedPlusRejected() {
        qt().withExamples(200).forAll(longs().all(), integers().between(0, 60)).checkAssert((seed, rows) -> {
            Generated g = generate(seed, rows);
            List<Frame> frames = new ArrayList<>();
            IngestReport report;
            try (FrameBatches b = reader(g.text(), 7)) {
                while (b.hasNext()) {
                    frames.add(b.next());
                }
                report = b.report();
            }
            Frame frame = frames.isEmpty() ? null : Frame.concat(frames);
            int frameRows = frame == null ? 0 : frame.rowCount();
            assertEquals(report.rowsRead(), report.rowsAccepted() + report.rowsRejected());
            assertEquals(report.rowsAccepted(), frameRows);
            assertEquals(g.good(), report.rowsAccepted(), g.text());
            assertEquals(g.bad(), report.rowsRejected(), g.text());
            long byReason = report.rejectionsByReason().values().stream().mapToLong(Long::longValue).sum();
            long byColumn = report.rejectionsByColumn().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(report.rowsRejected(), byReason);
            assertEquals(report.rowsRejected(), byColumn);
            for (int i = 0; i < frameRows; i++) {
                assertEquals(g.goodIds().get(i), frame.longs("id").getLong(i));
            }
        });
    }

    @Test
    void fastPath_readsExactlyAsCommonsCsv() {
        qt().withExamples(100).forAll(longs().all(), integers().between(0, 40), integers().between(0, 2))
                .checkAssert((seed, rows, quoting) -> {
                    String text = generate(seed, rows).text();
                    if (quoting == 0) {
                        text = text.replace("\"", ""); // all plain: the fast path reads every record
                    }
                    Ingest fast;
                    Ingest commons;
                    try (FrameBatches b = reader(text, Integer.MAX_VALUE, true)) {
                        fast = new Ingest(b.hasNext() ? b.next() : Frame.empty(b.schema()), b.report());
                    }
                    try (FrameBatches b = reader(text, Integer.MAX_VALUE, false)) {
                        commons = new Ingest(b.hasNext() ? b.next() : Frame.empty(b.schema()), b.report());
                    }
                    assertEquals(commons.frame().fingerprint(), fast.frame().fingerprint(), text);
                    assertEquals(commons.report(), fast.report(), text);
                });
    }

    @Test
    void batches_anyBatchSize_concatenateToTheWholeRead() {
        qt().withExamples(50).forAll(longs().all(), integers().between(1, 40)).checkAssert((seed, batch) -> {
            Generated g = generate(seed, 40);
            Ingest whole;
            try (FrameBatches b = reader(g.text(), Integer.MAX_VALUE)) {
                whole = new Ingest(b.hasNext() ? b.next() : Frame.empty(b.schema()), b.report());
            }
            List<Frame> frames = new ArrayList<>();
            try (FrameBatches b = reader(g.text(), batch)) {
                while (b.hasNext()) {
                    frames.add(b.next());
                }
            }
            Frame joined = frames.isEmpty() ? Frame.empty(whole.frame().schema()) : Frame.concat(frames);
            assertEquals(whole.frame().fingerprint(), joined.fingerprint());
        });
    }
}
