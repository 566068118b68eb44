/**
 * What crosses from training to serving: the {@link dev.mlops.api.model.ModelArtifact} (one {@code model.onnx}
 * with its {@link dev.mlops.api.model.ModelSignature}, reference profile, metrics, provenance and checksums) and the
 * {@link dev.mlops.api.model.ModelRepository} that versions artifacts and names them with aliases.
 */
package dev.mlops.api.model;
