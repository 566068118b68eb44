package dev.mlops.train.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.mlops.api.Json;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.features.internal.onnx.GraphBuilder;
import dev.mlops.train.onnx.internal.Embedding;
import dev.mlops.train.onnx.internal.FeatureIndex;
import dev.mlops.train.onnx.internal.MlTypes;
import dev.mlops.train.onnx.internal.ModelGraphs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exports trained Tribuo models to ONNX, and joins a preprocessing graph with an exported model into one graph.
 *
 * <p>Every exported model reads one input, {@value #FEATURES} ({@code tensor(double)} [N, F]), whose columns are the
 * caller's features in the caller's order. Tribuo's trees compare those doubles exactly, as Tribuo does; Tribuo's
 * own exports of arithmetic (linear models, factorization machines) are rewritten to compute in double, except for a
 * final softmax, which runs in float (docs/decisions/219); the graphs that compute in float by nature (XGBoost,
 * which Tribuo also feeds floats, and LibSVM's operators) read one cast of them (docs/decisions/180). Scores leave
 * the graph as floats; the predicted class is the arg max of the double scores, taken before any cast. Tribuo's own
 * exports are indexed by Tribuo's feature ids (names sorted); the export folds the reordering into the weights, or
 * inserts it. Features the caller feeds that the model never saw are ignored; features the
 * model knows that the caller does not feed are read as absent (zero for Tribuo models, missing for XGBoost) and
 * listed in {@link ExportedModel#missingFeatures()}.
 *
 * <p>Stateless and safe to call from any thread.
 */
public final class OnnxExport {
    /** The name of the feature matrix input. */
    public static final String FEATURES = "features";
    /** The name of the predicted class index output (classification). */
    public static final String LABEL = "label";
    /** The name of the class score output (classification). */
    public static final String PROBABILITIES = "probabilities";
    /** The name of the value output (regression). */
    public static final String VALUE = "value";

    /** The ONNX IR version written (ONNX 1.12; read by ONNX Runtime 1.12 and later). */
    static final long IR_VERSION = 8;
    /** The minimum {@code ai.onnx.ml} operator set written when the graph uses that domain. */
    static final long ML_OPSET = 3;
    private static final String ML_DOMAIN = GraphBuilder.ML_DOMAIN;
    /** The default-domain operator set written; ONNX Runtime 1.23 and the ONNX 1.12 checker both accept it. */
    static final long DEFAULT_OPSET = 13;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxExport.class);

    private OnnxExport() {
    }

    /**
     * Exports a trained classification ({@code Model<Label>}) or regression ({@code Model<Regressor>}) model.
     *
     * @param model        the trained model
     * @param featureNames the caller's feature names, in the column order of the {@value #FEATURES} input
     * @return the exported model and its signature
     * @throws IllegalArgumentException if the model type cannot be exported, the names are blank or repeated, or
     *                                  none of the model's features is among them
     */
    public static ExportedModel export(Model<?> model, List<String> featureNames) {
        Objects.requireNonNull(model, "model");
        FeatureIndex index = FeatureIndex.of(featureNames);
        List<String> missing = index.absentFrom(model.getFeatureIDMap());
        if (missing.size() == model.getFeatureIDMap().size()) {
            throw new IllegalArgumentException("None of the " + missing.size() + " features of model '" + model.getName()
                    + "' is among the " + index.size() + " feature names given (model knows e.g. "
                    + missing.subList(0, Math.min(5, missing.size())) + ", given e.g. "
                    + index.names().subList(0, Math.min(5, index.size())) + "); pass the preprocessing output names");
        }
        if (!missing.isEmpty()) {
            LOG.warn("Model '{}' knows {} feature(s) the caller does not feed; they are exported as absent: {}",
                    model.getName(), missing.size(), missing.size() > 10 ? missing.subList(0, 10) + "..." : missing);
        }
        ModelTask task = ModelGraphs.taskOf(model);
        List<String> labels = ModelGraphs.outputNames(model);

        GraphBuilder g = new GraphBuilder();
        g.requireOpset("", DEFAULT_OPSET);
        g.input(FEATURES, TensorProto.DataType.DOUBLE, -1, index.size());
        // Reserve the output names so no intermediate tensor takes them.
        g.reserve(LABEL);
        g.reserve(PROBABILITIES);
        g.reserve(VALUE);
        ModelGraphs.Scores scores = ModelGraphs.write(g, model, new ModelGraphs.Features(g, FEATURES), index);

        List<TensorSpec> outputs = new ArrayList<>();
        long width = labels.size();
        if (task == ModelTask.CLASSIFICATION) {
            g.opInto("", "ArgMax", List.of(scores.decision()), List.of(LABEL), Map.of("axis", 1L, "keepdims", 0L));
            asFloatOutput(g, scores, PROBABILITIES);
            g.output(LABEL, TensorProto.DataType.INT64, -1);
            g.output(PROBABILITIES, TensorProto.DataType.FLOAT, -1, width);
            outputs.add(new TensorSpec(LABEL, ElementType.INT64, List.of(-1L), false));
            outputs.add(new TensorSpec(PROBABILITIES, ElementType.FLOAT, List.of(-1L, width), false));
        } else {
            asFloatOutput(g, scores, VALUE);
            g.output(VALUE, TensorProto.DataType.FLOAT, -1, width);
            outputs.add(new TensorSpec(VALUE, ElementType.FLOAT, List.of(-1L, width), false));
        }
        Map<String, String> metadata = new HashMap<>();
        metadata.put("mlops.task", task.name());
        metadata.put("mlops.labels", Json.write(labels));
        metadata.put("mlops.features", Json.write(index.names()));
        metadata.put("mlops.tribuo_class", model.getClass().getName());
        OnnxMl.ModelProto proto = modelProto(g.build(graphName(model)), g.opsets(), IR_VERSION, metadata,
                "Tribuo " + model.getClass().getSimpleName() + " '" + model.getName() + "' exported by mlops-java");
        return new ExportedModel(proto.toByteArray(), task,
                List.of(new TensorSpec(FEATURES, ElementType.DOUBLE, List.of(-1L, (long) index.size()), false)),
                outputs, labels, index.names(), missing, task == ModelTask.CLASSIFICATION && model.generatesProbabilities());
    }

    /**
     * Joins a preprocessing graph and an exported model into one model whose inputs are the preprocessing inputs
     * and whose outputs are the model's. The preprocessing graph must have exactly one output, named
     * {@value #FEATURES}, of type {@code tensor(double)} [N, F] with F the model's feature count. Node, tensor and
     * initializer names are prefixed ({@code pre/}, {@code model/}) so that the two graphs never clash; operator
     * set imports are merged, keeping the higher version of each domain.
     *
     * @param preprocessing the fitted preprocessing graph
     * @param model         an exported model reading {@value #FEATURES}
     * @return the composed model, with the preprocessing inputs as its inputs
     */
    public static ExportedModel compose(OnnxMl.ModelProto preprocessing, ExportedModel model) {
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(model, "model");
        OnnxMl.GraphProto pre = preprocessing.getGraph();
        if (pre.getOutputCount() != 1 || !pre.getOutput(0).getName().equals(FEATURES)) {
            throw new IllegalArgumentException("The preprocessing graph must have exactly one output named '" + FEATURES
                    + "', found " + Embedding.names(pre.getOutputList()));
        }
        OnnxMl.TypeProto.Tensor featuresType = pre.getOutput(0).getType().getTensorType();
        if (featuresType.getElemType() != TensorProto.DataType.DOUBLE.getNumber()) {
            throw new IllegalArgumentException("The preprocessing output '" + FEATURES + "' must be tensor(double), found "
                    + "element type " + TensorProto.DataType.forNumber(featuresType.getElemType()));
        }
        if (featuresType.hasShape()) {
            OnnxMl.TensorShapeProto shape = featuresType.getShape();
            if (shape.getDimCount() != 2) {
                throw new IllegalArgumentException("The preprocessing output '" + FEATURES + "' must be [N, F], found rank "
                        + shape.getDimCount());
            }
            OnnxMl.TensorShapeProto.Dimension f = shape.getDim(1);
            if (f.hasDimValue() && f.getDimValue() != model.featureNames().size()) {
                throw new IllegalArgumentException("The preprocessing output '" + FEATURES + "' has " + f.getDimValue()
                        + " columns but the model reads " + model.featureNames().size() + " " + model.featureNames());
            }
        }
        OnnxMl.ModelProto inner = model.proto();
        if (inner.getGraph().getInputCount() != 1 || !inner.getGraph().getInput(0).getName().equals(FEATURES)) {
            throw new IllegalArgumentException("The model must read exactly one input named '" + FEATURES + "', found "
                    + Embedding.names(inner.getGraph().getInputList()));
        }
        GraphBuilder g = new GraphBuilder();
        g.requireOpset("", DEFAULT_OPSET);
        Map<String, String> preWiring = new HashMap<>();
        for (OnnxMl.ValueInfoProto in : pre.getInputList()) {
            boolean isInitializer = pre.getInitializerList().stream().anyMatch(t -> t.getName().equals(in.getName()));
            if (!isInitializer) {
                g.input(in);
                preWiring.put(in.getName(), in.getName());
            }
        }
        Map<String, String> modelWiring = new HashMap<>();
        for (OnnxMl.ValueInfoProto out : inner.getGraph().getOutputList()) {
            if (g.isUsed(out.getName())) {
                throw new IllegalArgumentException("The model output '" + out.getName()
                        + "' has the name of a preprocessing input; rename that input");
            }
            g.reserve(out.getName());
            modelWiring.put(out.getName(), out.getName());
        }
        String features = Embedding.embed(g, preprocessing, "pre/", preWiring).get(FEATURES);
        modelWiring.put(FEATURES, features);
        Embedding.embed(g, inner, "model/", modelWiring);
        OnnxMl.GraphProto.Builder graph = g.build(inner.getGraph().getName()).toBuilder()
                .addAllOutput(inner.getGraph().getOutputList());
        Map<String, String> metadata = new HashMap<>();
        for (OnnxMl.StringStringEntryProto e : inner.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        long ir = Math.max(inner.getIrVersion(), preprocessing.getIrVersion());
        OnnxMl.ModelProto proto = modelProto(graph.build(), g.opsets(), ir, metadata,
                "preprocessing + " + inner.getDocString());
        List<TensorSpec> inputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto in : proto.getGraph().getInputList()) {
            inputs.add(spec(in));
        }
        return new ExportedModel(proto.toByteArray(), model.task(), inputs, model.outputs(), model.labelNames(),
                model.featureNames(), model.missingFeatures(), model.probabilistic());
    }

    /**
     * Makes the scores the float graph output {@code name}: a cast of double scores, or float scores renamed in
     * place (copied when no node writes them).
     */
    private static void asFloatOutput(GraphBuilder g, ModelGraphs.Scores scores, String name) {
        if (scores.isDouble()) {
            g.opInto("", "Cast", List.of(scores.tensor()), List.of(name),
                    Map.of("to", (long) TensorProto.DataType.FLOAT.getNumber()));
        } else if (!g.renameNodeOutput(scores.tensor(), name)) {
            g.opInto("", "Identity", List.of(scores.tensor()), List.of(name), Map.of());
        }
    }

    private static TensorSpec spec(OnnxMl.ValueInfoProto info) {
        OnnxMl.TypeProto.Tensor t = info.getType().getTensorType();
        ElementType type = switch (TensorProto.DataType.forNumber(t.getElemType())) {
            case FLOAT -> ElementType.FLOAT;
            case DOUBLE -> ElementType.DOUBLE;
            case INT64 -> ElementType.INT64;
            case STRING -> ElementType.STRING;
            default -> throw new IllegalArgumentException("Input '" + info.getName() + "' has element type "
                    + TensorProto.DataType.forNumber(t.getElemType()) + "; supported are float, double, int64 and string");
        };
        List<Long> shape = new ArrayList<>();
        for (OnnxMl.TensorShapeProto.Dimension d : t.getShape().getDimList()) {
            shape.add(d.hasDimValue() ? d.getDimValue() : -1L);
        }
        return new TensorSpec(info.getName(), type, shape, false);
    }

    private static OnnxMl.ModelProto modelProto(OnnxMl.GraphProto graph, Map<String, Long> opsets, long irVersion,
                                                Map<String, String> metadata, String doc) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(irVersion)
                .setProducerName("mlops-java")
                .setProducerVersion("0.1.0")
                .setDomain("dev.mlops")
                .setModelVersion(1)
                .setDocString(doc)
                .setGraph(MlTypes.annotate(graph));
        opsets.forEach((domain, version) -> m.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(domain)
                // ai.onnx.ml 3 is where TreeEnsembleRegressor gained type inference; the operators used are unchanged.
                .setVersion(domain.equals(ML_DOMAIN) ? Math.max(version, ML_OPSET) : version)));
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> m.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue())));
        return m.build();
    }

    private static String graphName(Model<?> model) {
        return "mlops_" + model.getClass().getSimpleName();
    }
}
