package dev.mlops.features.internal.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mutable ONNX graph under construction: nodes, initializers, inputs and outputs, with unique names.
 * The one graph builder of the project: the preprocessing graph (mlops-features) and the model export
 * (mlops-train) both write through it. Not thread-safe; one builder per graph.
 */
public final class GraphBuilder {
    /** The domain of the classical machine learning operators (trees, SVMs, encoders). */
    public static final String ML_DOMAIN = "ai.onnx.ml";

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final List<ValueInfoProto> valueInfos = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private int counter;

    /** Creates an empty graph. */
    public GraphBuilder() {
    }

    /** Returns a tensor name not used yet in this graph, derived from {@code base}. */
    public String fresh(String base) {
        String name = base;
        while (names.contains(name)) {
            name = base + "_" + (counter++);
        }
        names.add(name);
        return name;
    }

    /** Marks a name as used (for names copied from another graph). */
    public void reserve(String name) {
        names.add(name);
    }

    /** Whether a name is already taken. */
    public boolean isUsed(String name) {
        return names.contains(name);
    }

    /** Declares that the graph needs at least {@code version} of the operator set {@code domain}. */
    public void requireOpset(String domain, long version) {
        opsets.merge(domain, version, Math::max);
    }

    /** The operator sets required so far, domain to version. */
    public Map<String, Long> opsets() {
        return opsets;
    }

    /** Adds a graph input of the given element type and shape ({@code -1} for a symbolic batch dimension). */
    public void input(String name, TensorProto.DataType type, long... shape) {
        reserve(name);
        inputs.add(valueInfo(name, type, shape));
    }

    /** Adds a graph input exactly as declared elsewhere. */
    public void input(ValueInfoProto info) {
        reserve(info.getName());
        inputs.add(info);
    }

    /** Adds a graph output of the given element type and shape ({@code -1} for a symbolic batch dimension). */
    public void output(String name, TensorProto.DataType type, long... shape) {
        outputs.add(valueInfo(name, type, shape));
    }

    /** Adds an intermediate value description (kept for readers of the graph; optional for runtimes). */
    public void valueInfo(ValueInfoProto info) {
        valueInfos.add(info);
    }

    /** Adds a node as is (its names must already be unique in this graph). */
    public void node(NodeProto node) {
        nodes.add(node);
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            opsets.putIfAbsent(node.getDomain(), 1L);
        }
    }

    /**
     * Renames a tensor written by a node of this graph (and every read of it), so that a result can become a graph
     * output without an Identity copy. Returns false when no node writes {@code from} (a graph input or initializer).
     */
    public boolean renameNodeOutput(String from, String to) {
        boolean written = nodes.stream().anyMatch(n -> n.getOutputList().contains(from));
        if (!written) {
            return false;
        }
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (n.getInputList().contains(from) || n.getOutputList().contains(from)) {
                NodeProto.Builder b = n.toBuilder().clearInput().clearOutput();
                n.getInputList().forEach(in -> b.addInput(in.equals(from) ? to : in));
                n.getOutputList().forEach(out -> b.addOutput(out.equals(from) ? to : out));
                nodes.set(i, b.build());
            }
        }
        reserve(to);
        return true;
    }

    /** Adds an initializer as is (its name must already be unique in this graph). */
    public void initializer(TensorProto tensor) {
        reserve(tensor.getName());
        initializers.add(tensor);
    }

    /**
     * Adds a node of the default domain with one output and returns the output's name.
     * Attribute values may be Long, Integer, Float, Double, String, long[], float[], String[] or TensorProto.
     */
    public String op(String opType, List<String> nodeInputs, Map<String, Object> attributes) {
        return opIn("", opType, nodeInputs, attributes);
    }

    /** Adds a node of {@code domain} with one output and returns the output's name. */
    public String opIn(String domain, String opType, List<String> nodeInputs, Map<String, Object> attributes) {
        String out = fresh(opType.toLowerCase() + "_out");
        opInto(domain, opType, nodeInputs, List.of(out), attributes);
        return out;
    }

    /** Adds a node writing to the named outputs. */
    public void opInto(String domain, String opType, List<String> nodeInputs, List<String> nodeOutputs,
                       Map<String, Object> attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(opType)
                .setName(fresh(opType.toLowerCase()))
                .addAllInput(nodeInputs)
                .addAllOutput(nodeOutputs);
        if (!domain.isEmpty()) {
            node.setDomain(domain);
        }
        for (String o : nodeOutputs) {
            reserve(o);
        }
        // Sorted, so that the same model always serializes to the same bytes (Map.of iterates in random order).
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.addAttribute(attribute(e.getKey(), e.getValue())));
        node(node.build());
    }

    /** Adds a float initializer and returns its name. */
    public String floats(String base, long[] dims, float[] values) {
        TensorProto.Builder t = tensor(base, TensorProto.DataType.FLOAT, dims);
        for (float v : values) {
            t.addFloatData(v);
        }
        return add(t);
    }

    /** Adds a double initializer and returns its name. */
    public String doubles(String base, long[] dims, double[] values) {
        TensorProto.Builder t = tensor(base, TensorProto.DataType.DOUBLE, dims);
        for (double v : values) {
            t.addDoubleData(v);
        }
        return add(t);
    }

    /** Adds an int64 initializer and returns its name. */
    public String longs(String base, long[] dims, long[] values) {
        TensorProto.Builder t = tensor(base, TensorProto.DataType.INT64, dims);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return add(t);
    }

    private TensorProto.Builder tensor(String base, TensorProto.DataType type, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(fresh(base)).setDataType(type.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        return t;
    }

    private String add(TensorProto.Builder t) {
        initializers.add(t.build());
        return t.getName();
    }

    /** Builds the graph proto. */
    public OnnxMl.GraphProto build(String graphName) {
        return OnnxMl.GraphProto.newBuilder()
                .setName(graphName)
                .addAllNode(nodes)
                .addAllInitializer(initializers)
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .addAllValueInfo(valueInfos)
                .build();
    }

    /** A tensor value description; {@code -1} marks a symbolic dimension named {@code N}. */
    public static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long... shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            if (d < 0) {
                s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
            } else {
                s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
        }
        TypeProto t = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(s))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(t).build();
    }

    /** Builds one attribute from a Java value. */
    public static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Long || value instanceof Integer) {
            a.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
        } else if (value instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] ls) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (value instanceof float[] fs) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float f : fs) {
                a.addFloats(f);
            }
        } else if (value instanceof String[] ss) {
            a.setType(AttributeProto.AttributeType.STRINGS);
            for (String s : ss) {
                a.addStrings(com.google.protobuf.ByteString.copyFromUtf8(s));
            }
        } else if (value instanceof TensorProto t) {
            a.setType(AttributeProto.AttributeType.TENSOR).setT(t);
        } else {
            throw new IllegalArgumentException("Unsupported ONNX attribute value for '" + name + "': "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return a.build();
    }
}
