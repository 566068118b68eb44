package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the final softmax of a double linear classifier in float (issue 13.4; docs/decisions/219). ONNX Runtime's
 * double {@code Softmax} has no vectorised kernel and cost as much as the rest of the graph's extra work over
 * Tribuo's float graph; the served probabilities are floats anyway.
 *
 * <p>Where the graph's output is {@code Softmax} (through any {@code Identity}) of a {@code Gemm} whose weights and
 * bias are initializers: the weights and bias are centred over the classes (softmax does not change when every
 * class's score moves by the same amount, so the probabilities are unchanged, but the scores no longer carry a
 * common offset that a float would round); the centred double scores are cast to float in front of the softmax; and
 * they are kept as a second graph output, from which the label is taken in double, as Tribuo takes it.
 */
final class FloatSoftmax {
    private FloatSoftmax() {
    }

    /**
     * A lowered model and the name, in it, of the double class scores its label is to be taken from.
     *
     * @param model the model, whose first output is now float probabilities
     * @param scores the graph output holding the double scores [N, C]
     */
    record Lowered(OnnxMl.ModelProto model, String scores) {
    }

    /** The model with a float softmax, or empty when its graph does not end in a softmax of a linear layer. */
    static Optional<Lowered> lower(OnnxMl.ModelProto model) {
        OnnxMl.GraphProto graph = model.getGraph();
        if (graph.getOutputCount() != 1) {
            return Optional.empty();
        }
        Map<String, NodeProto> writers = new HashMap<>();
        Map<String, Integer> readers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            node.getOutputList().forEach(o -> writers.put(o, node));
            node.getInputList().forEach(i -> readers.merge(i, 1, Integer::sum));
        }
        // The tensors that become float: the softmax's output and the Identity chain to the graph output, each read
        // by the next link only, so no other node sees its type change.
        Set<String> floatNames = new HashSet<>();
        String output = graph.getOutput(0).getName();
        String name = output;
        NodeProto node = writers.get(name);
        while (node != null && node.getOpType().equals("Identity")) {
            floatNames.add(name);
            name = node.getInput(0);
            node = writers.get(name);
        }
        floatNames.add(name);
        if (node == null || !node.getOpType().equals("Softmax") || !isDefaultDomain(node)) {
            return Optional.empty();
        }
        for (String t : floatNames) {
            if (readers.getOrDefault(t, 0) != (t.equals(output) ? 0 : 1)) {
                return Optional.empty();
            }
        }
        NodeProto softmax = node;
        String scores = softmax.getInput(0);
        NodeProto gemm = writers.get(scores);
        long axis = Embedding.intAttribute(softmax, "axis", defaultOpset(model) >= 13 ? -1 : 1);
        if (gemm == null || !gemm.getOpType().equals("Gemm") || !isDefaultDomain(gemm) || gemm.getInputCount() != 3
                || !(axis == 1 || axis == -1) || readers.getOrDefault(scores, 0) != 1) {
            return Optional.empty();
        }
        Map<String, Integer> initializerAt = new HashMap<>();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            initializerAt.put(graph.getInitializer(i).getName(), i);
        }
        Integer weightsAt = initializerAt.get(gemm.getInput(1));
        Integer biasAt = initializerAt.get(gemm.getInput(2));
        if (weightsAt == null || biasAt == null || readers.get(gemm.getInput(1)) != 1
                || readers.get(gemm.getInput(2)) != 1) {
            return Optional.empty();
        }
        TensorProto weights = graph.getInitializer(weightsAt);
        TensorProto bias = graph.getInitializer(biasAt);
        boolean transposed = Embedding.intAttribute(gemm, "transB", 0) == 1;
        if (!isDoubles(weights) || !isDoubles(bias) || weights.getDimsCount() != 2) {
            return Optional.empty();
        }
        int classes = (int) weights.getDims(transposed ? 0 : 1);
        if (bias.getDoubleDataCount() != classes) {
            return Optional.empty();
        }

        OnnxMl.GraphProto.Builder g = graph.toBuilder();
        g.setInitializer(weightsAt, centredWeights(weights, transposed));
        g.setInitializer(biasAt, centred(bias));
        String floatScores = scores + "/float";
        int softmaxAt = graph.getNodeList().indexOf(softmax);
        g.setNode(softmaxAt, softmax.toBuilder().setInput(0, floatScores));
        g.addNode(softmaxAt, NodeProto.newBuilder().setOpType("Cast").setName(floatScores).addInput(scores)
                .addOutput(floatScores).addAttribute(OnnxMl.AttributeProto.newBuilder().setName("to")
                        .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(TensorProto.DataType.FLOAT_VALUE)));
        for (int i = g.getValueInfoCount() - 1; i >= 0; i--) {
            if (floatNames.contains(g.getValueInfo(i).getName()) || g.getValueInfo(i).getName().equals(scores)) {
                g.removeValueInfo(i);
            }
        }
        ValueInfoProto probabilities = g.getOutput(0);
        g.setOutput(0, withType(probabilities, TensorProto.DataType.FLOAT_VALUE));
        g.addOutput(withType(probabilities, TensorProto.DataType.DOUBLE_VALUE).toBuilder().setName(scores));
        return Optional.of(new Lowered(model.toBuilder().setGraph(g).build(), scores));
    }

    private static long defaultOpset(OnnxMl.ModelProto model) {
        for (OnnxMl.OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
                return opset.getVersion();
            }
        }
        return 1;
    }

    private static boolean isDefaultDomain(NodeProto node) {
        return node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
    }

    private static boolean isDoubles(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.DOUBLE_VALUE && t.getRawData().isEmpty();
    }

    private static ValueInfoProto withType(ValueInfoProto info, int elemType) {
        ValueInfoProto.Builder b = info.toBuilder();
        b.getTypeBuilder().getTensorTypeBuilder().setElemType(elemType);
        return b.build();
    }

    /** The weights less, for each feature, their mean over the classes. */
    private static TensorProto centredWeights(TensorProto w, boolean transposed) {
        int classes = (int) w.getDims(transposed ? 0 : 1);
        return centred(w, (int) w.getDims(transposed ? 1 : 0), classes, transposed);
    }

    /** A bias less its mean. */
    private static TensorProto centred(TensorProto bias) {
        return centred(bias, 1, bias.getDoubleDataCount(), false);
    }

    /** The tensor less, for each of {@code features} features, its mean over the classes ([F, C], or [C, F]). */
    private static TensorProto centred(TensorProto t, int features, int classes, boolean transposed) {
        double[] v = t.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray();
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += v[transposed ? c * features + f : f * classes + c];
            }
            double mean = sum / classes;
            for (int c = 0; c < classes; c++) {
                v[transposed ? c * features + f : f * classes + c] -= mean;
            }
        }
        return t.toBuilder().clearDoubleData().addAllDoubleData(boxed(v)).build();
    }

    private static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
