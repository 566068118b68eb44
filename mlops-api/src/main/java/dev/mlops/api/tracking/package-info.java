/**
 * Run tracking contracts: a {@link dev.mlops.api.tracking.RunTracker} records each stage's parameters, metrics,
 * tags, artifacts and data fingerprints as a {@link dev.mlops.api.tracking.Run}, and finds them again as
 * {@link dev.mlops.api.tracking.RunRecord}s. Implementations live in {@code mlops-train}.
 */
package dev.mlops.api.tracking;
