/**
 * Distances between a reference and a current distribution (PSI, Kolmogorov-Smirnov, Jensen-Shannon,
 * chi-squared, L-infinity), on raw values, frames or profiles: shared by skew checks here and the drift monitor.
 */
package dev.mlops.data.drift;
