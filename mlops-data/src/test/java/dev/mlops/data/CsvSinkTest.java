package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.FrameWriter;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSinkTest {
    @TempDir
    Path dir;

    private static Frame scored() {
        return Frame.of(
                LongColumn.of("id", 1, 2, 3),
                DoubleColumn.of("score", 0.1, Double.NaN, -0.0),
                CategoricalColumn.of("label", "good", null, "bad, really"),
                BooleanColumn.of("flag", true, false, null),
                TextColumn.of("note", "said \"hi\"", "two\nlines", "日本語"),
                LongColumn.ofInstants("at", Instant.parse("2024-03-01T12:30:00.250Z"), null, Instant.EPOCH));
    }

    @Test
    void write_frame_givesCsvOtherToolsRead() throws IOException {
        Path file = dir.resolve("scored.csv");
        assertEquals(3, CsvSink.of(file).write(scored()));
        assertEquals("""
                id,score,label,flag,note,at
                1,0.1,good,true,"said ""hi\"\"\",2024-03-01T12:30:00.250Z
                2,,,false,"two
                lines",
                3,-0.0,"bad, really",,日本語,1970-01-01T00:00:00Z
                """, Files.readString(file));
    }

    @Test
    void write_frame_readsBackWithTheMatchingSource() {
        Path file = dir.resolve("scored.csv");
        Frame frame = scored().withRole("label", FieldRole.LABEL);
        CsvSink.of(file).write(frame);
        Frame back = CsvSource.newBuilder(file).schema(frame.schema()).build().read();
        assertEquals(frame.schema(), back.schema());
        assertEquals(frame.fingerprint(), back.fingerprint());
    }

    @Test
    void write_doubles_inTheShortestTextThatReadsBackExactly() throws IOException {
        Path file = dir.resolve("d.csv");
        CsvSink.of(file).write(Frame.of(DoubleColumn.of("d", 0.1, 1.0 / 3, 1e-7, 2e22, Double.MIN_VALUE,
                -Double.MAX_VALUE, 100, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        assertEquals("d\n0.1\n0.3333333333333333\n1.0E-7\n2.0E22\n4.9E-324\n-1.7976931348623157E308\n100.0\nInfinity\n"
                + "-Infinity\n", Files.readString(file));
    }

    @Test
    void write_textEqualToTheMissingToken_isRefusedNamingColumnAndLineAndLeavesNoFile() {
        Path file = dir.resolve("t.csv");
        Frame frame = Frame.of(LongColumn.of("id", 1, 2), CategoricalColumn.of("city", "Oslo", ""));
        DataException e = assertThrows(DataException.class, () -> CsvSink.of(file).write(frame));
        assertTrue(e.getMessage().contains("at line 3, column 'city'"), e.getMessage());
        assertTrue(e.getMessage().contains("missingToken"), e.getMessage());
        assertFalse(Files.exists(file));
        assertEquals(0, leftovers());
    }

    @Test
    void write_withAnotherMissingToken_keepsEmptyTextPresent() {
        Path file = dir.resolve("t.csv");
        Frame frame = Frame.of(TextColumn.of("t", "", null, "NA!"));
        CsvSink.newBuilder(file).missingToken("NA").build().write(frame);
        Frame back = CsvSource.newBuilder(file).missingTokens("NA").schema(frame.schema()).build().read();
        assertEquals(frame.fingerprint(), back.fingerprint());
        assertEquals("", back.text("t").getString(0));
        assertTrue(back.column("t").isMissing(1));
    }

    @Test
    void write_loneSurrogate_isRefusedRatherThanWrittenAsQuestionMark() {
        Frame frame = Frame.of(TextColumn.of("t", "ok", "broken \uD83D here"));
        DataException e = assertThrows(DataException.class, () -> CsvSink.of(dir.resolve("t.csv")).write(frame));
        assertTrue(e.getMessage().contains("UTF-8 cannot encode"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3, column 't'"), e.getMessage());
    }

    @Test
    void write_latin1_refusesCharactersItCannotHold() {
        CsvSink sink = CsvSink.newBuilder(dir.resolve("t.csv")).encoding("ISO-8859-1").build();
        sink.write(Frame.of(TextColumn.of("t", "café")));
        DataException e = assertThrows(DataException.class, () -> sink.write(Frame.of(TextColumn.of("t", "日本"))));
        assertTrue(e.getMessage().contains("ISO-8859-1 cannot encode"), e.getMessage());
    }

    @Test
    void write_delimiterInTextWithQuotingOff_isRefused() {
        CsvSink sink = CsvSink.newBuilder(dir.resolve("t.tsv")).delimiter('\t').quote(null).build();
        DataException e = assertThrows(DataException.class,
                () -> sink.write(Frame.of(TextColumn.of("t", "a\tb"))));
        assertTrue(e.getMessage().contains("Set a quote character"), e.getMessage());
    }

    @Test
    void write_batches_writesEveryBatchInOrder() {
        Path in = Path.of("../samples/src/main/resources/datasets/credit-g.csv");
        Path out = dir.resolve("credit.csv.gz");
        CsvSource source = CsvSource.of(in);
        long rows;
        try (FrameBatches batches = source.batches(97)) {
            rows = CsvSink.of(out).write(batches);
        }
        Frame original = source.read();
        assertEquals(original.rowCount(), rows);
        Frame back = CsvSource.newBuilder(out).schema(original.schema()).build().read();
        assertEquals(original.fingerprint(), back.fingerprint());
    }

    @Test
    void write_gzName_isCompressed() throws IOException {
        Path file = dir.resolve("s.csv.gz");
        CsvSink.of(file).write(Frame.of(LongColumn.of("n", 7)));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            assertEquals("n\n7\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void writer_batchWithOtherColumns_isRefusedNamingBoth() {
        try (FrameWriter w = CsvSink.of(dir.resolve("t.csv")).open(Frame.of(LongColumn.of("n", 1)).schema())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.write(Frame.of(DoubleColumn.of("n", 1))));
            assertTrue(e.getMessage().contains("[n numeric]") && e.getMessage().contains("[n integer]"),
                    e.getMessage());
        }
    }

    @Test
    void writer_afterClose_refusesMoreRows() {
        Frame frame = Frame.of(LongColumn.of("n", 1));
        FrameWriter w = CsvSink.of(dir.resolve("t.csv")).open(frame.schema());
        w.write(frame);
        w.close();
        w.close();
        assertEquals(1, w.rowCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(frame));
        assertTrue(e.getMessage().contains("t.csv is closed")
                && e.getMessage().contains("open the sink again"), e.getMessage());
    }

    @Test
    void writer_aborted_leavesTheEarlierFileAsItWas() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "before\n");
        Frame frame = Frame.of(LongColumn.of("n", 1));
        FrameWriter w = CsvSink.of(file).open(frame.schema());
        w.write(frame);
        w.abort();
        w.close();
        assertEquals("before\n", Files.readString(file));
        assertEquals(0, leftovers());
    }

    @Test
    void open_whereNoFolderCanBe_namesThePath() throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        Path file = blocker.resolve("out.csv");
        DataException e = assertThrows(DataException.class, () -> CsvSink.of(file).write(scored()));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Check that the folder"), e.getMessage());
    }

    @Test
    void options_roundTripThroughJson() {
        CsvSinkOptions options = CsvSinkOptions.newBuilder().delimiter(';').quote(null).missingToken("NA")
                .lineSeparator("\r\n").encoding("ISO-8859-1").header(false).build();
        assertEquals(options, CsvSinkOptions.fromJson(options.toJson()));
        assertEquals(CsvSinkOptions.defaults(), CsvSink.of(dir.resolve("x.csv")).options());
    }

    @Test
    void options_missingTokenThatReadsAsAValue_isRefused() {
        for (String token : new String[] {"0", "-1.5", "true", "2024-01-01", "Infinity"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CsvSinkOptions.newBuilder().missingToken(token).build(), token);
            assertTrue(e.getMessage().contains("reads as a value"), e.getMessage());
        }
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> CsvSinkOptions.newBuilder().missingToken("a,b").build());
        assertTrue(thrown.getMessage().contains("missing token 'a,b'")
                && thrown.getMessage().contains("choose plain text"), thrown.getMessage());
        IllegalArgumentException thrown2 = assertThrows(IllegalArgumentException.class,
                () -> CsvSinkOptions.newBuilder().lineSeparator("\r").build());
        assertTrue(thrown2.getMessage().contains("line separator")
                && thrown2.getMessage().contains("got \"\\r\""), thrown2.getMessage());
    }

    /** Temporary files left beside the output. */
    private long leftovers() {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
