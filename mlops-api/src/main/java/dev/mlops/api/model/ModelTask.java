package dev.mlops.api.model;

/** What a model predicts, which fixes how its outputs are read. */
public enum ModelTask {
    /** A class label, usually with class probabilities. */
    CLASSIFICATION,
    /** One or more real values. */
    REGRESSION,
    /** Anything else: outputs are returned as they are. */
    OTHER
}
