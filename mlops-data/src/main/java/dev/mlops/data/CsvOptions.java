package dev.mlops.data;

import dev.mlops.api.Json;
import dev.mlops.data.internal.Inputs;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link CsvSource} reads: the dialect, the encoding, missing-value tokens, type inference and what to do with
 * bad rows. Immutable; build with {@link #newBuilder()}, copy with {@link #toBuilder()}, and round-trip through JSON
 * with {@link #toJson()} / {@link #fromJson(String)}.
 *
 * <p>Type inference looks at the first {@code sampleRows} data rows (see {@code docs/decisions/010}): a column is
 * BOOLEAN when every present value is {@code true}/{@code false} (any case), INTEGER when each fits a long, NUMERIC
 * when each is a decimal number, TIMESTAMP when each is an ISO-8601 date ({@code 2024-03-01}) or date-time
 * ({@code 2024-03-01T12:30:00}, a space instead of {@code T}, optional fraction and offset; no offset means UTC),
 * CATEGORICAL when the sample shows at most {@code categoricalMaxDistinct} distinct values, TEXT otherwise.
 * The ingest settings' {@code types} override the inferred type of a column, its {@code roles} set a column's role
 * (e.g. LABEL).
 *
 * @param header whether the first record names the columns (else they are {@code column_1}, {@code column_2}, ...)
 * @param delimiter the field separator
 * @param quote the quote character, or null for none
 * @param escape the escape character, or null for none (a quote inside quotes is then written twice)
 * @param encoding the character set name; a UTF-8 byte-order mark is skipped
 * @param missingTokens cell texts that mean "missing" (matched exactly, before any parsing)
 * @param fastPath whether plain records (no quote character, no escape set) are split by the SDK's own scanner,
 *     handing over to Commons CSV at the first quoted record (see {@code docs/decisions/013}); the result is the
 *     same either way
 * @param ingest how many data rows type inference reads (at least 1), type and role overrides, and what to do with
 *     a row that cannot be read
 */
public record CsvOptions(boolean header, char delimiter, Character quote, Character escape, String encoding,
        List<String> missingTokens, boolean fastPath, IngestSettings ingest) {

    /** The default missing-value tokens: the empty cell, {@code NA} and {@code ?}. */
    public static final List<String> DEFAULT_MISSING_TOKENS = List.of("", "NA", "?");

    /** Checks the options as a whole and copies the collections. */
    public CsvOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(ingest, "ingest");
        missingTokens = List.copyOf(missingTokens == null ? DEFAULT_MISSING_TOKENS : missingTokens);
        if (delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("The delimiter cannot be a line break, got '"
                    + (delimiter == '\n' ? "\\n" : "\\r") + "'; use a character such as ',', ';' or '\\t'");
        }
        if (quote != null && (quote == delimiter || quote == '\n' || quote == '\r')) {
            throw new IllegalArgumentException("The quote character '" + quote
                    + "' must differ from the delimiter and from line breaks");
        }
        if (escape != null && (escape == delimiter || escape == '\n' || escape == '\r')) {
            throw new IllegalArgumentException("The escape character '" + escape
                    + "' must differ from the delimiter and from line breaks");
        }
        Inputs.checkEncoding(encoding);
        if (ingest.sampleRows() < 1) {
            throw new IllegalArgumentException("sampleRows must be at least 1, got " + ingest.sampleRows());
        }
    }

    /** The defaults: a header, comma, double quote, no escape, UTF-8, tokens {@code "", NA, ?}, 1000 sample rows, 50 categories, fail fast. */
    public static CsvOptions defaults() {
        return newBuilder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The character set named by {@link #encoding()}. */
    public Charset charset() {
        return Charset.forName(encoding);
    }

    /** These options as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Options read from JSON written by {@link #toJson()}. */
    public static CsvOptions fromJson(String json) {
        return Json.read(json, CsvOptions.class);
    }

    /** Builds {@link CsvOptions}; every check happens in {@link #build()}. Not thread-safe. */
    public static final class Builder extends IngestBuilder<Builder> {
        private boolean header = true;
        private char delimiter = ',';
        private Character quote = '"';
        private Character escape;
        private String encoding = "UTF-8";
        private List<String> missingTokens = DEFAULT_MISSING_TOKENS;
        private boolean fastPath = true;

        Builder() {
        }

        Builder(CsvOptions o) {
            header = o.header;
            delimiter = o.delimiter;
            quote = o.quote;
            escape = o.escape;
            encoding = o.encoding;
            missingTokens = o.missingTokens;
            fastPath = o.fastPath;
            ingest(o.ingest);
        }

        /** Whether the first record is a header (default true). */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** The field separator (default comma). */
        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /** The quote character, or null for none (default double quote). */
        public Builder quote(Character quote) {
            this.quote = quote;
            return this;
        }

        /** The escape character, or null for none (the default). */
        public Builder escape(Character escape) {
            this.escape = escape;
            return this;
        }

        /** The character set (default UTF-8). */
        public Builder encoding(String encoding) {
            this.encoding = encoding;
            return this;
        }

        /** The character set (default UTF-8). */
        public Builder encoding(Charset encoding) {
            this.encoding = encoding.name();
            return this;
        }

        /** The cell texts that mean missing (default {@code "", NA, ?}). */
        public Builder missingTokens(List<String> tokens) {
            this.missingTokens = List.copyOf(tokens);
            return this;
        }

        /** The cell texts that mean missing (default {@code "", NA, ?}). */
        public Builder missingTokens(String... tokens) {
            return missingTokens(List.of(tokens));
        }

        /** Whether plain records take the fast scanner (default true); false reads everything with Commons CSV. */
        public Builder fastPath(boolean enabled) {
            this.fastPath = enabled;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when a setting is out of range or settings conflict
         */
        public CsvOptions build() {
            return new CsvOptions(header, delimiter, quote, escape, encoding, missingTokens, fastPath,
                    ingestSettings());
        }
    }
}
