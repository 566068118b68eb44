package dev.mlops.data.validate;

/** How much a broken constraint matters: errors fail a report's {@link ValidationReport#orThrow()}, warnings do not. */
public enum Severity {
    /** The data must not be used. */
    ERROR,
    /** The data is suspect; a person should look. */
    WARNING
}
