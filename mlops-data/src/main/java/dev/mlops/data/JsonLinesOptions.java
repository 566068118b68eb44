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
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link JsonLinesSource} reads: one JSON object per line. Immutable; {@link #newBuilder()},
 * {@link #toBuilder()}, JSON round trip with {@link #toJson()} / {@link #fromJson(String)}.
 *
 * <p>Types are inferred from the first {@code sampleRows} lines: JSON booleans are BOOLEAN, whole numbers INTEGER,
 * other numbers NUMERIC (INTEGER and NUMERIC mixed are NUMERIC), strings TIMESTAMP when every one is an ISO-8601
 * date or date-time, else CATEGORICAL or TEXT by the number of distinct values as in {@link CsvOptions}; a column
 * that mixes strings and numbers is CATEGORICAL or TEXT alike, and arrays kept as text make a TEXT column. {@code null} and absent keys are missing. A key first seen after the sample is not read (the
 * report notes it) unless {@code types} names it.
 *
 * @param encoding the character set name
 * @param objects what to do with nested objects
 * @param arrays what to do with arrays
 * @param sampleRows how many lines type inference reads
 * @param categoricalMaxDistinct the most distinct strings of a CATEGORICAL column in the sample
 * @param types type overrides by column name (also adds columns the sample did not show)
 * @param roles roles by column name
 * @param badRowPolicy what to do with a line that cannot be read
 * @param rejectionSampleSize how many rejected lines the report keeps
 */
public record JsonLinesOptions(String encoding, ObjectHandling objects, ArrayHandling arrays, int sampleRows,
        int categoricalMaxDistinct, Map<String, FieldType> types, Map<String, FieldRole> roles,
        BadRowPolicy badRowPolicy, int rejectionSampleSize) {

    /** What to do with a nested object. */
    public enum ObjectHandling {
        /** Flatten it: {@code {"a": {"b": 1}}} is a column {@code a.b} (the default). */
        FLATTEN,
        /** Reject the line with reason {@code nested-value}. */
        REJECT
    }

    /** What to do with an array. */
    public enum ArrayHandling {
        /** Keep the array's JSON text as a TEXT value, e.g. {@code [1,2]} (the default). */
        AS_TEXT,
        /** Reject the line with reason {@code nested-value}. */
        REJECT
    }

    /** Checks the options as a whole and copies the maps. */
    public JsonLinesOptions {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(arrays, "arrays");
        Objects.requireNonNull(badRowPolicy, "badRowPolicy");
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types == null ? Map.of() : types));
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles == null ? Map.of() : roles));
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
    }

    /** The defaults: UTF-8, flatten objects, arrays as text, 1000 sample lines, 50 categories, fail fast. */
    public static JsonLinesOptions defaults() {
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
    public static JsonLinesOptions fromJson(String json) {
        return Json.read(json, JsonLinesOptions.class);
    }

    /** Builds {@link JsonLinesOptions}; checks happen in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private String encoding = "UTF-8";
        private ObjectHandling objects = ObjectHandling.FLATTEN;
        private ArrayHandling arrays = ArrayHandling.AS_TEXT;
        private int sampleRows = 1000;
        private int categoricalMaxDistinct = 50;
        private final Map<String, FieldType> types = new LinkedHashMap<>();
        private final Map<String, FieldRole> roles = new LinkedHashMap<>();
        private BadRowPolicy badRowPolicy = BadRowPolicy.FAIL_FAST;
        private int rejectionSampleSize = 100;

        Builder() {
        }

        Builder(JsonLinesOptions o) {
            encoding = o.encoding;
            objects = o.objects;
            arrays = o.arrays;
            sampleRows = o.sampleRows;
            categoricalMaxDistinct = o.categoricalMaxDistinct;
            types.putAll(o.types);
            roles.putAll(o.roles);
            badRowPolicy = o.badRowPolicy;
            rejectionSampleSize = o.rejectionSampleSize;
        }

        /** The character set (default UTF-8). */
        public Builder encoding(String encoding) {
            this.encoding = encoding;
            return this;
        }

        /** What to do with nested objects (default flatten). */
        public Builder objects(ObjectHandling handling) {
            this.objects = handling;
            return this;
        }

        /** What to do with arrays (default keep as text). */
        public Builder arrays(ArrayHandling handling) {
            this.arrays = handling;
            return this;
        }

        /** How many lines type inference reads (default 1000). */
        public Builder sampleRows(int rows) {
            this.sampleRows = rows;
            return this;
        }

        /** The most distinct sample strings of a CATEGORICAL column (default 50). */
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

        /** Reads a column (a dotted name for a nested value) as this type. */
        public Builder type(String column, FieldType type) {
            types.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** Gives a column a role. */
        public Builder role(String column, FieldRole role) {
            roles.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(role, "role"));
            return this;
        }

        /** What to do with a line that cannot be read (default fail fast). */
        public Builder badRowPolicy(BadRowPolicy policy) {
            this.badRowPolicy = policy;
            return this;
        }

        /** How many rejected lines the report keeps (default 100). */
        public Builder rejectionSampleSize(int size) {
            this.rejectionSampleSize = size;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} when a setting is out of range. */
        public JsonLinesOptions build() {
            return new JsonLinesOptions(encoding, objects, arrays, sampleRows, categoricalMaxDistinct, types, roles,
                    badRowPolicy, rejectionSampleSize);
        }
    }
}
