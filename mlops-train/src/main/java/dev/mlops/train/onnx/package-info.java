/**
 * ONNX export of trained Tribuo models: {@link dev.mlops.train.onnx.OnnxExport#export} writes one graph reading the
 * caller's {@code features} matrix, for every Tribuo model type (including trees and XGBoost, which Tribuo cannot
 * export), and {@link dev.mlops.train.onnx.OnnxExport#compose} joins it with a preprocessing graph.
 */
package dev.mlops.train.onnx;
