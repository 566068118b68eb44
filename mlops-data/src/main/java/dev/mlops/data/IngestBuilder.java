package dev.mlops.data;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link IngestSettings} setters, written once for every builder that takes them: the source builders
 * ({@link CsvSource.Builder}, {@link JsonLinesSource.Builder}, {@link JdbcSource.Builder}) and their options' builders.
 * Not thread-safe.
 *
 * @param <B> the builder type each setter returns
 */
public abstract class IngestBuilder<B extends IngestBuilder<B>> {
    private int sampleRows = 1000;
    private int categoricalMaxDistinct = 50;
    private final Map<String, FieldType> types = new LinkedHashMap<>();
    private final Map<String, FieldRole> roles = new LinkedHashMap<>();
    private BadRowPolicy badRowPolicy = BadRowPolicy.FAIL_FAST;
    private int rejectionSampleSize = 100;

    /** Starts from {@link IngestSettings#defaults()}. */
    IngestBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Replaces every ingest setting with these. */
    public B ingest(IngestSettings settings) {
        sampleRows = settings.sampleRows();
        categoricalMaxDistinct = settings.categoricalMaxDistinct();
        types.clear();
        types.putAll(settings.types());
        roles.clear();
        roles.putAll(settings.roles());
        badRowPolicy = settings.badRowPolicy();
        rejectionSampleSize = settings.rejectionSampleSize();
        return self();
    }

    /** How many rows type inference reads (default 1000). */
    public B sampleRows(int rows) {
        this.sampleRows = rows;
        return self();
    }

    /** The most distinct sample values of a CATEGORICAL column (default 50). */
    public B categoricalMaxDistinct(int max) {
        this.categoricalMaxDistinct = max;
        return self();
    }

    /** Reads a column as this type instead of inferring it. */
    public B type(String column, FieldType type) {
        types.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
        return self();
    }

    /** Gives a column a role (e.g. {@link FieldRole#LABEL}). */
    public B role(String column, FieldRole role) {
        roles.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(role, "role"));
        return self();
    }

    /**
     * Reads every column of a schema with its type and role, as written by a sink (names it does not hold are an
     * error when reading).
     */
    public B schema(Schema schema) {
        for (Field f : schema.fields()) {
            type(f.name(), f.type());
            role(f.name(), f.role());
        }
        return self();
    }

    /** What to do with a row that cannot be read (default {@link BadRowPolicy#FAIL_FAST}). */
    public B badRowPolicy(BadRowPolicy policy) {
        this.badRowPolicy = policy;
        return self();
    }

    /** How many rejected rows the report keeps (default 100). */
    public B rejectionSampleSize(int size) {
        this.rejectionSampleSize = size;
        return self();
    }

    /** The ingest settings as set so far, checked. */
    IngestSettings ingestSettings() {
        return new IngestSettings(sampleRows, categoricalMaxDistinct, types, roles, badRowPolicy, rejectionSampleSize);
    }
}
