package dev.mlops.data;

import dev.mlops.api.DataSource;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FrameBatches;
import dev.mlops.data.internal.Inputs;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A JSON Lines file (one JSON object per line) read with Jackson's streaming parser into typed frames. Nested
 * objects become dotted columns ({@code {"a": {"b": 1}}} is {@code a.b}) or are rejected, arrays are kept as their
 * JSON text or rejected, as {@link JsonLinesOptions} says. Gzip input is detected by its magic bytes.
 *
 * <pre>{@code
 * Ingest events = JsonLinesSource.newBuilder(Path.of("events.jsonl")).role("label", FieldRole.LABEL).build().ingest();
 * }</pre>
 *
 * <p>Each line is parsed on its own, so a broken line is rejected (or fails the read) without losing the lines
 * after it. Immutable and thread-safe: each {@link #batches(int)} call opens the input afresh.
 */
public final class JsonLinesSource implements DataSource {
    private final String name;
    private final Inputs.ByteSource input;
    private final JsonLinesOptions options;

    private JsonLinesSource(String name, Inputs.ByteSource input, JsonLinesOptions options) {
        this.name = name;
        this.input = input;
        this.options = options;
    }

    /** A file with the default options. */
    public static JsonLinesSource of(Path path) {
        return newBuilder(path).build();
    }

    /** A URL, such as a classpath resource, with the default options. */
    public static JsonLinesSource of(URL url) {
        return newBuilder(url).build();
    }

    /** A builder for a file. */
    public static Builder newBuilder(Path path) {
        Objects.requireNonNull(path, "path");
        return new Builder(path.toString(), () -> Files.newInputStream(path));
    }

    /** A builder for a URL, such as a classpath resource. */
    public static Builder newBuilder(URL url) {
        Objects.requireNonNull(url, "url (a classpath resource that does not exist is null)");
        return new Builder(url.toString(), url::openStream);
    }

    /** The options this source reads with. */
    public JsonLinesOptions options() {
        return options;
    }

    /** This source with other options; {@code this} when they are equal. */
    public JsonLinesSource withOptions(JsonLinesOptions newOptions) {
        return newOptions.equals(options) ? this : new JsonLinesSource(name, input, newOptions);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Opens the file and reads the type-inference sample; batches are then read lazily.
     *
     * @throws dev.mlops.api.DataException when the file cannot be opened or is empty
     */
    @Override
    public FrameBatches batches(int rowsPerBatch) {
        return new JsonLinesReader(name, input, options, rowsPerBatch);
    }

    @Override
    public String toString() {
        return "JsonLinesSource[" + name + "]";
    }

    /** Builds a {@link JsonLinesSource}. Not thread-safe. */
    public static final class Builder extends IngestBuilder<Builder> {
        private String name;
        private final Inputs.ByteSource input;
        private JsonLinesOptions.Builder options = JsonLinesOptions.newBuilder();

        Builder(String name, Inputs.ByteSource input) {
            this.name = name;
            this.input = input;
        }

        /** Replaces every option with these. */
        public Builder options(JsonLinesOptions newOptions) {
            this.options = newOptions.toBuilder();
            return ingest(newOptions.ingest());
        }

        /** The name used in reports and messages (default: the path or URL). */
        public Builder name(String newName) {
            this.name = Objects.requireNonNull(newName, "name");
            return this;
        }

        /** See {@link JsonLinesOptions.Builder#encoding(String)}. */
        public Builder encoding(String encoding) {
            options.encoding(encoding);
            return this;
        }

        /** See {@link JsonLinesOptions.Builder#objects(JsonLinesOptions.ObjectHandling)}. */
        public Builder objects(JsonLinesOptions.ObjectHandling handling) {
            options.objects(handling);
            return this;
        }

        /** See {@link JsonLinesOptions.Builder#arrays(JsonLinesOptions.ArrayHandling)}. */
        public Builder arrays(JsonLinesOptions.ArrayHandling handling) {
            options.arrays(handling);
            return this;
        }

        /** The source; throws {@link IllegalArgumentException} when the options are out of range. */
        public JsonLinesSource build() {
            return new JsonLinesSource(name, input, options.ingest(ingestSettings()).build());
        }
    }
}
