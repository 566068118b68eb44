package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.LongColumn;
import dev.mlops.api.Schema;
import dev.mlops.api.TextColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest {
    @TempDir
    Path dir;

    @Test
    void write_frame_givesOneObjectPerRowWithEveryKeyAndNullForMissing() throws IOException {
        Path file = dir.resolve("scored.jsonl");
        Frame frame = Frame.of(
                LongColumn.of("id", 1, 2),
                DoubleColumn.of("score", 0.1, Double.NaN),
                CategoricalColumn.of("label", "good", null),
                BooleanColumn.of("flag", true, null),
                TextColumn.of("note", "said \"hi\"\n\ttab \\ é 😀", "\u0001"),
                LongColumn.ofInstants("at", Instant.parse("2024-03-01T12:30:00.250Z"), null));
        assertEquals(2, JsonLinesSink.of(file).write(frame));
        assertEquals("""
                {"id":1,"score":0.1,"label":"good","flag":true,"note":"said \\"hi\\"\\n\\ttab \\\\ é 😀","at":"2024-03-01T12:30:00.250Z"}
                {"id":2,"score":null,"label":null,"flag":null,"note":"\\u0001","at":null}
                """, Files.readString(file));
        Frame back = JsonLinesSource.newBuilder(file).schema(frame.schema()).build().read();
        assertEquals(frame.fingerprint(), back.fingerprint());
    }

    @Test
    void write_infinities_asStringsSinceJsonHasNoNumberForThem() throws IOException {
        Path file = dir.resolve("inf.jsonl");
        JsonLinesSink.of(file).write(Frame.of(DoubleColumn.of("x", Double.POSITIVE_INFINITY, -1e-300)));
        assertEquals("{\"x\":\"Infinity\"}\n{\"x\":-1.0E-300}\n", Files.readString(file));
    }

    @Test
    void write_batches_writesEveryBatchInOrder() {
        Path in = Path.of("../samples/src/main/resources/datasets/vote.csv");
        Path out = dir.resolve("vote.jsonl.gz");
        CsvSource source = CsvSource.of(in);
        try (FrameBatches batches = source.batches(50)) {
            JsonLinesSink.of(out).write(batches);
        }
        Frame original = source.read();
        Frame back = JsonLinesSource.newBuilder(out).schema(original.schema()).build().read();
        assertEquals(original.rowCount(), back.rowCount());
        assertEquals(original.fingerprint(), back.fingerprint());
    }

    @Test
    void write_loneSurrogate_isRefusedNamingColumnAndLine() {
        Frame frame = Frame.of(TextColumn.of("t", "ok", "\uDC00"));
        DataException e = assertThrows(DataException.class,
                () -> JsonLinesSink.of(dir.resolve("t.jsonl")).write(frame));
        assertTrue(e.getMessage().contains("line 2, column 't'"), e.getMessage());
    }

    @Test
    void write_noRows_givesAnEmptyFileThatCarriesNoSchema() throws IOException {
        Path file = dir.resolve("empty.jsonl");
        assertEquals(0, JsonLinesSink.of(file).write(Frame.empty(Schema.of(dev.mlops.api.Field.numeric("x")))));
        assertEquals("", Files.readString(file));
        DataException e = assertThrows(DataException.class, () -> JsonLinesSource.of(file).read());
        assertTrue(e.getMessage().contains("Empty input")
                && e.getMessage().contains("empty.jsonl at line 1")
                && e.getMessage().contains("written completely"), e.getMessage());
    }
}
