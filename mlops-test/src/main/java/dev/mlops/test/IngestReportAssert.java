package dev.mlops.test;

import dev.mlops.api.IngestReport;
import dev.mlops.api.RejectReason;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on what a read did with its rows. A failure message carries the report's summary: the counts by reason
 * and by column and the first rejected rows with their line numbers and raw values.
 */
public final class IngestReportAssert extends AbstractObjectAssert<IngestReportAssert, IngestReport> {

    IngestReportAssert(IngestReport actual) {
        super(actual, IngestReportAssert.class);
    }

    /** Every row read was accepted. */
    public IngestReportAssert rejectedNothing() {
        isNotNull();
        if (actual.rowsRejected() != 0) {
            failWithMessage("Expected %s to reject no rows, but it rejected %d of %d:%n%s", actual.source(),
                    actual.rowsRejected(), actual.rowsRead(), actual.summary());
        }
        return this;
    }

    /** Exactly {@code rows} rows were rejected. */
    public IngestReportAssert rejected(long rows) {
        return hasCount("reject", rows, actual == null ? 0 : actual.rowsRejected());
    }

    /** Exactly {@code rows} rows were accepted. */
    public IngestReportAssert accepted(long rows) {
        return hasCount("accept", rows, actual == null ? 0 : actual.rowsAccepted());
    }

    private IngestReportAssert hasCount(String verb, long expected, long count) {
        isNotNull();
        if (count != expected) {
            failWithMessage("Expected %s to %s %d rows, but it %sed %d of %d:%n%s", actual.source(), verb, expected,
                    verb, count, actual.rowsRead(), actual.summary());
        }
        return this;
    }

    /** At least one row was rejected for this reason. */
    public IngestReportAssert rejectedFor(RejectReason reason) {
        isNotNull();
        if (actual.rejectionsByReason().getOrDefault(reason.code(), 0L) == 0) {
            failWithMessage("Expected %s to reject rows for %s, but the rejections by reason are %s:%n%s",
                    actual.source(), reason.code(), actual.rejectionsByReason(), actual.summary());
        }
        return this;
    }
}
