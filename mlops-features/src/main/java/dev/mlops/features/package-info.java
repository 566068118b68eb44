/**
 * Rank features by importance, keep the useful ones, and fit preprocessing that also runs inside ONNX:
 * {@link dev.mlops.features.FeatureSelector}, {@link dev.mlops.features.FeatureRanking},
 * {@link dev.mlops.features.PermutationImportance}, {@link dev.mlops.features.Preprocessing} and
 * {@link dev.mlops.features.FittedPreprocessing}.
 */
package dev.mlops.features;
