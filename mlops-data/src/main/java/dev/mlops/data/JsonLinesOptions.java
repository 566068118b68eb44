package dev.mlops.data;

import dev.mlops.api.Json;
import dev.mlops.data.internal.Inputs;
import java.nio.charset.Charset;
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
 * @param ingest how many lines type inference reads (at least 1), type overrides by column name (a dotted name for
 *     a nested value; an override also adds a column the sample did not show), roles, and what to do with a line
 *     that cannot be read
 */
public record JsonLinesOptions(String encoding, ObjectHandling objects, ArrayHandling arrays,
        IngestSettings ingest) {

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
        Objects.requireNonNull(ingest, "ingest");
        Inputs.checkEncoding(encoding);
        if (ingest.sampleRows() < 1) {
            throw new IllegalArgumentException("sampleRows must be at least 1, got " + ingest.sampleRows());
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
    public static final class Builder extends IngestBuilder<Builder> {
        private String encoding = "UTF-8";
        private ObjectHandling objects = ObjectHandling.FLATTEN;
        private ArrayHandling arrays = ArrayHandling.AS_TEXT;

        Builder() {
        }

        Builder(JsonLinesOptions o) {
            encoding = o.encoding;
            objects = o.objects;
            arrays = o.arrays;
            ingest(o.ingest);
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

        /** The options; throws {@link IllegalArgumentException} when a setting is out of range. */
        public JsonLinesOptions build() {
            return new JsonLinesOptions(encoding, objects, arrays, ingestSettings());
        }
    }
}
