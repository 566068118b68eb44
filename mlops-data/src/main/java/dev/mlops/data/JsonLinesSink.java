package dev.mlops.data;

import dev.mlops.api.DataSink;
import dev.mlops.api.FrameWriter;
import dev.mlops.api.Schema;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A JSON Lines file (one JSON object per row, in UTF-8) written with Jackson's streaming generator, for other tools
 * and for {@link JsonLinesSource} to read back.
 *
 * <pre>{@code
 * JsonLinesSink.of(Path.of("scored.jsonl")).write(scored);
 * }</pre>
 *
 * <p>Every row has every column as a key, in schema order: missing values are {@code null}, numbers are JSON numbers
 * in the shortest text that parses to the same double ({@code Infinity} and {@code -Infinity}, which JSON cannot
 * hold, as those strings), integers in full, booleans as {@code true}/{@code false}, timestamps as ISO-8601 instant
 * strings in UTC, categories and text as JSON strings with Jackson's escaping. Text that UTF-8 cannot encode (a lone
 * surrogate) fails the write with a {@link dev.mlops.api.DataException} naming the column and line. A frame without
 * rows gives an empty file, which carries no schema: {@code JsonLinesSource} refuses it as empty input. The file
 * appears complete or not at all; a name ending in {@code .gz} is gzip-compressed.
 *
 * <p>Immutable and thread-safe: each {@link #open(Schema)} writes the file afresh, replacing it.
 */
public final class JsonLinesSink implements DataSink {
    private final Path path;

    private JsonLinesSink(Path path) {
        this.path = path;
    }

    /** A file. */
    public static JsonLinesSink of(Path path) {
        return new JsonLinesSink(Objects.requireNonNull(path, "path"));
    }

    @Override
    public String name() {
        return path.toString();
    }

    /**
     * Opens the file (a temporary one beside it until {@link FrameWriter#close()}).
     *
     * @throws dev.mlops.api.DataException naming the file when it cannot be created
     */
    @Override
    public FrameWriter open(Schema schema) {
        return new JsonLinesWriter(path, schema);
    }

    @Override
    public String toString() {
        return "JsonLinesSink[" + path + "]";
    }
}
