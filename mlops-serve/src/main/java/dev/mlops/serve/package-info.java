/**
 * The in-process model server: {@link dev.mlops.serve.ModelServer} loads a
 * {@link dev.mlops.api.model.ModelArtifact} (from a repository by {@code name@alias}, or from a directory) into one
 * ONNX Runtime session and serves records, lists of records and frames, with dynamic batching, hot reload, input
 * validation against the signature and prediction listeners. Settings are a {@link dev.mlops.serve.ServerConfig}.
 *
 * <p>Implementation classes are package-private in this package (not in an {@code internal} package, which would
 * form a package cycle with the builder; docs/decisions/058).
 */
package dev.mlops.serve;
