package dev.mlops.data;

import dev.mlops.api.Json;
import java.util.Objects;

/**
 * How a {@link JdbcSource} reads a result set. Immutable; {@link #newBuilder()}, {@link #toBuilder()}, JSON round
 * trip with {@link #toJson()} / {@link #fromJson(String)}. The query and the connection belong to the source.
 *
 * @param fetchSize rows the driver fetches per round trip (a hint the driver may ignore)
 * @param ingest type inference (rows read ahead to choose CATEGORICAL or TEXT for character columns; 0 for none),
 *     type and role overrides by column label, and what to do with a row whose value does not fit its column type
 */
public record JdbcOptions(int fetchSize, IngestSettings ingest) {

    /** Checks the options as a whole. */
    public JdbcOptions {
        Objects.requireNonNull(ingest, "ingest");
        if (fetchSize < 0) {
            throw new IllegalArgumentException("fetchSize must be >= 0 (0 lets the driver choose), got " + fetchSize);
        }
    }

    /** The defaults: fetch 1000 rows at a time, and {@link IngestSettings#defaults()}. */
    public static JdbcOptions defaults() {
        return newBuilder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().fetchSize(fetchSize).ingest(ingest);
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
    public static final class Builder extends IngestBuilder<Builder> {
        private int fetchSize = 1000;

        Builder() {
        }

        /** Rows per round trip (default 1000). */
        public Builder fetchSize(int rows) {
            this.fetchSize = rows;
            return this;
        }

        /** The options; throws {@link IllegalArgumentException} when a setting is out of range. */
        public JdbcOptions build() {
            return new JdbcOptions(fetchSize, ingestSettings());
        }
    }
}
