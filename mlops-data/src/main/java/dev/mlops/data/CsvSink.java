package dev.mlops.data;

import dev.mlops.api.DataSink;
import dev.mlops.api.FrameWriter;
import dev.mlops.api.Schema;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A CSV file written with Apache Commons CSV, for other tools and for {@link CsvSource} to read back.
 *
 * <pre>{@code
 * CsvSink.of(Path.of("scored.csv")).write(scored);
 * CsvSink.newBuilder(Path.of("rejected.tsv.gz")).delimiter('\t').missingToken("NA").build().write(quarantined);
 * }</pre>
 *
 * <p>Values are written so that they read back as they were: numbers in the shortest text that parses to the same
 * double ({@code 0.1}, {@code 1.0E-7}, {@code -0.0}, {@code Infinity}), integers in full, timestamps as ISO-8601
 * instants in UTC ({@code 2024-03-01T12:30:00.250Z}), booleans as {@code true}/{@code false}, text quoted when it
 * holds the delimiter, a quote or a line break, and missing values as {@link CsvSinkOptions#missingToken()}. A value
 * that could not be read back as written (text equal to the missing token, text the encoding cannot hold, a
 * delimiter in text when quoting is off) fails the write with a {@link dev.mlops.api.DataException} naming the
 * column and line, and the file is left as it was. The file appears complete or not at all (written beside it, then
 * moved into place); a name ending in {@code .gz} is gzip-compressed.
 *
 * <p>Immutable and thread-safe: each {@link #open(Schema)} writes the file afresh, replacing it.
 */
public final class CsvSink implements DataSink {
    private final Path path;
    private final CsvSinkOptions options;

    private CsvSink(Path path, CsvSinkOptions options) {
        this.path = path;
        this.options = options;
    }

    /** A file with the default options. */
    public static CsvSink of(Path path) {
        return newBuilder(path).build();
    }

    /** A builder for a file. */
    public static Builder newBuilder(Path path) {
        return new Builder(Objects.requireNonNull(path, "path"));
    }

    /** The options this sink writes with. */
    public CsvSinkOptions options() {
        return options;
    }

    /** This sink with other options; {@code this} when they are equal. */
    public CsvSink withOptions(CsvSinkOptions newOptions) {
        return newOptions.equals(options) ? this : new CsvSink(path, newOptions);
    }

    /** A builder starting from this sink. */
    public Builder toBuilder() {
        return new Builder(path).options(options);
    }

    @Override
    public String name() {
        return path.toString();
    }

    /**
     * Opens the file (a temporary one beside it until {@link FrameWriter#close()}) and writes the header.
     *
     * @throws dev.mlops.api.DataException naming the file when it cannot be created
     */
    @Override
    public FrameWriter open(Schema schema) {
        return new CsvWriter(path, schema, options);
    }

    @Override
    public String toString() {
        return "CsvSink[" + path + "]";
    }

    /** Builds a {@link CsvSink}; the options are checked in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final Path path;
        private CsvSinkOptions.Builder options = CsvSinkOptions.newBuilder();

        Builder(Path path) {
            this.path = path;
        }

        /** Replaces every option with these. */
        public Builder options(CsvSinkOptions newOptions) {
            this.options = newOptions.toBuilder();
            return this;
        }

        /** See {@link CsvSinkOptions.Builder#header(boolean)}. */
        public Builder header(boolean header) {
            options.header(header);
            return this;
        }

        /** See {@link CsvSinkOptions.Builder#delimiter(char)}. */
        public Builder delimiter(char delimiter) {
            options.delimiter(delimiter);
            return this;
        }

        /** See {@link CsvSinkOptions.Builder#quote(Character)}. */
        public Builder quote(Character quote) {
            options.quote(quote);
            return this;
        }

        /** See {@link CsvSinkOptions.Builder#missingToken(String)}. */
        public Builder missingToken(String token) {
            options.missingToken(token);
            return this;
        }

        /** See {@link CsvSinkOptions.Builder#encoding(String)}. */
        public Builder encoding(String encoding) {
            options.encoding(encoding);
            return this;
        }

        /** See {@link CsvSinkOptions.Builder#lineSeparator(String)}. */
        public Builder lineSeparator(String separator) {
            options.lineSeparator(separator);
            return this;
        }

        /**
         * The sink.
         *
         * @throws IllegalArgumentException when the options conflict or are out of range
         */
        public CsvSink build() {
            return new CsvSink(path, options.build());
        }
    }
}
