package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.mlops.features.internal.onnx.GraphBuilder;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.libsvm.LibSVMClassificationModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a model through Tribuo's own ONNX export ({@link ONNXExportable#exportONNXModel}) and wires it to the
 * caller's feature order with a {@code Gather} on axis 1.
 */
final class TribuoExportables {
    private TribuoExportables() {
    }

    /**
     * Appends the model's graph to {@code g}; returns its [N, C] output. A graph of plain arithmetic is rewritten
     * to compute in double and reads the double features, as Tribuo computes (a final softmax of a linear layer
     * runs in float, {@link FloatSoftmax}); one with a float-only operator (LibSVM's) reads the float cast of them.
     */
    static ModelGraphs.Scores write(GraphBuilder g, Model<?> model, ModelGraphs.Features features, FeatureIndex index) {
        OnnxMl.ModelProto exported = ((ONNXExportable) model).exportONNXModel("dev.mlops", 1);
        if (model instanceof LibLinearClassificationModel liblinear && isLibLinearProbabilityModel(liblinear)) {
            exported = LibLinearProbabilities.fix(exported);
        }
        if (model instanceof LibSVMClassificationModel libsvm && libsvm.generatesProbabilities()
                && libsvm.getOutputIDInfo().size() == 2) {
            exported = LibSvmBinaryProbabilities.fix(exported);
        }
        Optional<OnnxMl.ModelProto> inDouble = DoubleGraphs.promote(exported);
        boolean isDouble = inDouble.isPresent();
        exported = inDouble.orElse(exported);
        String modelInput = exported.getGraph().getInput(0).getName();
        String source = isDouble ? features.doubles() : features.floats();
        int[] columns = index.columnsFor(model.getFeatureIDMap());
        Optional<OnnxMl.ModelProto> folded = GatherFolding.fold(exported, columns, index.size());
        exported = folded.orElse(exported);
        String gathered = folded.isPresent() ? source : Gathers.gather(g, source, columns, index.size(), isDouble);
        Optional<FloatSoftmax.Lowered> lowered = isDouble ? FloatSoftmax.lower(exported) : Optional.empty();
        exported = lowered.map(FloatSoftmax.Lowered::model).orElse(exported);
        String prefix = g.fresh("tribuo") + "/";
        Map<String, String> outputs = Embedding.embed(g, exported, prefix, Map.of(modelInput, gathered));
        String scores = outputs.get(exported.getGraph().getOutput(0).getName());
        return lowered.isPresent() ? new ModelGraphs.Scores(scores, false, outputs.get(lowered.get().scores()))
                : new ModelGraphs.Scores(scores, isDouble);
    }

