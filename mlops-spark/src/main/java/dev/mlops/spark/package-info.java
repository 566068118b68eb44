/**
 * Scale-out on Apache Spark: a {@code Dataset<Row>} read as the SDK's {@link dev.mlops.api.Schema}
 * ({@link dev.mlops.spark.SparkSchemas}), profiled per partition and merged ({@link dev.mlops.spark.SparkProfiles}),
 * quarantined by a contract ({@link dev.mlops.spark.SparkValidation}), scored with one ONNX session per executor
 * ({@link dev.mlops.spark.SparkScoring}) and checked for drift per key ({@link dev.mlops.spark.SparkDrift}), each with
 * the results of the single-machine path. Spark is a {@code provided} dependency.
 */
package dev.mlops.spark;
