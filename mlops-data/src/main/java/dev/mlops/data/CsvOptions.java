package dev.mlops.data;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Json;
import dev.mlops.api.Schema;
import dev.mlops.data.internal.Inputs;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code types} overrides the inferred type of a column, {@code roles} sets a column's role (e.g. LABEL).
 *
 * @param header whether the first record names the columns (else they are {@code column_1}, {@code column_2}, ...)
 * @param delimiter the field separator
 * @param quote the quote character, or null for none
 * @param escape the escape character, or null for none (a quote inside quotes is then written twice)
 * @param encoding the character set name; a UTF-8 byte-order mark is skipped
 * @param missingTokens cell texts that mean "missing" (matched exactly, before any parsing)
 * @param sampleRows how many data rows type inference reads
 * @param categoricalMaxDistinct the most distinct values a string column may show in the sample to be CATEGORICAL
 * @param types type overrides by column name
 * @param roles roles by column name (columns not named are features)
 * @param badRowPolicy what to do with a row that cannot be read
 * @param rejectionSampleSize how many rejected rows the ingest report keeps (counts are always exact)
 * @param fastPath whether plain records (no quote character, no escape set) are split by the SDK's own scanner,
 *     handing over to Commons CSV at the first quoted record (see {@code docs/decisions/013}); the result is the
 *     same either way
 */
public record CsvOptions(boolean header, char delimiter, Character quote, Character escape, String encoding,
        List<String> missingTokens, int sampleRows, int categoricalMaxDistinct, Map<String, FieldType> types,
        Map<String, FieldRole> roles, BadRowPolicy badRowPolicy, int rejectionSampleSize,
        boolean fastPath) {

    /** The default missing-value tokens: the empty cell, {@code NA} and {@code ?}. */
    public static final List<String> DEFAULT_MISSING_TOKENS = List.of("", "NA", "?");

    /** Checks the options as a whole and copies the collections. */
    public CsvOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(badRowPolicy, "badRowPolicy");
        missingTokens = List.copyOf(missingTokens == null ? DEFAULT_MISSING_TOKENS : missingTokens);
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types == null ? Map.of() : types));
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles == null ? Map.of() : roles));
        if (delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("The delimiter cannot be a line break");
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
        if (sampleRows < 1) {
            throw new IllegalArgumentException("sampleRows must be at least 1, got " + sampleRows);
        }
        if (categoricalMaxDistinct < 0) {
            throw new IllegalArgumentException("categoricalMaxDistinct must be >= 0, got " + categoricalMaxDistinct);
        }
        if (rejectionSampleSize < 0) {
            throw new IllegalArgumentException("rejectionSampleSize must be >= 0, got " + rejectionSampleSize);
        }
        for (Map.Entry<String, FieldType> e : types.entrySet()) {
            Objects.requireNonNull(e.getValue(), () -> "type of column " + e.getKey());
        }
        for (Map.Entry<String, FieldRole> e : roles.entrySet()) {
            Objects.requireNonNull(e.getValue(), () -> "role of column " + e.getKey());
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
    public static final class Builder {
        private boolean header = true;
        private char delimiter = ',';
        private Character quote = '"';
        private Character escape;
        private String encoding = "UTF-8";
        private List<String> missingTokens = DEFAULT_MISSING_TOKENS;
        private int sampleRows = 1000;
        private int categoricalMaxDistinct = 50;
        private final Map<String, FieldType> types = new LinkedHashMap<>();
        private final Map<String, FieldRole> roles = new LinkedHashMap<>();
        private BadRowPolicy badRowPolicy = BadRowPolicy.FAIL_FAST;
        private int rejectionSampleSize = 100;
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
            sampleRows = o.sampleRows;
            categoricalMaxDistinct = o.categoricalMaxDistinct;
            types.putAll(o.types);
            roles.putAll(o.roles);
            badRowPolicy = o.badRowPolicy;
            rejectionSampleSize = o.rejectionSampleSize;
            fastPath = o.fastPath;
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

        /** How many data rows type inference reads (default 1000). */
        public Builder sampleRows(int rows) {
            this.sampleRows = rows;
            return this;
        }

        /** The most distinct sample values of a CATEGORICAL column (default 50). */
        public Builder categoricalMaxDistinct(int max) {
            this.categoricalMaxDistinct = max;
            return this;
        }

        /**
         * Reads every column of a schema with its type and role, as written by a sink (names it does not hold are an
         * error when reading).
         */
        public Builder schema(Schema schema) {
            for (Field f : schema.fields()) {
                type(f.name(), f.type());
                role(f.name(), f.role());
            }
            return this;
        }

        /** Reads a column as this type instead of inferring it. */
        public Builder type(String column, FieldType type) {
            types.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** Gives a column a role (e.g. {@link FieldRole#LABEL}). */
        public Builder role(String column, FieldRole role) {
            roles.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(role, "role"));
            return this;
        }

        /** What to do with a row that cannot be read (default {@link BadRowPolicy#FAIL_FAST}). */
        public Builder badRowPolicy(BadRowPolicy policy) {
            this.badRowPolicy = policy;
            return this;
        }

        /** How many rejected rows the report keeps (default 100). */
        public Builder rejectionSampleSize(int size) {
            this.rejectionSampleSize = size;
            return this;
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
            return new CsvOptions(header, delimiter, quote, escape, encoding, missingTokens, sampleRows,
                    categoricalMaxDistinct, types, roles, badRowPolicy, rejectionSampleSize, fastPath);
        }
    }
}
