package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a float graph of default-domain arithmetic (Tribuo's exports of linear models and factorization
 * machines) to compute in double, as Tribuo itself does: float initializers, constants, casts and value types
 * become double. A graph with an operator outside the known list, or from another domain (LibSVM's
 * {@code SVMClassifier}, which is float by definition), is left as it is.
 */
final class DoubleGraphs {
    /** Operators whose ONNX Runtime CPU kernels take doubles, and that Tribuo's exports use. */
    private static final Set<String> DOUBLE_CAPABLE = Set.of("Add", "Sub", "Mul", "Div", "Gemm", "MatMul", "Softmax",
            "Sigmoid", "Exp", "Log", "Neg", "Pow", "Sqrt", "ReduceSum", "ReduceMax", "Concat", "Gather", "Reshape",
            "Transpose", "Unsqueeze", "Squeeze", "Identity", "Cast", "Shape", "Slice", "ConstantOfShape", "Constant",
            "Clip", "Max", "Min", "ArgMax", "Abs");

    private DoubleGraphs() {
    }

    /** The model computing in double, or empty when some operator must stay float. */
    static Optional<OnnxMl.ModelProto> promote(OnnxMl.ModelProto model) {
        OnnxMl.GraphProto graph = model.getGraph();
        for (NodeProto node : graph.getNodeList()) {
            boolean defaultDomain = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
            if (!defaultDomain || !DOUBLE_CAPABLE.contains(node.getOpType())) {
                return Optional.empty();
            }
        }
        OnnxMl.GraphProto.Builder g = graph.toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            g.setInitializer(i, promote(g.getInitializer(i)));
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder node = g.getNode(i).toBuilder();
            for (int a = 0; a < node.getAttributeCount(); a++) {
                AttributeProto attr = node.getAttribute(a);
                if (attr.hasT()) {
                    node.setAttribute(a, attr.toBuilder().setT(promote(attr.getT())));
                } else if (node.getOpType().equals("Cast") && attr.getName().equals("to")
                        && attr.getI() == TensorProto.DataType.FLOAT_VALUE) {
                    node.setAttribute(a, attr.toBuilder().setI(TensorProto.DataType.DOUBLE_VALUE));
                }
            }
            g.setNode(i, node);
        }
        for (int i = 0; i < g.getInputCount(); i++) {
            g.setInput(i, promote(g.getInput(i)));
        }
        for (int i = 0; i < g.getOutputCount(); i++) {
            g.setOutput(i, promote(g.getOutput(i)));
        }
        for (int i = 0; i < g.getValueInfoCount(); i++) {
            g.setValueInfo(i, promote(g.getValueInfo(i)));
        }
        return Optional.of(model.toBuilder().setGraph(g).build());
    }

    private static ValueInfoProto promote(ValueInfoProto info) {
        if (!info.getType().hasTensorType()
                || info.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            return info;
        }
        ValueInfoProto.Builder b = info.toBuilder();
        b.getTypeBuilder().getTensorTypeBuilder().setElemType(TensorProto.DataType.DOUBLE_VALUE);
        return b.build();
    }

    private static TensorProto promote(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            return t;
        }
        TensorProto.Builder b = t.toBuilder().clearFloatData().clearRawData()
                .setDataType(TensorProto.DataType.DOUBLE_VALUE);
        if (t.getFloatDataCount() > 0) {
            for (float f : t.getFloatDataList()) {
                b.addDoubleData(f);
            }
        } else if (!t.getRawData().isEmpty()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            while (raw.remaining() >= Float.BYTES) {
                b.addDoubleData(raw.getFloat());
            }
        }
        return b.build();
    }
}
