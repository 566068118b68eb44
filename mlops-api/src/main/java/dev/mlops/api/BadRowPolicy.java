package dev.mlops.api;

/** What a source does with a row it cannot read. Either way, nothing is lost silently. */
public enum BadRowPolicy {
    /** Stop at the first bad row with a {@link DataException} naming the source, line, column, value and expectation. */
    FAIL_FAST,
    /** Leave the row out and record it in the {@link IngestReport}: exact counts plus a bounded sample. */
    SKIP_AND_REPORT
}
