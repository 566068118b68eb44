package dev.mlops.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ordered fields of a {@link Frame}. Names are unique.
 *
 * <p>Immutable and safe to share; round-trips through JSON with {@link #toJson()} and {@link #fromJson(String)}.
 */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> index;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Integer> byName = new HashMap<>(fields.size() * 2);
        for (int i = 0; i < this.fields.size(); i++) {
            Field field = this.fields.get(i);
            Integer previous = byName.putIfAbsent(field.name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("Duplicate column name '" + field.name() + "' at positions "
                        + previous + " and " + i + "; rename one of them");
            }
        }
        this.index = Collections.unmodifiableMap(byName);
    }

    /** A schema of the given fields, in order. */
    @JsonCreator
    public static Schema of(@JsonProperty("fields") Collection<Field> fields) {
        return new Schema(new ArrayList<>(fields));
    }

    /** A schema of the given fields, in order. */
    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** The fields in order. */
    @JsonProperty("fields")
    public List<Field> fields() {
        return fields;
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    /** The field names in order. */
    @JsonIgnore
    public List<String> names() {
        return fields.stream().map(Field::name).collect(Collectors.toUnmodifiableList());
    }

    /** The field at a position. */
    public Field field(int position) {
        return fields.get(position);
    }

    /**
     * The field with this name.
     *
     * @throws IllegalArgumentException naming the known columns when there is none
     */
    public Field field(String name) {
        return fields.get(indexOf(name));
    }

    /** The field with this name, if there is one. */
    public Optional<Field> find(String name) {
        Integer i = index.get(name);
        return i == null ? Optional.empty() : Optional.of(fields.get(i));
    }

    /** Whether a field has this name. */
    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /**
     * The position of the field with this name.
     *
     * @throws IllegalArgumentException naming the known columns when there is none
     */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("No column named '" + name + "'; the columns are " + names());
        }
        return i;
    }

    /** The fields that have this role, in order. */
    public List<Field> withRole(FieldRole role) {
        return fields.stream().filter(f -> f.role() == role).collect(Collectors.toUnmodifiableList());
    }

    /** This schema with the named field replaced (same position) or appended. */
    public Schema with(Field field) {
        List<Field> copy = new ArrayList<>(fields);
        Integer i = index.get(field.name());
        if (i == null) {
            copy.add(field);
        } else {
            copy.set(i, field);
        }
        return new Schema(copy);
    }

    /** This schema as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * Reads a schema from JSON written by {@link #toJson()}.
     *
     * @throws DataException when the text is not a schema
     */
    public static Schema fromJson(String json) {
        return Json.read(json, Schema.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.stream()
                .map(f -> f.name() + ": " + f.type().name().toLowerCase(java.util.Locale.ROOT)
                        + (f.nullable() ? "" : " not null")
                        + (f.role() == FieldRole.FEATURE ? "" : " (" + f.role().name().toLowerCase(java.util.Locale.ROOT) + ")"))
                .collect(Collectors.joining("\n", "", fields.isEmpty() ? "(no columns)" : ""));
    }
}
