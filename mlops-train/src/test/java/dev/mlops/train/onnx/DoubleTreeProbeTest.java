package dev.mlops.train.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which exact (double-threshold) tree operators ONNX Runtime 1.23.2 loads and runs: one split at 0.1, probed on
 * 0.1 itself, its neighbours and 0.1 rounded to float (which lies above it). A float comparison would send the
 * float-rounded value and nextUp(0.1) the same way as 0.1; a double comparison separates them.
 */
class DoubleTreeProbeTest {
    private static final double SPLIT = 0.1;
    private static final double[][] X = {{SPLIT}, {Math.nextDown(SPLIT)}, {Math.nextUp(SPLIT)}, {(double) (float) SPLIT}};
    private static final double[][] EXPECTED = {{1.0}, {1.0}, {2.0}, {2.0}};

    @Test
    void treeEnsembleOpset5ComparesDoubles() {
        GraphBuilder g = new GraphBuilder();
        g.input("x", TensorProto.DataType.DOUBLE, -1, 1);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("aggregate_function", 1L);
        a.put("leaf_targetids", new long[] {0, 0});
        a.put("leaf_weights", doubles("leaf_weights", 1.0, 2.0));
        a.put("n_targets", 1L);
        a.put("nodes_falseleafs", new long[] {1});
        a.put("nodes_falsenodeids", new long[] {1});
        a.put("nodes_featureids", new long[] {0});
        a.put("nodes_modes", TensorProto.newBuilder().setName("nodes_modes").addDims(1)
                .setDataType(TensorProto.DataType.UINT8.getNumber()).addInt32Data(0).build());
        a.put("nodes_splits", doubles("nodes_splits", SPLIT));
        a.put("nodes_trueleafs", new long[] {1});
        a.put("nodes_truenodeids", new long[] {0});
        a.put("post_transform", 0L);
        a.put("tree_roots", new long[] {0});
        g.opInto(GraphBuilder.ML_DOMAIN, "TreeEnsemble", List.of("x"), List.of("y"), a);
        g.output("y", TensorProto.DataType.DOUBLE, -1, 1);
        assertArrayEquals(EXPECTED, (double[][]) Ort.run(model(g, 5), Map.of("x", X)).get("y"));
    }

    @Test
    void treeEnsembleRegressorOpset3ComparesDoubles() {
        GraphBuilder g = new GraphBuilder();
        g.input("x", TensorProto.DataType.DOUBLE, -1, 1);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("n_targets", 1L);
        a.put("nodes_falsenodeids", new long[] {2, 0, 0});
        a.put("nodes_featureids", new long[] {0, 0, 0});
        a.put("nodes_modes", new String[] {"BRANCH_LEQ", "LEAF", "LEAF"});
        a.put("nodes_nodeids", new long[] {0, 1, 2});
        a.put("nodes_treeids", new long[] {0, 0, 0});
        a.put("nodes_truenodeids", new long[] {1, 0, 0});
        a.put("nodes_values_as_tensor", doubles("nodes_values_as_tensor", SPLIT, 0, 0));
        a.put("target_ids", new long[] {0, 0});
        a.put("target_nodeids", new long[] {1, 2});
        a.put("target_treeids", new long[] {0, 0});
        a.put("target_weights_as_tensor", doubles("target_weights_as_tensor", 1.0, 2.0));
        g.opInto(GraphBuilder.ML_DOMAIN, "TreeEnsembleRegressor", List.of("x"), List.of("y"), a);
        g.output("y", TensorProto.DataType.FLOAT, -1, 1);
        // The operator's output is float by its definition; the comparison is what is probed.
        float[][] y = (float[][]) Ort.run(model(g, 3), Map.of("x", X)).get("y");
        assertArrayEquals(new float[][] {{1f}, {1f}, {2f}, {2f}}, y);
    }

    private static TensorProto doubles(String name, double... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).addDims(v.length)
                .setDataType(TensorProto.DataType.DOUBLE.getNumber());
        for (double d : v) {
            t.addDoubleData(d);
        }
        return t.build();
    }

    private static byte[] model(GraphBuilder g, long mlOpset) {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(10)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(21))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(GraphBuilder.ML_DOMAIN).setVersion(mlOpset))
                .setGraph(g.build("probe")).build().toByteArray();
    }
}
