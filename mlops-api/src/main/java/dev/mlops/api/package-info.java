/**
 * The contracts every stage of the SDK shares: {@link dev.mlops.api.Schema} and {@link dev.mlops.api.Field}, the
 * columnar {@link dev.mlops.api.Frame}, {@link dev.mlops.api.DataSource} with its {@link dev.mlops.api.IngestReport},
 * the prediction event contract
 * ({@link dev.mlops.api.PredictionEvent}, {@link dev.mlops.api.PredictionListener}) that servers publish and monitors
 * consume, and the exception hierarchy rooted at {@link dev.mlops.api.MlopsException}.
 */
package dev.mlops.api;
