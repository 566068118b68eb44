package dev.mlops.data;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataSource;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FrameBatches;
import dev.mlops.data.internal.Inputs;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A CSV file (or classpath resource) read with Apache Commons CSV into typed frames.
 *
 * <pre>{@code
 * Ingest credit = CsvSource.of(Path.of("credit-g.csv")).ingest();
 * CsvSource labelled = CsvSource.newBuilder(path).role("class", FieldRole.LABEL)
 *         .badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
 * try (FrameBatches batches = labelled.batches(100_000)) { ... }   // larger than memory
 * }</pre>
 *
 * <p>Column types are inferred from a sample of the first rows (see {@link CsvOptions}); every decision the reader
 * takes on its own (inferred types, a byte-order mark skipped, gzip detected, columns renamed) is a note in the
 * {@link dev.mlops.api.IngestReport}. Gzip input is detected by its magic bytes. A row that cannot be read fails
 * the read or is counted in the report, as {@link IngestSettings#badRowPolicy()} says; problems with the file as a
 * whole (missing, empty, unreadable header) always throw {@link dev.mlops.api.DataException}.
 *
 * <p>Immutable and thread-safe: each {@link #batches(int)} call opens the input afresh.
 */
public final class CsvSource implements DataSource {
    private final String name;
    private final Inputs.ByteSource input;
    private final CsvOptions options;

    private CsvSource(String name, Inputs.ByteSource input, CsvOptions options) {
        this.name = name;
        this.input = input;
        this.options = options;
    }

    /** A file with the default options. */
    public static CsvSource of(Path path) {
        return newBuilder(path).build();
    }

    /** A URL, such as a classpath resource from {@code getResource}, with the default options. */
    public static CsvSource of(URL url) {
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
    public CsvOptions options() {
        return options;
    }

    /** This source with other options; {@code this} when they are equal. */
    public CsvSource withOptions(CsvOptions newOptions) {
        return newOptions.equals(options) ? this : new CsvSource(name, input, newOptions);
    }

    /** A builder starting from this source. */
    public Builder toBuilder() {
        return new Builder(name, input).options(options);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Opens the file and reads the header and the type-inference sample; batches are then read lazily.
     *
     * @throws dev.mlops.api.DataException when the file cannot be opened, is empty, or (failing fast) a sample row
     *     is bad
     */
    @Override
    public FrameBatches batches(int rowsPerBatch) {
        return new CsvReader(name, input, options, rowsPerBatch);
    }

    @Override
    public String toString() {
        return "CsvSource[" + name + "]";
    }

    /** Builds a {@link CsvSource}; the options are checked in {@link #build()}. Not thread-safe. */
    public static final class Builder extends IngestBuilder<Builder> {
        private String name;
        private final Inputs.ByteSource input;
        private CsvOptions.Builder options = CsvOptions.newBuilder();

        Builder(String name, Inputs.ByteSource input) {
            this.name = name;
            this.input = input;
        }

        /** Replaces every option with these. */
        public Builder options(CsvOptions newOptions) {
            this.options = newOptions.toBuilder();
            return ingest(newOptions.ingest());
        }

        /** The name used in reports and messages (default: the path or URL). */
        public Builder name(String newName) {
            this.name = Objects.requireNonNull(newName, "name");
            return this;
        }

        /** See {@link CsvOptions.Builder#header(boolean)}. */
        public Builder header(boolean header) {
            options.header(header);
            return this;
        }

        /** See {@link CsvOptions.Builder#delimiter(char)}. */
        public Builder delimiter(char delimiter) {
            options.delimiter(delimiter);
            return this;
        }

        /** See {@link CsvOptions.Builder#quote(Character)}. */
        public Builder quote(Character quote) {
            options.quote(quote);
            return this;
        }

        /** See {@link CsvOptions.Builder#escape(Character)}. */
        public Builder escape(Character escape) {
            options.escape(escape);
            return this;
        }

        /** See {@link CsvOptions.Builder#encoding(String)}. */
        public Builder encoding(String encoding) {
            options.encoding(encoding);
            return this;
        }

        /** See {@link CsvOptions.Builder#missingTokens(String...)}. */
        public Builder missingTokens(String... tokens) {
            options.missingTokens(tokens);
            return this;
        }

        /** See {@link CsvOptions.Builder#fastPath(boolean)}. */
        public Builder fastPath(boolean enabled) {
            options.fastPath(enabled);
            return this;
        }

        /**
         * The source.
         *
         * @throws IllegalArgumentException when the options conflict or are out of range
         */
        public CsvSource build() {
            return new CsvSource(name, input, options.ingest(ingestSettings()).build());
        }
    }
}
