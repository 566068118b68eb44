/**
 * Is the data fit for the use case: label balance, representativeness of groups against expected proportions, and
 * bias in labels across groups (statistical parity, disparate impact with the 0.8 rule).
 */
package dev.mlops.data.quality;
