package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies the nodes of another ONNX model into a {@link GraphBuilder}, renaming every node, tensor and
 * initializer with a prefix so that two graphs can never clash, and wiring the copied graph's inputs and
 * outputs to names chosen by the caller.
 */
public final class Embedding {
    private Embedding() {
    }

    /**
     * Embeds {@code model}'s graph into {@code g}.
     *
     * @param g        the graph receiving the nodes
     * @param model    the model to copy
     * @param prefix   prepended to every copied name
     * @param inputMap the copied graph's input names to the tensors of {@code g} that feed them
     * @return the copied graph's output names mapped to their (prefixed) names in {@code g}
     */
    public static Map<String, String> embed(GraphBuilder g, OnnxMl.ModelProto model, String prefix,
                                            Map<String, String> inputMap) {
        GraphProto graph = model.getGraph();
        for (OnnxMl.OperatorSetIdProto opset : model.getOpsetImportList()) {
            String domain = opset.getDomain().equals("ai.onnx") ? "" : opset.getDomain();
            g.requireOpset(domain, opset.getVersion());
        }
        if (graph.getSparseInitializerCount() > 0) {
            throw new IllegalArgumentException("Graph '" + graph.getName() + "' uses sparse initializers, which "
                    + "composition does not support; densify them before exporting");
        }
        Map<String, String> rename = new HashMap<>(inputMap);
        for (OnnxMl.ValueInfoProto in : graph.getInputList()) {
            if (!rename.containsKey(in.getName())) {
                boolean isInitializer = graph.getInitializerList().stream().anyMatch(t -> t.getName().equals(in.getName()));
                if (!isInitializer) {
                    throw new IllegalArgumentException("Graph input '" + in.getName() + "' of '" + graph.getName()
                            + "' is not wired; known wiring: " + inputMap.keySet());
                }
            }
        }
        for (TensorProto init : graph.getInitializerList()) {
            String name = prefixed(g, prefix, init.getName(), rename);
            g.initializer(init.toBuilder().setName(name).build());
        }
        for (NodeProto node : graph.getNodeList()) {
            NodeProto.Builder copy = node.toBuilder().clearInput().clearOutput()
                    .setName(g.fresh(prefix + (node.getName().isEmpty() ? node.getOpType() : node.getName())));
            for (String in : node.getInputList()) {
                copy.addInput(in.isEmpty() ? "" : prefixed(g, prefix, in, rename));
            }
            for (String out : node.getOutputList()) {
                copy.addOutput(out.isEmpty() ? "" : prefixed(g, prefix, out, rename));
            }
            for (OnnxMl.AttributeProto a : node.getAttributeList()) {
                // A subgraph that reads only its own names (LibSvmGraphs' loop body) is copied as it is.
                if (a.getGraphsCount() > 0 || a.hasG() && !selfContained(a.getG())) {
                    throw new IllegalArgumentException("Node '" + node.getName() + "' (" + node.getOpType()
                            + ") holds a subgraph that reads the graph around it, which composition does not "
                            + "support");
                }
            }
            g.node(copy.build());
        }
        // Keep the copied graph's type declarations (under the new names): they type ai.onnx.ml outputs for checkers.
        for (OnnxMl.ValueInfoProto info : graph.getValueInfoList()) {
            String renamed = rename.get(info.getName());
            if (renamed != null) {
                g.valueInfo(info.toBuilder().setName(renamed).build());
            }
        }
        Map<String, String> outputs = new HashMap<>();
        for (OnnxMl.ValueInfoProto out : graph.getOutputList()) {
            String mapped = rename.get(out.getName());
            if (mapped == null) {
                throw new IllegalArgumentException("Graph output '" + out.getName() + "' of '" + graph.getName()
                        + "' is produced by no node");
            }
            outputs.put(out.getName(), mapped);
        }
        return outputs;
    }

    /** Whether every tensor a graph's nodes read is one of its inputs, initializers or node outputs. */
    private static boolean selfContained(GraphProto graph) {
        Set<String> own = new HashSet<>();
        graph.getInputList().forEach(i -> own.add(i.getName()));
        graph.getInitializerList().forEach(i -> own.add(i.getName()));
        graph.getNodeList().forEach(n -> own.addAll(n.getOutputList()));
        for (NodeProto n : graph.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty() && !own.contains(in)) {
                    return false;
                }
            }
            for (OnnxMl.AttributeProto a : n.getAttributeList()) {
                if (a.hasG() || a.getGraphsCount() > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String prefixed(GraphBuilder g, String prefix, String name, Map<String, String> rename) {
        String known = rename.get(name);
        if (known != null) {
            return known;
        }
        String fresh = g.fresh(prefix + name);
        rename.put(name, fresh);
        return fresh;
    }

    /** The value of an integer attribute of a node, or {@code fallback}. */
    public static long intAttribute(NodeProto node, String name, long fallback) {
        for (OnnxMl.AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    /** The names of a list of value infos. */
    public static List<String> names(List<OnnxMl.ValueInfoProto> infos) {
        return infos.stream().map(OnnxMl.ValueInfoProto::getName).toList();
    }
}
