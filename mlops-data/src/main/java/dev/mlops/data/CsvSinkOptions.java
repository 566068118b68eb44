package dev.mlops.data;

import dev.mlops.api.Json;
import dev.mlops.data.internal.TextParsers;
import dev.mlops.data.internal.Inputs;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How a {@link CsvSink} writes: the dialect, the token for missing values and the encoding. Immutable; build with
 * {@link #newBuilder()}, copy with {@link #toBuilder()}, round-trip through JSON with {@link #toJson()} /
 * {@link #fromJson(String)}.
 *
 * <p>A {@link CsvSource} reads the file back when it is given the same delimiter and quote, {@code missingTokens}
 * of just this {@code missingToken}, and the schema ({@link CsvSource.Builder#schema}); see
 * {@code docs/decisions/073}.
 *
 * @param header whether the first record names the columns
 * @param delimiter the field separator
 * @param quote the quote character (a quote inside a quoted value is written twice), or null for none: values
 *     holding the delimiter or a line break are then refused
 * @param missingToken the text of a missing value; a present value equal to it is refused, since it would read
 *     back as missing
 * @param encoding the character set name; text it cannot encode is refused
 * @param lineSeparator what ends each record: {@code "\n"} or {@code "\r\n"}
 */
public record CsvSinkOptions(boolean header, char delimiter, Character quote, String missingToken, String encoding,
        String lineSeparator) {

    /** Checks the options as a whole. */
    public CsvSinkOptions {
        Objects.requireNonNull(missingToken, "missingToken");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(lineSeparator, "lineSeparator");
        if (delimiter == '\n' || delimiter == '\r' || quote != null && quote == delimiter) {
            throw new IllegalArgumentException("The delimiter '" + delimiter + "' must not be a line break or the"
                    + " quote character");
        }
        if (quote != null && (quote == '\n' || quote == '\r')) {
            throw new IllegalArgumentException("The quote character cannot be a line break");
        }
        if (!lineSeparator.equals("\n") && !lineSeparator.equals("\r\n")) {
            throw new IllegalArgumentException("The line separator must be \"\\n\" or \"\\r\\n\", got "
                    + Json.write(lineSeparator).strip());
        }
        TextParsers parsers = new TextParsers();
        if (parsers.parseDouble(missingToken) && !missingToken.equalsIgnoreCase("nan")
                || parsers.parseBoolean(missingToken) || parsers.parseTimestamp(missingToken)) {
            throw new IllegalArgumentException("The missing token '" + missingToken + "' reads as a value (a number,"
                    + " boolean or date); choose text that no value can be, such as \"\" or \"NA\"");
        }
        if (missingToken.indexOf(delimiter) >= 0 || quote != null && missingToken.indexOf(quote) >= 0
                || missingToken.indexOf('\n') >= 0 || missingToken.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("The missing token '" + missingToken + "' holds the delimiter, the"
                    + " quote or a line break; choose plain text such as \"\" or \"NA\"");
        }
        Inputs.checkEncoding(encoding);
    }

    /** The defaults: a header, comma, double quote, missing as the empty cell, UTF-8, {@code \n}. */
    public static CsvSinkOptions defaults() {
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
    public static CsvSinkOptions fromJson(String json) {
        return Json.read(json, CsvSinkOptions.class);
    }

    /** Builds {@link CsvSinkOptions}; every check happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private boolean header = true;
        private char delimiter = ',';
        private Character quote = '"';
        private String missingToken = "";
        private String encoding = "UTF-8";
        private String lineSeparator = "\n";

        Builder() {
        }

        Builder(CsvSinkOptions o) {
            header = o.header;
            delimiter = o.delimiter;
            quote = o.quote;
            missingToken = o.missingToken;
            encoding = o.encoding;
            lineSeparator = o.lineSeparator;
        }

        /** Whether the first record names the columns (default true). */
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

        /** The text of a missing value (default the empty cell). */
        public Builder missingToken(String token) {
            this.missingToken = token;
            return this;
        }

        /** The character set (default UTF-8). */
        public Builder encoding(String encoding) {
            this.encoding = encoding;
            return this;
        }

        /** What ends each record: {@code "\n"} (the default) or {@code "\r\n"}. */
        public Builder lineSeparator(String separator) {
            this.lineSeparator = separator;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when a setting is out of range or settings conflict
         */
        public CsvSinkOptions build() {
            return new CsvSinkOptions(header, delimiter, quote, missingToken, encoding, lineSeparator);
        }
    }
}
