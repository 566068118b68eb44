package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Ingest;
import dev.mlops.api.IngestReport;
import dev.mlops.api.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
    static final Path CREDIT = Path.of("../samples/src/main/resources/datasets/credit-g.csv");

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static CsvSource skipping(Path p) {
        return CsvSource.newBuilder(p).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
    }

    @Test
    void ingest_creditG_infersSensibleTypesAndReadsCleanly() {
        Ingest ingest = CsvSource.of(CREDIT).ingest();
        Frame f = ingest.frame();
        Schema s = f.schema();
        assertEquals(1000, f.rowCount());
        assertEquals(21, f.columnCount());
        assertEquals(FieldType.INTEGER, s.field("duration").type());
        assertEquals(FieldType.INTEGER, s.field("credit_amount").type());
        assertEquals(FieldType.INTEGER, s.field("age").type());
        assertEquals(FieldType.CATEGORICAL, s.field("checking_status").type());
        assertEquals(FieldType.CATEGORICAL, s.field("purpose").type());
        assertEquals(FieldType.CATEGORICAL, s.field("class").type());
        assertEquals(java.util.Set.of("good", "bad"), java.util.Set.copyOf(f.categorical("class").dictionary()));
        assertTrue(ingest.report().isClean(), ingest.report().summary());
        assertEquals(1000, ingest.report().rowsAccepted());
        assertEquals(67, f.longs("age").getLong(0));
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("age=integer")));
    }

    @Test
    void ingest_classpathUrl_readsTheSameAsThePath() throws IOException {
        Path p = write("small.csv", "a,b\n1,x\n2,y\n");
        Frame fromPath = CsvSource.of(p).read();
        Frame fromUrl = CsvSource.of(p.toUri().toURL()).read();
        assertEquals(fromPath.fingerprint(), fromUrl.fingerprint());
    }

    @Test
    void ingest_allTypes_inferredFromTheSample() throws IOException {
        Path p = write("types.csv", "b,i,d,t,dt,c,x\n"
                + "true,1,1.5,2024-03-01,2024-03-01T12:30:00Z,red,alpha\n"
                + "FALSE,-2,-2,2024-03-02,2024-03-01 13:00,blue,beta\n"
                + "NA,,1e3,?,2024-03-01T12:30:00.250+01:00,red,gamma\n");
        Ingest ingest = CsvSource.newBuilder(p).categoricalMaxDistinct(2).build().ingest();
        Frame f = ingest.frame();
        Schema s = f.schema();
        assertEquals(FieldType.BOOLEAN, s.field("b").type());
        assertEquals(FieldType.INTEGER, s.field("i").type());
        assertEquals(FieldType.NUMERIC, s.field("d").type());
        assertEquals(FieldType.TIMESTAMP, s.field("t").type());
        assertEquals(FieldType.TIMESTAMP, s.field("dt").type());
        assertEquals(FieldType.CATEGORICAL, s.field("c").type());
        assertEquals(FieldType.TEXT, s.field("x").type());
        assertTrue(f.booleans("b").getBoolean(0));
        assertFalse(f.booleans("b").getBoolean(1));
        assertTrue(f.booleans("b").isMissing(2));
        assertTrue(f.longs("i").isMissing(2));
        assertEquals(1000.0, f.doubles("d").getDouble(2));
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), f.longs("t").getInstant(0));
        assertTrue(f.longs("t").isMissing(2));
        assertEquals(Instant.parse("2024-03-01T12:30:00Z"), f.longs("dt").getInstant(0));
        assertEquals(Instant.parse("2024-03-01T13:00:00Z"), f.longs("dt").getInstant(1));
        assertEquals(Instant.parse("2024-03-01T11:30:00.250Z"), f.longs("dt").getInstant(2));
    }

    @Test
    void build_typeAndRoleOverrides_win() throws IOException {
        Path p = write("o.csv", "id,y\n1,0\n2,1\n");
        Frame f = CsvSource.newBuilder(p).type("id", FieldType.TEXT).type("y", FieldType.CATEGORICAL)
                .role("y", FieldRole.LABEL).role("id", FieldRole.ID).build().read();
        assertEquals(FieldType.TEXT, f.schema().field("id").type());
        assertEquals(FieldRole.LABEL, f.schema().field("y").role());
        assertEquals(FieldRole.ID, f.schema().field("id").role());
        assertEquals("1", f.categorical("y").getString(1));
    }

    @Test
    void build_overrideOfUnknownColumn_failsNamingTheColumns() throws IOException {
        Path p = write("o.csv", "id,y\n1,0\n");
        DataException e = assertThrows(DataException.class,
                () -> CsvSource.newBuilder(p).type("nope", FieldType.TEXT).build().read());
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("[id, y]"), e.getMessage());
    }

    @Test
    void ingest_semicolonsQuotesEscapesAndLatin1_areHonoured() throws IOException {
        String text = "name;note\n\"Müller; Hans\";\\;x\n";
        Path p = write("l1.csv", text.getBytes(StandardCharsets.ISO_8859_1));
        Frame f = CsvSource.newBuilder(p).delimiter(';').escape('\\').encoding("ISO-8859-1").build().read();
        assertEquals("Müller; Hans", f.column("name").value(0));
        assertEquals(";x", f.column("note").value(0));
    }

    @Test
    void ingest_noHeader_namesColumnsByPosition() throws IOException {
        Path p = write("nh.csv", "1,a\n2,b\n");
        Frame f = CsvSource.newBuilder(p).header(false).build().read();
        assertEquals(java.util.List.of("column_1", "column_2"), f.columnNames());
        assertEquals(2, f.rowCount());
    }

    @Test
    void ingest_customMissingTokens_replaceTheDefaults() throws IOException {
        Path p = write("m.csv", "x,y\n-999,NA\n3,b\n");
        Frame f = CsvSource.newBuilder(p).missingTokens("-999", "").build().read();
        assertTrue(f.longs("x").isMissing(0));
        assertEquals("NA", f.column("y").value(0));
    }

    @Test
    void ingest_byteOrderMark_isSkippedAndNoted() throws IOException {
        byte[] body = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Ingest ingest = CsvSource.of(write("bom.csv", bytes)).ingest();
        assertEquals(java.util.List.of("a", "b"), ingest.frame().columnNames());
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("byte-order mark")));
    }

    @Test
    void ingest_gzip_isDetectedByMagicBytes() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buf)) {
            out.write("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        }
        Ingest ingest = CsvSource.of(write("data.csv", buf.toByteArray())).ingest();
        assertEquals(2, ingest.frame().rowCount());
        assertArrayEquals(new long[] {1, 3}, ingest.frame().longs("a").toArray());
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("gzip")));
    }

    @Test
    void batches_streamLazily_andConcatenateToTheWholeRead() throws IOException {
        StringBuilder sb = new StringBuilder("i,c\n");
        for (int i = 0; i < 1005; i++) {
            sb.append(i).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        CsvSource src = CsvSource.newBuilder(write("big.csv", sb.toString())).sampleRows(10).build();
        int batches = 0;
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        try (FrameBatches b = src.batches(100)) {
            while (b.hasNext()) {
                Frame f = b.next();
                assertTrue(f.rowCount() <= 100);
                frames.add(f);
                batches++;
            }
            assertEquals(1005, b.report().rowsAccepted());
        }
        assertEquals(11, batches);
        assertEquals(src.read().fingerprint(), Frame.concat(frames).fingerprint());
    }

    @Test
    void ingest_moreRowsThanOneInternalChunk_keepsEveryRowInOrder() throws IOException {
        StringBuilder sb = new StringBuilder("i,c\n");
        int n = 150_001;
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i % 7 == 0 ? "a" : "b").append('\n');
        }
        CsvSource src = CsvSource.of(write("chunks.csv", sb.toString()));
        Frame whole = src.read();
        assertEquals(n, whole.rowCount());
        for (int i = 0; i < n; i += 9_999) {
            assertEquals(i, whole.longs("i").getLong(i));
            assertEquals(i % 7 == 0 ? "a" : "b", whole.categorical("c").getString(i));
        }
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        try (FrameBatches b = src.batches(100_000)) {
            while (b.hasNext()) {
                frames.add(b.next());
            }
        }
        assertEquals(java.util.List.of(100_000, 50_001), frames.stream().map(Frame::rowCount).toList());
        assertEquals(whole.fingerprint(), Frame.concat(frames).fingerprint());
    }

    @Test
    void batches_closeIsIdempotent() throws IOException {
        FrameBatches b = CsvSource.of(write("c.csv", "a\n1\n")).batches(10);
        b.close();
        b.close();
        assertFalse(b.hasNext());
    }

    // ---- bad input never disappears ----

    @Test
    void raggedRows_failFast_namesLineAndExpectation() throws IOException {
        Path p = write("r.csv", "a,b\n1,2\n3,4,5\n");
        DataException e = assertThrows(DataException.class, () -> CsvSource.of(p).read());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("Ragged row with 3 values") && e.getMessage().contains("2 values"),
                e.getMessage());
    }

    @Test
    void raggedRows_tooManyAndTooFew_areSkippedAndCounted() throws IOException {
        Path p = write("r.csv", "a,b\n1,2\n3,4,5\n6\n7,8\n");
        Ingest ingest = skipping(p).ingest();
        IngestReport r = ingest.report();
        assertEquals(4, r.rowsRead());
        assertEquals(2, r.rowsAccepted());
        assertEquals(2, r.rowsRejected());
        assertEquals(2L, r.rejectionsByReason().get("ragged-row"));
        assertEquals(2L, r.rejectionsByColumn().get(IngestReport.WHOLE_ROW));
        assertEquals(3, r.sample().get(0).line());
        assertEquals("3,4,5", r.sample().get(0).rawValue());
        assertEquals(4, r.sample().get(1).line());
        assertArrayEquals(new long[] {1, 7}, ingest.frame().longs("a").toArray());
    }

    @Test
    void unterminatedQuote_failFast_throwsWithLine() throws IOException {
        Path p = write("q.csv", "a,b\n1,2\n3,\"oops\n4,5\n");
        DataException e = assertThrows(DataException.class, () -> CsvSource.of(p).read());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("Malformed CSV"), e.getMessage());
    }

    @Test
    void unterminatedQuote_skip_countsOneMalformedRowAndNotesTheStop() throws IOException {
        Path p = write("q.csv", "a,b\n1,2\n3,\"oops\n4,5\n");
        Ingest ingest = skipping(p).ingest();
        assertEquals(1, ingest.frame().rowCount());
        assertEquals(1L, ingest.report().rejectionsByReason().get("malformed"));
        assertEquals(3, ingest.report().sample().get(0).line());
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("reading stopped at line 3")));
    }

    @Test
    void badNumber_failFast_namesSourceLineColumnValueAndExpectation() throws IOException {
        Path p = write("n.csv", "x,y\n1.5,a\n2.5,b\nabc,c\n");
        DataException e = assertThrows(DataException.class,
                () -> CsvSource.newBuilder(p).type("x", FieldType.NUMERIC).build().read());
        assertEquals(4, e.line());
        assertEquals("x", e.column().orElseThrow());
        assertEquals("abc", e.rawValue().orElseThrow());
        assertTrue(e.expected().orElseThrow().contains("decimal number"));
        assertTrue(e.source().orElseThrow().endsWith("n.csv"));
    }

    @Test
    void badNumber_afterTheSample_isRejectedWithAHintAboutInference() throws IOException {
        Path p = write("n.csv", "x\n1\n2\n2.5\n");
        CsvSource src = CsvSource.newBuilder(p).sampleRows(2).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
        Ingest ingest = src.ingest();
        assertEquals(2, ingest.report().rowsAccepted());
        assertEquals(1L, ingest.report().rejectionsByReason().get("bad-integer"));
        assertEquals(1L, ingest.report().rejectionsByColumn().get("x"));
        assertEquals("2.5", ingest.report().sample().get(0).rawValue());
        DataException e = assertThrows(DataException.class,
                () -> CsvSource.newBuilder(p).sampleRows(2).build().read());
        assertTrue(e.getMessage().contains("sampleRows"), e.getMessage());
    }

    @Test
    void badDate_isRejectedAsBadTimestamp() throws IOException {
        Path p = write("d.csv", "when,n\n2024-01-01,1\n2024-13-45,2\n2024-02-29,3\n");
        Ingest ingest = CsvSource.newBuilder(p).type("when", FieldType.TIMESTAMP)
                .badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build().ingest();
        assertEquals(2, ingest.frame().rowCount());
        assertEquals(1L, ingest.report().rejectionsByReason().get("bad-timestamp"));
        assertEquals("2024-13-45", ingest.report().sample().get(0).rawValue());
        assertEquals(3, ingest.report().sample().get(0).line());
    }

    @Test
    void invalidUtf8_isRejectedNotReplacedSilently() throws IOException {
        byte[] head = "a,b\nok,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'x', (byte) 0xC3, (byte) 0x28, ',', '2', '\n'};
        byte[] tail = "fine,3\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write(head);
        buf.write(bad);
        buf.write(tail);
        Path p = write("u.csv", buf.toByteArray());
        Ingest ingest = skipping(p).ingest();
        assertEquals(2, ingest.frame().rowCount());
        assertEquals(1L, ingest.report().rejectionsByReason().get("invalid-encoding"));
        assertEquals(1L, ingest.report().rejectionsByColumn().get("a"));
        assertEquals(3, ingest.report().sample().get(0).line());
        DataException e = assertThrows(DataException.class, () -> CsvSource.of(p).read());
        assertEquals(3, e.line());
    }

    @Test
    void legitimateReplacementCharacter_isNotAnEncodingError() throws IOException {
        Path p = write("r.csv", "a\n\uFFFD\n");
        assertEquals(1, CsvSource.of(p).read().rowCount());
    }

    @Test
    void emptyFile_throwsEvenWhenSkipping() throws IOException {
        Path p = write("e.csv", "");
        DataException e = assertThrows(DataException.class, () -> skipping(p).read());
        assertTrue(e.getMessage().startsWith("Empty input"), e.getMessage());
    }

    @Test
    void headerOnly_givesAnEmptyFrameWithTextColumnsAndANote() throws IOException {
        Ingest ingest = CsvSource.of(write("h.csv", "a,b\n")).ingest();
        assertEquals(0, ingest.frame().rowCount());
        assertEquals(java.util.List.of("a", "b"), ingest.frame().columnNames());
        assertEquals(FieldType.TEXT, ingest.frame().schema().field("a").type());
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("no data rows")));
    }

    @Test
    void duplicateAndBlankColumnNames_areRenamedWithNotes() throws IOException {
        Ingest ingest = CsvSource.of(write("dup.csv", "a,a,,a_2\n1,2,3,4\n")).ingest();
        assertEquals(java.util.List.of("a", "a_3", "column_3", "a_2"), ingest.frame().columnNames());
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("duplicate column name 'a'")));
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("no name")));
    }

    @Test
    void missingFile_throwsDataExceptionNamingIt() {
        DataException e = assertThrows(DataException.class, () -> CsvSource.of(dir.resolve("nope.csv")).read());
        assertTrue(e.getMessage().contains("nope.csv"));
    }

    @Test
    void options_jsonRoundTrip_isEqual() {
        CsvOptions o = CsvOptions.newBuilder().delimiter(';').quote(null).escape('\\').encoding("ISO-8859-1")
                .missingTokens("-", "null").sampleRows(7).categoricalMaxDistinct(3).type("a", FieldType.NUMERIC)
                .role("y", FieldRole.LABEL).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).rejectionSampleSize(5)
                .header(false).build();
        assertEquals(o, CsvOptions.fromJson(o.toJson()));
        assertEquals(o, o.toBuilder().build());
        assertEquals(CsvOptions.defaults(), CsvOptions.fromJson(CsvOptions.defaults().toJson()));
    }

    @Test
    void options_conflicts_areRejectedInBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.newBuilder().quote(',').build());
        assertTrue(e.getMessage().contains("quote character ','")
                && e.getMessage().contains("differ from the delimiter"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.newBuilder().delimiter('\n').build());
        assertTrue(e2.getMessage().contains("delimiter cannot be a line break")
                && e2.getMessage().contains("got '\\n'"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.newBuilder().encoding("nope-42").build());
        assertTrue(e3.getMessage().contains("Unknown encoding 'nope-42'")
                && e3.getMessage().contains("UTF-8"), e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.newBuilder().sampleRows(0).build());
        assertTrue(e4.getMessage().contains("sampleRows must be at least 1")
                && e4.getMessage().contains("got 0"), e4.getMessage());
    }

    @Test
    void defaults_failFastAndStandardMissingTokens() {
        CsvOptions d = CsvOptions.defaults();
        assertEquals(BadRowPolicy.FAIL_FAST, d.ingest().badRowPolicy());
        assertEquals(java.util.List.of("", "NA", "?"), d.missingTokens());
    }
}
