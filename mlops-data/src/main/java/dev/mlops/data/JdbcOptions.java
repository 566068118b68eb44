package dev.mlops.data;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link JdbcSource} reads a result set. Immutable; {@link #newBuilder()}, {@link #toBuilder()}, JSON round
 * trip with {@link #toJson()} / {@link #fromJson(String)}. The query and the connection belong to the source.
 *
 * @param fetchSize rows the driver fetches per round trip (a hint the driver may ignore)
 * @param sampleRows rows read ahead to choose CATEGORICAL or TEXT for character columns
 * @param categoricalMaxDistinct the most distinct values a character column may show in the sample to be CATEGORICAL
 * @param types type overrides by column label
 * @param roles roles by column label
 * @param badRowPolicy what to do with a row whose value does not fit its column type
 * @param rejectionSampleSize how many rejected rows the report keeps
 */
public record JdbcOptions(int fetchSize, int sampleRows, int categoricalMaxDistinct, Map<String, FieldType> types,
        Map<String, FieldRole> roles, BadRowPolicy badRowPolicy, int rejectionSampleSize) {

    /** Checks the options as a whole and copies the maps. */
    public JdbcOptions {
        Objects.requireNonNull(badRowPolicy, "badRowPolicy");
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types == null ? Map.of() : types));
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles == null ? Map.of() : roles));
        if (fetchSize < 0) {
            throw new IllegalArgumentException("fetchSize must be >= 0 (0 lets the driver choose), got " + fetchSize);
        }
        if (sampleRows < 0) {
            throw new IllegalArgumentException("sampleRows must be >= 0, got " + sampleRows);
        }
        if (categoricalMaxDistinct < 0) {
            throw new IllegalArgumentException("categoricalMaxDistinct must be >= 0, got " + categoricalMaxDistinct);
        }
        if (rejectionSampleSize < 0) {
            throw new IllegalArgumentException("rejectionSampleSize must be >= 0, got " + rejectionSampleSize);
        }
    }

    /** The defaults: fetch 1000 rows at a time, 1000 sample rows, 50 categories, fail fast. */
    public static JdbcOptions defaults() {
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

    /** These options as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Options read from JSON written by {@link #toJson()}. */
    public static JdbcOptions fromJson(String json) {
        return Json.read(json, JdbcOptions.class);
    }

    /** Builds {@link JdbcOptions}; checks happen in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int fetchSize = 1000;
        private int sampleRows = 1000;
        private int categoricalMaxDistinct = 50;
        private final Map<String, FieldType> types = new LinkedHashMap<>();
        private final Map<String, FieldRole> roles = new LinkedHashMap<>();
        private BadRowPolicy badRowPolicy = BadRowPolicy.FAIL_FAST;
        private int rejectionSampleSize = 100;

        Builder() {
        }

        Builder(JdbcOptions o) {
            fetchSize = o.fetchSize;
            sampleRows = o.sampleRows;
            categoricalMaxDistinct = o.categoricalMaxDistinct;
            types.putAll(o.types);
            roles.putAll(o.roles);
            badRowPolicy = o.badRowPolicy;
            rejectionSampleSize = o.rejectionSampleSize;
        }

        /** Rows per round trip (default 1000). */
        public Builder fetchSize(int rows) {
            this.fetchSize = rows;
            return this;
        }

        /** Rows read ahead to type character columns (default 1000). */
        public Builder sampleRows(int rows) {
            this.sampleRows = rows;
            return this;
        }

        /** The most distinct sample values of a CATEGORICAL character column (default 50). */
        public Builder categoricalMaxDistinct(int max) {
            this.categoricalMaxDistinct = max;
            return this;
        }

        /** Reads a column as this type instead of the mapped one. */
        public Builder type(String column, FieldType type) {
            types.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
            return this;
        }

        /** Gives a column a role. */
        public Builder role(String column, FieldRole role) {
            roles.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(role, "role"));
            return this;
        }

        /** What to do with a bad row (default fail fast). */
        public Builder badRowPolicy(BadRowPolicy policy) {
            this.badRowPolicy = policy;
            return this;
        }

        /** How many rejected rows the report keeps (default 100). */
        public Builder rejectionSampleSize(int size) {
            this.rejectionSampleSize = size;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} when a setting is out of range. */
        public JdbcOptions build() {
            return new JdbcOptions(fetchSize, sampleRows, categoricalMaxDistinct, types, roles, badRowPolicy,
                    rejectionSampleSize);
        }
    }
}
