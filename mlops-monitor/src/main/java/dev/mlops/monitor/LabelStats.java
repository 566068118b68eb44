package dev.mlops.monitor;

/**
 * The counts of the delayed-label join: nothing is lost silently, so every prediction observed with an id is
 * pending, joined, expired or evicted, and every label given is joined, unknown or a duplicate.
 *
 * @param observed   predictions observed with a request id
 * @param pending    waiting for their label now
 * @param joined     labels joined to their prediction
 * @param expired    predictions whose label did not arrive within the time to live
 * @param evicted    predictions dropped, oldest first, because the store was full
 * @param unknown    labels whose id matched no pending prediction
 * @param duplicates labels for a prediction that already had one
 */
public record LabelStats(long observed, long pending, long joined, long expired, long evicted, long unknown,
                         long duplicates) {
}