    /** {@code model} with {@code graph}, importing the default domain at version 13 or above (the fixes use it). */
    private static OnnxMl.ModelProto withDefaultOpsetAtLeast13(OnnxMl.ModelProto model, OnnxMl.GraphProto graph) {
        OnnxMl.ModelProto.Builder builder = model.toBuilder().setGraph(graph).clearOpsetImport();
        boolean sawDefault = false;
        for (OnnxMl.OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
                sawDefault = true;
                builder.addOpsetImport(opset.toBuilder().setVersion(Math.max(13, opset.getVersion())));
            } else {
                builder.addOpsetImport(opset);
            }
        }
        if (!sawDefault) {
            builder.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13));
        }
        return builder.build();
    }

    private static boolean isLibLinearProbabilityModel(LibLinearClassificationModel model) {
        // Copies the inner model, but only once per export.
        return model.getInnerModels().get(0).isProbabilityModel();
    }

    /**
     * LibLinear's probability estimates are not a softmax: a binary model gives {@code sigmoid(d)} and
     * {@code 1 - sigmoid(d)}, a multi-class (one-vs-rest) model gives {@code sigmoid(d_c) / sum_k sigmoid(d_k)}.
     * Tribuo 4.3's export ends with a softmax over {@code [d, -d]} (binary) or {@code d_c}, which agrees on the
     * arg max but not on the probabilities. Replacing the final softmax with sigmoid-then-normalise reproduces
     * LibLinear exactly in both cases (for binary, the two sigmoids already sum to one).
     */
    static final class LibLinearProbabilities {
        private LibLinearProbabilities() {
        }

        private static int producer(List<NodeProto> nodes, String tensor) {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                if (nodes.get(i).getOutputList().contains(tensor)) {
                    return i;
                }
            }
            return -1;
        }

        static OnnxMl.ModelProto fix(OnnxMl.ModelProto model) {
            OnnxMl.GraphProto graph = model.getGraph();
            String output = graph.getOutput(0).getName();
            List<NodeProto> nodes = new ArrayList<>(graph.getNodeList());
            int last = producer(nodes, output);
            // Tribuo assigns the result to the graph output through Identity nodes; look through them.
            while (last >= 0 && nodes.get(last).getOpType().equals("Identity")) {
                last = producer(nodes, nodes.get(last).getInput(0));
            }
            if (last < 0 || !nodes.get(last).getOpType().equals("Softmax")) {
                throw new IllegalStateException("Tribuo's LibLinear export no longer ends with a Softmax (found "
                        + (last < 0 ? "no producer" : nodes.get(last).getOpType()) + " for '" + output
                        + "'); the probability correction in dev.mlops.train.onnx must be revisited for this Tribuo version");
            }
            NodeProto softmax = nodes.remove(last);
            String logits = softmax.getInput(0);
            output = softmax.getOutput(0);
            String sigmoidOut = output + "_sigmoid";
            String sumOut = output + "_sum";
            String axes = output + "_sum_axes";
            nodes.add(last, NodeProto.newBuilder().setOpType("Sigmoid").setName(softmax.getName() + "_sigmoid")
                    .addInput(logits).addOutput(sigmoidOut).build());
            nodes.add(last + 1, NodeProto.newBuilder().setOpType("ReduceSum").setName(softmax.getName() + "_sum")
                    .addInput(sigmoidOut).addInput(axes).addOutput(sumOut)
                    .addAttribute(GraphBuilder.attribute("keepdims", 1L)).build());
            nodes.add(last + 2, NodeProto.newBuilder().setOpType("Div").setName(softmax.getName() + "_normalise")
                    .addInput(sigmoidOut).addInput(sumOut).addOutput(output).build());
            OnnxMl.TensorProto axesTensor = OnnxMl.TensorProto.newBuilder().setName(axes)
                    .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(1).addInt64Data(1).build();
            OnnxMl.GraphProto fixed = graph.toBuilder().clearNode().addAllNode(nodes).addInitializer(axesTensor).build();
            // ReduceSum takes its axes as an input from opset 13 on.
            return withDefaultOpsetAtLeast13(model, fixed);
        }
    }

    /**
     * For two classes LibSVM takes Platt's sigmoid directly, {@code p0 = 1 / (1 + exp(A f + B))} clipped to
     * {@code [1e-7, 1 - 1e-7]}, but ONNX Runtime's {@code SVMClassifier} always runs the iterative pairwise coupling,
     * which stops at a tolerance of 0.0025 and drifts from LibSVM by up to 2e-3 on confident rows. The fix removes
     * the probability attributes (the node then writes {@code [-f, f]}) and computes Platt's sigmoid in the graph.
     * Multi-class models are left alone: LibSVM uses the same coupling there, and the results agree.
     */
    static final class LibSvmBinaryProbabilities {
        private LibSvmBinaryProbabilities() {
        }

        static OnnxMl.ModelProto fix(OnnxMl.ModelProto model) {
            OnnxMl.GraphProto graph = model.getGraph();
            List<NodeProto> nodes = new ArrayList<>(graph.getNodeList());
            int at = -1;
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).getOpType().equals("SVMClassifier")) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new IllegalStateException("Tribuo's LibSVM export no longer holds an SVMClassifier node; the binary "
                        + "probability correction in dev.mlops.train.onnx must be revisited for this Tribuo version");
            }
            NodeProto svm = nodes.get(at);
            float a = Float.NaN;
            float b = Float.NaN;
            NodeProto.Builder plain = svm.toBuilder().clearAttribute();
            for (OnnxMl.AttributeProto attr : svm.getAttributeList()) {
                switch (attr.getName()) {
                    case "prob_a" -> a = attr.getFloats(0);
                    case "prob_b" -> b = attr.getFloats(0);
                    default -> plain.addAttribute(attr);
                }
            }
            String scores = svm.getOutput(1);
            String raw = scores + "_decision";
            plain.setOutput(1, raw);
            List<NodeProto> added = new ArrayList<>();
            List<OnnxMl.TensorProto> inits = new ArrayList<>();
            String p = scores + "_platt_";
            inits.add(longTensor(p + "col", 1));
            inits.add(floatTensor(p + "a", a));
            inits.add(floatTensor(p + "b", b));
            inits.add(floatTensor(p + "lo", 1e-7f));
            inits.add(floatTensor(p + "hi", 1 - 1e-7f));
            inits.add(floatTensor(p + "one", 1f));
            // The decision value f of label[0] against label[1] is the second column of [-f, f].
            added.add(node("Gather", p + "f", List.of(raw, p + "col"), p + "f", GraphBuilder.attribute("axis", 1L)));
            added.add(node("Mul", p + "fa", List.of(p + "f", p + "a"), p + "fa", null));
            added.add(node("Add", p + "z", List.of(p + "fa", p + "b"), p + "z", null));
            added.add(node("Neg", p + "negz", List.of(p + "z"), p + "negz", null));
            added.add(node("Sigmoid", p + "p0raw", List.of(p + "negz"), p + "p0raw", null));
            added.add(node("Clip", p + "p0", List.of(p + "p0raw", p + "lo", p + "hi"), p + "p0", null));
            added.add(node("Sub", p + "p1", List.of(p + "one", p + "p0"), p + "p1", null));
            added.add(node("Concat", p + "probs", List.of(p + "p0", p + "p1"), scores, GraphBuilder.attribute("axis", 1L)));
            nodes.set(at, plain.build());
            nodes.addAll(at + 1, added);
            OnnxMl.GraphProto fixed = graph.toBuilder().clearNode().addAllNode(nodes).addAllInitializer(inits).build();
            return withDefaultOpsetAtLeast13(model, fixed);
        }

        private static NodeProto node(String op, String name, List<String> in, String out, OnnxMl.AttributeProto attr) {
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out);
            if (attr != null) {
                n.addAttribute(attr);
            }
            return n.build();
        }

        private static OnnxMl.TensorProto floatTensor(String name, float value) {
            return OnnxMl.TensorProto.newBuilder().setName(name)
                    .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addFloatData(value).build();
        }

        private static OnnxMl.TensorProto longTensor(String name, long value) {
            return OnnxMl.TensorProto.newBuilder().setName(name).addDims(1)
                    .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber()).addInt64Data(value).build();
        }
    }
}
