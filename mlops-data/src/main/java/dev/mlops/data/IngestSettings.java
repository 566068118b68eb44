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
 * How any source turns what it reads into a frame, whatever the format: type inference, type and role overrides,
 * and what to do with rows that cannot be read. One record shared by {@link CsvOptions}, {@link JsonLinesOptions} and
 * {@link JdbcOptions} (their {@code ingest()}), set by the same methods on every source builder
 * ({@link IngestBuilder}). Immutable; JSON round trip through {@link #toJson()} / {@link #fromJson(String)}.
 *
 * @param sampleRows how many rows type inference reads
 * @param categoricalMaxDistinct the most distinct values a string column may show in the sample to be CATEGORICAL
 * @param types type overrides by column name
 * @param roles roles by column name (columns not named are features)
 * @param badRowPolicy what to do with a row that cannot be read
 * @param rejectionSampleSize how many rejected rows the ingest report keeps (counts are always exact)
 */
public record IngestSettings(int sampleRows, int categoricalMaxDistinct, Map<String, FieldType> types,
        Map<String, FieldRole> roles, BadRowPolicy badRowPolicy, int rejectionSampleSize) {

    /** Checks the settings as a whole and copies the maps. */
    public IngestSettings {
        Objects.requireNonNull(badRowPolicy, "badRowPolicy");
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types == null ? Map.of() : types));
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles == null ? Map.of() : roles));
        if (sampleRows < 0) {
            throw new IllegalArgumentException("sampleRows must be >= 0, got " + sampleRows);
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

    /** The defaults: 1000 sample rows, 50 categories, no overrides, fail fast, 100 rejected rows kept. */
    public static IngestSettings defaults() {
        return newBuilder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().ingest(this);
    }

    /** These settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Settings read from JSON written by {@link #toJson()}. */
    public static IngestSettings fromJson(String json) {
        return Json.read(json, IngestSettings.class);
    }

    /** Builds {@link IngestSettings}; every check happens in {@link #build()}. Not thread-safe. */
    public static final class Builder extends IngestBuilder<Builder> {
        private Builder() {
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException when a setting is out of range
         */
        public IngestSettings build() {
            return ingestSettings();
        }
    }
}
