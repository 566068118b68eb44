package dev.mlops.api;

import java.util.Objects;

/**
 * A whole read: the frame and the report of what happened to every row.
 *
 * @param frame the accepted rows
 * @param report rows read, accepted and rejected, with a sample of the rejections
 */
public record Ingest(Frame frame, IngestReport report) {
    /** Checks neither part is null. */
    public Ingest {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(report, "report");
    }
}
