package dev.mlops.serve;

/**
 * Counters of a running server, a snapshot.
 *
 * @param requests requests served successfully
 * @param rows rows predicted successfully
 * @param failures requests that failed (bad input, timeout, full queue, runtime error)
 * @param batches ONNX Runtime runs made (with batching, fewer than requests)
 * @param rejectedQueueFull requests refused because the batching queue was full
 * @param timeouts requests that timed out
 * @param reloads times a new version was swapped in
 * @param cacheHits requests answered from the request cache
 * @param eventsDropped prediction events dropped because listeners fell behind
 * @param listenerFailures listener calls that threw
 */
public record ServerStats(long requests, long rows, long failures, long batches, long rejectedQueueFull,
                          long timeouts, long reloads, long cacheHits, long eventsDropped, long listenerFailures) {
}
