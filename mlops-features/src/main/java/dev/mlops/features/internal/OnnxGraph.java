package dev.mlops.features.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the ONNX graph of a fitted preprocessing chain. It tracks, for each working column, the tensor that holds
 * it: a {@code [N,1]} tensor of its own, or one column of a wider {@code [N,K]} tensor (one-hot output), so the
 * final {@code Concat} can use wide tensors whole.
 */
public final class OnnxGraph {
    /** The default-domain opset: onnx 1.12's checker knows up to 17, and ONNX Runtime runs it. */
    public static final int OPSET = 17;
    /** The ai.onnx.ml opset (LabelEncoder v2, OneHotEncoder). */
    public static final int ML_OPSET = 3;
    static final String ML = "ai.onnx.ml";

    /** Where a working column lives: {@code index == -1} means a {@code [N,1]} tensor of its own. */
    record Ref(String tensor, int index, int width, boolean string) {
    }

    private final GraphBuilder graph = new GraphBuilder();
    private final Map<String, Ref> columns = new HashMap<>();
    private final Set<String> inputNames = new HashSet<>();
    private int counter;

    /** Declares a graph input per original column; names are the column names. */
    public OnnxGraph(List<dev.mlops.api.Field> inputs) {
        for (dev.mlops.api.Field f : inputs) {
            boolean string = f.type() == dev.mlops.api.FieldType.CATEGORICAL || f.type() == dev.mlops.api.FieldType.TEXT;
            graph.input(GraphBuilder.valueInfo(f.name(), string ? TensorProto.DataType.STRING : TensorProto.DataType.DOUBLE,
                    -1, 1));
            inputNames.add(f.name());
            columns.put(f.name(), new Ref(f.name(), -1, 1, string));
        }
    }

    /** A fresh tensor name. */
    String fresh(String hint) {
        return graph.fresh(base(hint));
    }

    /** A numbered, sanitized name, unused so far (the builder keeps it as is). */
    private String base(String hint) {
        String n;
        do {
            n = "t" + (counter++) + "_" + hint.replaceAll("[^A-Za-z0-9_]", "_");
        } while (graph.isUsed(n));
        return n;
    }

    /** The {@code [N,1]} tensor of a working column, gathered out of a wider tensor when needed. */
    String column(String name) {
        Ref r = columns.get(name);
        if (r == null) {
            throw new IllegalStateException("No tensor for column '" + name + "'");
        }
        if (r.index() < 0) {
            return r.tensor();
        }
        String idx = int64Init(name + "_index", new long[] {r.index()}, new long[] {1});
        String out = fresh(name);
        node("Gather", "", List.of(r.tensor(), idx), List.of(out), List.of(intAttr("axis", 1)));
        columns.put(name, new Ref(out, -1, 1, false));
        return out;
    }

    /** Records that a working column now lives in a {@code [N,1]} tensor. */
    void set(String name, String tensor, boolean string) {
        columns.put(name, new Ref(tensor, -1, 1, string));
    }

    /** Records that the working columns {@code names} are the columns of one {@code [N,K]} double tensor. */
    void setWide(List<String> outNames, String tensor) {
        for (int i = 0; i < outNames.size(); i++) {
            columns.put(outNames.get(i), new Ref(tensor, i, outNames.size(), false));
        }
    }

    /** Adds a node. */
    void node(String op, String domain, List<String> inputs, List<String> outputs, List<AttributeProto> attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(fresh(op)).addAllInput(inputs)
                .addAllOutput(outputs).addAllAttribute(attributes);
        if (!domain.isEmpty()) {
            n.setDomain(domain);
        }
        graph.node(n.build());
    }

    /** A double initializer named after {@code hint}; returns its name. */
    String doubleInit(String hint, double[] values, long[] dims) {
        return graph.doubles(base(hint), dims, values);
    }

    /**
     * Adds {@code Cast(to=DOUBLE)} of a float tensor (what the {@code ai.onnx.ml} encoders write), giving a new
     * tensor named after {@code hint}. Their values (0, 1, small indices, -1) are exact in both types.
     */
    String toDouble(String tensor, String hint) {
        String out = fresh(hint);
        node("Cast", "", List.of(tensor), List.of(out), List.of(intAttr("to", TensorProto.DataType.DOUBLE.getNumber())));
        return out;
    }

    /** An int64 initializer named after {@code hint}; returns its name. */
    String int64Init(String hint, long[] values, long[] dims) {
        return graph.longs(base(hint), dims, values);
    }

    static AttributeProto intAttr(String name, long v) {
        return GraphBuilder.attribute(name, v);
    }

    static AttributeProto floatAttr(String name, float v) {
        return GraphBuilder.attribute(name, v);
    }

    static AttributeProto stringAttr(String name, String v) {
        return GraphBuilder.attribute(name, v);
    }

    static AttributeProto floatsAttr(String name, float... v) {
        return GraphBuilder.attribute(name, v);
    }

    static AttributeProto stringsAttr(String name, List<String> v) {
        return GraphBuilder.attribute(name, v.toArray(String[]::new));
    }

    /**
     * Concatenates the working columns {@code outputs} (all double) into the graph output {@code features}
     * {@code [N, F]}, and returns the model.
     */
    public ModelProto finish(List<String> outputs, String docString) {
        if (inputNames.contains("features")) {
            throw new IllegalStateException("An input column is named 'features', the name of the model's output;"
                    + " rename the column before fitting");
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < outputs.size()) {
            Ref r = columns.get(outputs.get(i));
            if (r == null) {
                throw new IllegalStateException("No tensor for output column '" + outputs.get(i) + "'");
            }
            if (r.string()) {
                throw new IllegalStateException("Output column '" + outputs.get(i) + "' is still a string");
            }
            if (r.index() == 0 && i + r.width() <= outputs.size() && coversWhole(outputs, i, r)) {
                parts.add(r.tensor());
                i += r.width();
            } else {
                parts.add(column(outputs.get(i)));
                i++;
            }
        }
        node("Concat", "", parts, List.of("features"), List.of(intAttr("axis", 1)));
        graph.output("features", TensorProto.DataType.DOUBLE, -1, outputs.size());
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("mlops-java")
                .setProducerVersion("0.1")
                .setDomain("dev.mlops")
                .setModelVersion(1)
                .setDocString(docString)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML).setVersion(ML_OPSET))
                .setGraph(graph.build("mlops_preprocessing").toBuilder().setDocString(docString))
                .build();
    }

    private boolean coversWhole(List<String> outputs, int start, Ref r) {
        for (int k = 0; k < r.width(); k++) {
            Ref o = columns.get(outputs.get(start + k));
            if (o == null || !o.tensor().equals(r.tensor()) || o.index() != k) {
                return false;
            }
        }
        return true;
    }
}
