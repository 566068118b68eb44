/**
 * Run tracking contracts: a {@link dev.mlops.api.tracking.RunTracker} records each stage's parameters, metrics,
 * tags, artifacts and data fingerprints as a {@link dev.mlops.api.tracking.Run}, and finds them again as
 * {@link dev.mlops.api.tracking.RunRecord}s. Implementations live in {@code mlops-train}. A
 * {@link dev.mlops.api.tracking.ResourceMeter} measures what a stage used as a
 * {@link dev.mlops.api.tracking.ResourceUsage}, recorded in its run; {@code tracker.measuringResources()} does it for
 * every run.
 */
package dev.mlops.api.tracking;
