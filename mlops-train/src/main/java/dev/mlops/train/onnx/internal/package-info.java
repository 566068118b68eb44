/**
 * Implementation of the ONNX export: graph building, Tribuo and XGBoost tree writers, embedding of Tribuo's own
 * exports. Not part of the public API; other modules must not import it.
 */
package dev.mlops.train.onnx.internal;
