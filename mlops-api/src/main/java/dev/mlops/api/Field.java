package dev.mlops.api;

import java.util.Objects;

/**
 * One column of a {@link Schema}: its name, type, whether it may hold missing values, and its role.
 *
 * <p>Immutable and safe to share. Serializes to JSON as {@code {"name", "type", "nullable", "role"}}.
 *
 * @param name the column name, unique within a schema and never blank
 * @param type how the values are stored
 * @param nullable whether missing values are allowed
 * @param role what the column is for
 */
public record Field(String name, FieldType type, boolean nullable, FieldRole role) {

    /** Checks the parts; {@code role} defaults to {@link FieldRole#FEATURE} when null. */
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A field name must not be blank; give the column a name");
        }
        role = role == null ? FieldRole.FEATURE : role;
    }

    /** A nullable feature field of the given type. */
    public static Field of(String name, FieldType type) {
        return new Field(name, type, true, FieldRole.FEATURE);
    }

    /** A nullable numeric (double) feature. */
    public static Field numeric(String name) {
        return of(name, FieldType.NUMERIC);
    }

    /** A nullable integer (long) feature. */
    public static Field integer(String name) {
        return of(name, FieldType.INTEGER);
    }

    /** A nullable categorical feature. */
    public static Field categorical(String name) {
        return of(name, FieldType.CATEGORICAL);
    }

    /** A nullable boolean feature. */
    public static Field bool(String name) {
        return of(name, FieldType.BOOLEAN);
    }

    /** A nullable text feature. */
    public static Field text(String name) {
        return of(name, FieldType.TEXT);
    }

    /** A nullable timestamp feature. */
    public static Field timestamp(String name) {
        return of(name, FieldType.TIMESTAMP);
    }

    /** This field with another name. */
    public Field withName(String newName) {
        return newName.equals(name) ? this : new Field(newName, type, nullable, role);
    }

    /** This field with another role. */
    public Field withRole(FieldRole newRole) {
        return newRole == role ? this : new Field(name, type, nullable, newRole);
    }

    /** This field with another nullability. */
    public Field withNullable(boolean newNullable) {
        return newNullable == nullable ? this : new Field(name, type, newNullable, role);
    }

    /** This field with another type (for casts). */
    public Field withType(FieldType newType) {
        return newType == type ? this : new Field(name, newType, nullable, role);
    }
}
