package dev.mlops.api;

/** The logical type of a column, which fixes how its values are stored in a {@link Frame}. */
public enum FieldType {
    /** Real numbers, stored as {@code double[]}. */
    NUMERIC,
    /** Whole numbers, stored as {@code long[]}. */
    INTEGER,
    /** A small set of labels, stored as {@code int} dictionary codes plus the dictionary. */
    CATEGORICAL,
    /** True or false, stored as a bit set. */
    BOOLEAN,
    /** Free text, stored as strings. */
    TEXT,
    /** Instants, stored as {@code long} milliseconds since the epoch (UTC). */
    TIMESTAMP;

    /** Whether values of this type are numbers that arithmetic applies to. */
    public boolean isNumeric() {
        return this == NUMERIC || this == INTEGER;
    }
}
