/**
 * Monitoring a deployed model: {@link dev.mlops.monitor.DriftMonitor} cuts observed predictions into windows
 * ({@link dev.mlops.monitor.WindowSpec}), each a mergeable {@code Profile}, and reports per-feature and prediction
 * drift against the reference ({@link dev.mlops.monitor.WindowReport}) with sketch error bounds.
 */
package dev.mlops.monitor;
