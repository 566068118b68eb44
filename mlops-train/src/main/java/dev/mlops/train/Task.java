package dev.mlops.train;

/** What a model predicts. */
public enum Task {
    /** A label out of a fixed set of classes. */
    CLASSIFICATION,
    /** A real value. */
    REGRESSION
}
