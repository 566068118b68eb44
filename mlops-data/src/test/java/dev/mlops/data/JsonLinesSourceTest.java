package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Ingest;
import dev.mlops.api.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSourceTest {
    @TempDir
    Path dir;

    Path write(String text) throws IOException {
        Path p = dir.resolve("data.jsonl");
        Files.writeString(p, text);
        return p;
    }

    static JsonLinesSource skipping(Path p) {
        return JsonLinesSource.newBuilder(p).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
    }

    @Test
    void ingest_scalars_inferTypesFromJsonKinds() throws IOException {
        Path p = write("{\"i\": 1, \"d\": 1.5, \"b\": true, \"s\": \"x\", \"t\": \"2024-03-01\", \"n\": null}\n"
                + "{\"i\": 2, \"d\": 2, \"b\": false, \"s\": \"y\", \"t\": \"2024-03-02T10:00:00Z\"}\n"
                + "\n"
                + "{\"i\": null, \"d\": -3e2, \"s\": \"x\", \"t\": null, \"n\": \"late\"}\n");
        Ingest ingest = JsonLinesSource.of(p).ingest();
        Frame f = ingest.frame();
        Schema s = f.schema();
        assertEquals(List.of("i", "d", "b", "s", "t", "n"), f.columnNames());
        assertEquals(FieldType.INTEGER, s.field("i").type());
        assertEquals(FieldType.NUMERIC, s.field("d").type());
        assertEquals(FieldType.BOOLEAN, s.field("b").type());
        assertEquals(FieldType.CATEGORICAL, s.field("s").type());
        assertEquals(FieldType.TIMESTAMP, s.field("t").type());
        assertEquals(3, f.rowCount());
        assertTrue(f.longs("i").isMissing(2));
        assertTrue(f.booleans("b").isMissing(2));
        assertEquals(-300.0, f.doubles("d").getDouble(2));
        assertEquals(Instant.parse("2024-03-02T10:00:00Z"), f.longs("t").getInstant(1));
        assertEquals("late", f.column("n").value(2));
        assertTrue(ingest.report().isClean());
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("blank lines")));
    }

    @Test
    void ingest_nestedObjects_areFlattenedWithDottedNames() throws IOException {
        Path p = write("{\"user\": {\"age\": 30, \"geo\": {\"cc\": \"DE\"}}, \"y\": 1}\n"
                + "{\"user\": {\"age\": 41}, \"y\": 0}\n");
        Frame f = JsonLinesSource.newBuilder(p).role("y", FieldRole.LABEL).build().read();
        assertEquals(List.of("user.age", "user.geo.cc", "y"), f.columnNames());
        assertEquals(41L, f.longs("user.age").getLong(1));
        assertTrue(f.column("user.geo.cc").isMissing(1));
        assertEquals(FieldRole.LABEL, f.schema().field("y").role());
    }

    @Test
    void ingest_nestedObjects_rejectedByOption() throws IOException {
        Path p = write("{\"a\": 1}\n{\"a\": 2, \"o\": {\"x\": 1}}\n");
        Ingest ingest = JsonLinesSource.newBuilder(p).objects(JsonLinesOptions.ObjectHandling.REJECT)
                .badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build().ingest();
        assertEquals(1, ingest.frame().rowCount());
        assertEquals(1L, ingest.report().rejectionsByReason().get("nested-value"));
        assertEquals("o", ingest.report().sample().get(0).column());
        assertEquals("{\"x\": 1}", ingest.report().sample().get(0).rawValue());
    }

    @Test
    void ingest_arrays_keptAsTextOrRejected() throws IOException {
        Path p = write("{\"a\": [1, 2], \"b\": 1}\n");
        Frame f = JsonLinesSource.of(p).read();
        assertEquals(FieldType.TEXT, f.schema().field("a").type());
        assertEquals("[1, 2]", f.column("a").value(0));
        DataException e = assertThrows(DataException.class, () -> JsonLinesSource.newBuilder(p)
                .arrays(JsonLinesOptions.ArrayHandling.REJECT).build().read());
        assertEquals(1, e.line());
        assertEquals("a", e.column().orElseThrow());
    }

    @Test
    void brokenLines_failFast_namesTheLine() throws IOException {
        Path p = write("{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n");
        DataException e = assertThrows(DataException.class, () -> JsonLinesSource.of(p).read());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("Broken JSON"), e.getMessage());
    }

    @Test
    void brokenLines_skip_keepTheLinesAfterThem() throws IOException {
        Path p = write("{\"a\": 1}\n{\"a\": 2\n[1]\n{\"a\": 3} x\n{\"a\": 4, \"a\": 5}\n{\"a\": 6}\n");
        Ingest ingest = skipping(p).ingest();
        assertEquals(List.of(1L, 6L), List.of(ingest.frame().longs("a").getLong(0), ingest.frame().longs("a").getLong(1)));
        assertEquals(4, ingest.report().rowsRejected());
        assertEquals(4L, ingest.report().rejectionsByReason().get("malformed"));
        assertEquals(List.of(2L, 3L, 4L, 5L), ingest.report().sample().stream().map(r -> r.line()).toList());
    }

    @Test
    void badValue_afterSample_isRejectedWithColumnAndValue() throws IOException {
        Path p = write("{\"a\": 1}\n{\"a\": \"x\"}\n");
        Ingest ingest = JsonLinesSource.newBuilder(p).sampleRows(1).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT)
                .build().ingest();
        assertEquals(1L, ingest.report().rejectionsByReason().get("bad-integer"));
        assertEquals("x", ingest.report().sample().get(0).rawValue());
    }

    @Test
    void keyAfterSample_isNotedNotSilentlyDropped() throws IOException {
        Path p = write("{\"a\": 1}\n{\"a\": 2, \"late\": 3}\n");
        Ingest ingest = JsonLinesSource.newBuilder(p).sampleRows(1).build().ingest();
        assertTrue(ingest.report().notes().stream().anyMatch(n -> n.contains("key 'late' first seen at line 2")));
        Frame typed = JsonLinesSource.newBuilder(p).sampleRows(1).type("late", FieldType.INTEGER).build().read();
        assertEquals(3L, typed.longs("late").getLong(1));
    }

    @Test
    void invalidUtf8_isRejectedAsInvalidEncoding() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.write("{\"a\": \"ok\"}\n{\"a\": \"".getBytes(StandardCharsets.UTF_8));
        buf.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        buf.write("\"}\n{\"a\": \"fine\"}\n".getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("u.jsonl");
        Files.write(p, buf.toByteArray());
        Ingest ingest = skipping(p).ingest();
        assertEquals(2, ingest.frame().rowCount());
        assertEquals(1L, ingest.report().rejectionsByReason().get("invalid-encoding"));
        assertEquals(2, ingest.report().sample().get(0).line());
    }

    @Test
    void emptyFile_throws() throws IOException {
        Path p = write("");
        DataException e = assertThrows(DataException.class, () -> skipping(p).read());
        assertTrue(e.getMessage().contains("Empty input")
                && e.getMessage().contains("data.jsonl at line 1")
                && e.getMessage().contains("written completely"), e.getMessage());
    }

    @Test
    void options_jsonRoundTrip_isEqual() {
        JsonLinesOptions o = JsonLinesOptions.newBuilder().objects(JsonLinesOptions.ObjectHandling.REJECT)
                .arrays(JsonLinesOptions.ArrayHandling.REJECT).sampleRows(3).type("a", FieldType.TEXT)
                .role("a", FieldRole.ID).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
        assertEquals(o, JsonLinesOptions.fromJson(o.toJson()));
        assertEquals(o, o.toBuilder().build());
    }
}
