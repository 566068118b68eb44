package dev.mlops.train.onnx.internal;

import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.List;
import java.util.Map;

/** Reorders the caller's feature columns into a model's own feature order. */
final class Gathers {
    private Gathers() {
    }

    /**
     * Adds {@code Gather(features, columns, axis=1)}; a model feature the caller does not feed
     * ({@link FeatureIndex#ABSENT}) reads a column of zeros appended to the input, as Tribuo reads it.
     *
     * @param isDouble whether {@code features} holds doubles (else floats)
     * @return the name of the [N, columns.length] tensor in the model's order
     */
    static String gather(GraphBuilder g, String features, int[] columns, int callerWidth, boolean isDouble) {
        boolean anyAbsent = false;
        long[] indices = new long[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == FeatureIndex.ABSENT) {
                anyAbsent = true;
                indices[i] = callerWidth;
            } else {
                indices[i] = columns[i];
            }
        }
        String source = features;
        if (anyAbsent) {
            source = withZeroColumn(g, features, isDouble);
        }
        String idx = g.longs("gather_indices", new long[]{indices.length}, indices);
        return g.op("Gather", List.of(source, idx), Map.of("axis", 1L));
    }

    /** Appends one column of zeros to a [N, F] tensor, giving [N, F+1]. */
    private static String withZeroColumn(GraphBuilder g, String features, boolean isDouble) {
        g.requireOpset("", 13);
        String shape = g.op("Shape", List.of(features), Map.of());
        String starts = g.longs("slice_start", new long[]{1}, new long[]{0});
        String ends = g.longs("slice_end", new long[]{1}, new long[]{1});
        String rows = g.op("Slice", List.of(shape, starts, ends), Map.of());
        String one = g.longs("one", new long[]{1}, new long[]{1});
        String fillShape = g.op("Concat", List.of(rows, one), Map.of("axis", 0L));
        ai.onnx.proto.OnnxMl.TensorProto.Builder value = ai.onnx.proto.OnnxMl.TensorProto.newBuilder().addDims(1);
        if (isDouble) {
            value.setDataType(ai.onnx.proto.OnnxMl.TensorProto.DataType.DOUBLE.getNumber()).addDoubleData(0);
        } else {
            value.setDataType(ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addFloatData(0f);
        }
        String column = g.op("ConstantOfShape", List.of(fillShape), Map.of("value", value.build()));
        return g.op("Concat", List.of(features, column), Map.of("axis", 1L));
    }
}
