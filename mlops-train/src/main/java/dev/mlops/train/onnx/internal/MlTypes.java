package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;

import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Declares the element types of the outputs of {@code ai.onnx.ml} operators that the ONNX checker cannot infer
 * (SVMClassifier, SVMRegressor, ArrayFeatureExtractor and others have no type inference in ONNX 1.12), so that
 * {@code check_model(full_check=True)} can type the nodes that read them. Runtimes ignore these declarations.
 */
public final class MlTypes {
    private MlTypes() {
    }

    /** Returns {@code graph} with value infos added for untyped outputs of {@code ai.onnx.ml} nodes. */
    public static OnnxMl.GraphProto annotate(OnnxMl.GraphProto graph) {
        Map<String, Integer> types = new HashMap<>();
        Set<String> declared = new HashSet<>();
        for (OnnxMl.ValueInfoProto v : graph.getInputList()) {
            record(types, declared, v);
        }
        for (OnnxMl.ValueInfoProto v : graph.getValueInfoList()) {
            record(types, declared, v);
        }
        for (OnnxMl.ValueInfoProto v : graph.getOutputList()) {
            declared.add(v.getName());
        }
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            types.put(t.getName(), t.getDataType());
        }
        OnnxMl.GraphProto.Builder out = graph.toBuilder();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Cast")) {
                types.put(node.getOutput(0), (int) Embedding.intAttribute(node, "to", 0));
                continue;
            }
            if (!node.getDomain().equals(GraphBuilder.ML_DOMAIN)) {
                continue;
            }
            for (int i = 0; i < node.getOutputCount(); i++) {
                String name = node.getOutput(i);
                Integer type = outputType(node, i, types);
                if (name.isEmpty() || type == null) {
                    continue;
                }
                types.put(name, type);
                if (declared.add(name)) {
                    out.addValueInfo(OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                            .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type))));
                }
            }
        }
        return out.build();
    }

    private static void record(Map<String, Integer> types, Set<String> declared, OnnxMl.ValueInfoProto v) {
        declared.add(v.getName());
        if (v.getType().hasTensorType()) {
            types.put(v.getName(), v.getType().getTensorType().getElemType());
        }
    }

    private static Integer outputType(NodeProto node, int output, Map<String, Integer> types) {
        switch (node.getOpType()) {
            case "SVMClassifier", "LinearClassifier", "TreeEnsembleClassifier" -> {
                if (output == 1) {
                    return DataType.FLOAT.getNumber();
                }
                boolean strings = node.getAttributeList().stream().anyMatch(a -> a.getName().equals("classlabels_strings"));
                return strings ? DataType.STRING.getNumber() : DataType.INT64.getNumber();
            }
            case "SVMRegressor", "LinearRegressor", "TreeEnsembleRegressor", "Scaler", "Normalizer", "Binarizer" -> {
                return DataType.FLOAT.getNumber();
            }
            case "ArrayFeatureExtractor", "Imputer" -> {
                return node.getInputCount() > 0 ? types.get(node.getInput(0)) : null;
            }
            case "OneHotEncoder" -> {
                return DataType.FLOAT.getNumber();
            }
            default -> {
                return null;
            }
        }
    }
}
