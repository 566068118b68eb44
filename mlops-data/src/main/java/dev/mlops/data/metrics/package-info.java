/**
 * Metric formulas on plain arrays (ROC AUC, average precision, log loss, calibration bins, percentiles), shared by
 * the evaluators of mlops-train and the performance windows of mlops-monitor, so both report the same numbers.
 */
package dev.mlops.data.metrics;
