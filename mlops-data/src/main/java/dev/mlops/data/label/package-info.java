/**
 * Programmatic labelling: labelling functions vote on each row (or abstain), a majority vote combines them, and a
 * report gives each function's coverage, overlap and conflicts.
 */
package dev.mlops.data.label;
