/**
 * The ONNX graph builder shared by the preprocessing export and mlops-train's model export. Internal: no
 * compatibility promise outside the project's own modules.
 */
package dev.mlops.features.internal.onnx;
