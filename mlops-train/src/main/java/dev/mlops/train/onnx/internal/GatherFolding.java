package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the reordering of the caller's columns into a model's weights. Where every node reading the model's input
 * multiplies it by a weight initializer ({@code Gemm} with {@code transA = 0}, or {@code MatMul}), the weights'
 * feature rows are laid out in the caller's column order instead (a zero row for a column the model never saw, and
 * no row for a model feature the caller does not feed, which Tribuo reads as zero). The model then reads the
 * caller's features directly, with no {@code Gather} in front: the gather on axis 1 cost more than the model itself
 * in ONNX Runtime (issue 13.4).
 */
final class GatherFolding {
    private GatherFolding() {
    }

    /**
     * The model reading the caller's columns, or empty when some reader of the input is not a multiplication by an
     * initializer.
     *
     * @param model the model, reading its own feature order on its one input
     * @param columns for each model feature (by Tribuo id), the caller's column, or {@link FeatureIndex#ABSENT}
     * @param callerWidth the caller's column count
     */
    static Optional<OnnxMl.ModelProto> fold(OnnxMl.ModelProto model, int[] columns, int callerWidth) {
        OnnxMl.GraphProto graph = model.getGraph();
        String input = graph.getInput(0).getName();
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, TensorProto> folded = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            List<String> in = node.getInputList();
            if (!in.contains(input)) {
                continue;
            }
            boolean gemm = node.getOpType().equals("Gemm") && Embedding.intAttribute(node, "transA", 0) == 0;
            boolean matMul = node.getOpType().equals("MatMul");
            if (!(gemm || matMul) || in.indexOf(input) != 0 || in.lastIndexOf(input) != 0 || in.size() < 2) {
                return Optional.empty();
            }
            TensorProto weights = initializers.get(in.get(1));
            boolean transposed = gemm && Embedding.intAttribute(node, "transB", 0) == 1;
            if (weights == null || weights.getDimsCount() != 2 || !isFloating(weights)
                    || weights.getDims(transposed ? 1 : 0) != columns.length) {
                return Optional.empty();
            }
            TensorProto previous = folded.put(weights.getName(), reorder(weights, columns, callerWidth, transposed));
            if (previous != null) {
                return Optional.empty(); // one initializer read twice: keep the gather rather than reason about it
            }
        }
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        OnnxMl.GraphProto.Builder g = graph.toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto replacement = folded.get(g.getInitializer(i).getName());
            if (replacement != null) {
                g.setInitializer(i, replacement);
            }
        }
        OnnxMl.ValueInfoProto.Builder info = g.getInput(0).toBuilder();
        OnnxMl.TensorShapeProto.Builder shape = info.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        if (shape.getDimCount() == 2) {
            shape.setDim(1, OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(callerWidth));
        }
        g.setInput(0, info);
        return Optional.of(model.toBuilder().setGraph(g).build());
    }

    private static boolean isFloating(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.DOUBLE_VALUE && t.getDoubleDataCount() > 0
                || t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getFloatDataCount() > 0;
    }

    /** The weights with their feature axis in the caller's order. */
    private static TensorProto reorder(TensorProto w, int[] columns, int callerWidth, boolean transposed) {
        int rows = (int) w.getDims(0);
        int cols = (int) w.getDims(1);
        boolean isDouble = w.getDataType() == TensorProto.DataType.DOUBLE_VALUE;
        int outRows = transposed ? rows : callerWidth;
        int outCols = transposed ? callerWidth : cols;
        double[] out = new double[outRows * outCols];
        for (int feature = 0; feature < columns.length; feature++) {
            int c = columns[feature];
            if (c == FeatureIndex.ABSENT) {
                continue;
            }
            if (transposed) {
                for (int r = 0; r < rows; r++) {
                    out[r * outCols + c] = value(w, isDouble, r * cols + feature);
                }
            } else {
                for (int k = 0; k < cols; k++) {
                    out[c * outCols + k] = value(w, isDouble, feature * cols + k);
                }
            }
        }
        TensorProto.Builder b = w.toBuilder().clearDims().addDims(outRows).addDims(outCols).clearDoubleData()
                .clearFloatData();
        for (double v : out) {
            if (isDouble) {
                b.addDoubleData(v);
            } else {
                b.addFloatData((float) v);
            }
        }
        return b.build();
    }

    private static double value(TensorProto w, boolean isDouble, int i) {
        return isDouble ? w.getDoubleData(i) : w.getFloatData(i);
    }
}
