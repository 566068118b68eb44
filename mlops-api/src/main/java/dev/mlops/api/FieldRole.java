package dev.mlops.api;

/** What a column is for in a pipeline; trainers and validators read it, storage ignores it. */
public enum FieldRole {
    /** An input to the model (the default). */
    FEATURE,
    /** The value the model learns to predict. */
    LABEL,
    /** Identifies a row or an entity; never a feature, checked for leakage between splits. */
    ID,
    /** A per-row sample weight. */
    WEIGHT,
    /** The event time of a row, used by freshness checks and time splits. */
    TIMESTAMP,
    /** Carried along but used by nothing. */
    IGNORED
}
