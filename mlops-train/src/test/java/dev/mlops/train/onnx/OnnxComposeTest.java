package dev.mlops.train.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.TensorSpec;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Composition of a preprocessing graph (one input per original column, one output {@code features}) with an
 * exported model: the composed graph reads the raw columns and predicts what Tribuo predicts on the
 * preprocessed rows.
 */
class OnnxComposeTest {
    private static final String[] COLOURS = {"red", "green", "blue"};
    /** The preprocessing output order: two numeric columns, then the one-hot colour columns. */
    private static final List<String> FEATURES = List.of("age", "income", "colour=red", "colour=green", "colour=blue");

    private record Raw(float[][] age, float[][] income, String[][] colour, List<Example<Label>> examples) {
    }

    @Test
    void compose_preprocessingAndModel_predictsLikeTribuoOnPreprocessedRows() {
        for (Model<Label> model : List.of(new LogisticRegressionTrainer().train(train()),
                new XGBoostClassificationTrainer(8).train(train()))) {
            ExportedModel composed = OnnxExport.compose(preprocessing(15, 2), OnnxExport.export(model, FEATURES));
            Parity.save("composed-" + model.getClass().getSimpleName(), composed);
            Raw raw = raw(99, 150);
            Map<String, Object> out = Ort.run(composed.modelBytes(),
                    Map.of("age", raw.age(), "income", raw.income(), "colour", raw.colour()));
            long[] labels = (long[]) out.get("label");
            float[][] probs = (float[][]) out.get("probabilities");
            for (int i = 0; i < raw.examples().size(); i++) {
                Prediction<Label> p = model.predict(raw.examples().get(i));
                assertEquals(p.getOutput().getLabel(), composed.labelNames().get((int) labels[i]), "row " + i);
                for (int j = 0; j < composed.labelNames().size(); j++) {
                    assertEquals(p.getOutputScores().get(composed.labelNames().get(j)).getScore(), probs[i][j],
                            Parity.TOLERANCE, "row " + i);
                }
            }
        }
    }

    /** Decision 219: the softmax runs in float (ONNX Runtime's double one is slow); the label comes from doubles. */
    @Test
    void export_logisticRegression_floatSoftmax_labelFromTheDoubleScores() {
        OnnxMl.GraphProto g = OnnxExport.export(new LogisticRegressionTrainer().train(train()), FEATURES).proto()
                .getGraph();
        Map<String, OnnxMl.NodeProto> writers = new HashMap<>();
        g.getNodeList().forEach(n -> n.getOutputList().forEach(o -> writers.put(o, n)));
        OnnxMl.NodeProto softmax = g.getNodeList().stream().filter(n -> n.getOpType().equals("Softmax")).findFirst()
                .orElseThrow();
        OnnxMl.NodeProto cast = writers.get(softmax.getInput(0));
        assertEquals("Cast", cast.getOpType());
        assertEquals(DataType.FLOAT.getNumber(), cast.getAttribute(0).getI());
        OnnxMl.NodeProto argMax = writers.get(OnnxExport.LABEL);
        assertEquals("ArgMax", argMax.getOpType());
        assertEquals("Gemm", writers.get(argMax.getInput(0)).getOpType());
        assertEquals(cast.getInput(0), argMax.getInput(0), "the label and the softmax read the same double scores");
    }

    @Test
    void compose_signature_hasPreprocessingInputsAndModelOutputs() {
        ExportedModel model = OnnxExport.export(new LogisticRegressionTrainer().train(train()), FEATURES);
        ExportedModel composed = OnnxExport.compose(preprocessing(15, 2), model);
        assertEquals(List.of(new TensorSpec("age", ElementType.DOUBLE, List.of(-1L, 1L), false),
                new TensorSpec("income", ElementType.DOUBLE, List.of(-1L, 1L), false),
                new TensorSpec("colour", ElementType.STRING, List.of(-1L, 1L), false)), composed.inputs());
        assertEquals(model.outputs(), composed.outputs());
        assertEquals(model.labelNames(), composed.labelNames());
        assertEquals(List.of("age", "income", "colour"), composed.proto().getGraph().getInputList().stream()
                .map(OnnxMl.ValueInfoProto::getName).toList());
    }

    @Test
    void compose_opsetImports_keepTheHigherVersionOfEachDomain() {
        ExportedModel model = OnnxExport.export(new XGBoostClassificationTrainer(3).train(train()), FEATURES);
        OnnxMl.ModelProto composed = OnnxExport.compose(preprocessing(15, 2), model).proto();
        assertEquals(15L, version(composed, ""));
        assertEquals(3L, version(composed, "ai.onnx.ml"));
        OnnxMl.ModelProto older = OnnxExport.compose(preprocessing(11, 1), model).proto();
        assertEquals(13L, version(older, ""));
    }

    /** The preprocessing graph reuses names the model graph also uses; prefixes keep them apart. */
    @Test
    void compose_clashingNames_areKeptApart() {
        ExportedModel model = OnnxExport.export(new LogisticRegressionTrainer().train(train()), FEATURES);
        OnnxMl.ModelProto composed = OnnxExport.compose(preprocessing(15, 2), model).proto();
        List<String> outputs = new ArrayList<>();
        composed.getGraph().getNodeList().forEach(n -> outputs.addAll(n.getOutputList()));
        assertEquals(outputs.size(), outputs.stream().distinct().count(), "every tensor is written once");
        assertTrue(outputs.contains("pre/gather_indices_out"), outputs.toString());
        List<String> initializers = composed.getGraph().getInitializerList().stream().map(OnnxMl.TensorProto::getName)
                .toList();
        assertEquals(initializers.size(), initializers.stream().distinct().count(), "every initializer once");
        assertTrue(initializers.contains("pre/gather_indices"), initializers.toString());
        assertTrue(initializers.stream().anyMatch(n -> n.startsWith("model/")), initializers.toString());
    }

    @Test
    void compose_preprocessingWithoutFeaturesOutput_rejected() {
        ExportedModel model = OnnxExport.export(new LogisticRegressionTrainer().train(train()), FEATURES);
        OnnxMl.ModelProto pre = preprocessing(15, 2);
        OnnxMl.ModelProto renamed = pre.toBuilder().setGraph(pre.getGraph().toBuilder()
                .setOutput(0, pre.getGraph().getOutput(0).toBuilder().setName("x"))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.compose(renamed, model));
        assertTrue(e.getMessage().contains("one output named 'features'"), e.getMessage());
    }

    @Test
    void compose_widthMismatch_rejectedWithBothWidths() {
        ExportedModel model = OnnxExport.export(new LogisticRegressionTrainer().train(train()),
                List.of("age", "income", "colour=red", "colour=green", "colour=blue", "extra"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.compose(preprocessing(15, 2), model));
        assertTrue(e.getMessage().contains("5 columns but the model reads 6"), e.getMessage());
    }

    /**
     * age, income: double [N,1]; colour: string [N,1] through ai.onnx.ml OneHotEncoder and a Cast; Concat to features
     * [N,5] double.
     * It deliberately holds an initializer named like the model's ({@code gather_indices}).
     */
    static OnnxMl.ModelProto preprocessing(long defaultOpset, long mlOpset) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("preprocessing");
        g.addInput(info("age", DataType.DOUBLE, -1, 1));
        g.addInput(info("income", DataType.DOUBLE, -1, 1));
        g.addInput(info("colour", DataType.STRING, -1, 1));
        OnnxMl.NodeProto.Builder onehot = OnnxMl.NodeProto.newBuilder().setOpType("OneHotEncoder").setDomain("ai.onnx.ml")
                .setName("onehot").addInput("colour").addOutput("colour_onehot")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("zeros").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1));
        OnnxMl.AttributeProto.Builder cats = OnnxMl.AttributeProto.newBuilder().setName("cats_strings")
                .setType(OnnxMl.AttributeProto.AttributeType.STRINGS);
        for (String c : COLOURS) {
            cats.addStrings(ByteString.copyFromUtf8(c));
        }
        onehot.addAttribute(cats);
        g.addNode(onehot);
        g.addInitializer(OnnxMl.TensorProto.newBuilder().setName("gather_indices").setDataType(DataType.INT64.getNumber())
                .addDims(2).addInt64Data(-1).addInt64Data(3));
        g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Reshape").setName("flatten")
                .addInput("colour_onehot").addInput("gather_indices").addOutput("gather_indices_out"));
        g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Cast").setName("to_double")
                .addInput("gather_indices_out").addOutput("colour_double")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("to").setType(OnnxMl.AttributeProto.AttributeType.INT)
                        .setI(DataType.DOUBLE.getNumber())));
        g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Concat").setName("concat")
                .addInput("age").addInput("income").addInput("colour_double").addOutput("features")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)));
        g.addOutput(info("features", DataType.DOUBLE, -1, 5));
        return OnnxMl.ModelProto.newBuilder().setIrVersion(7).setGraph(g)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(defaultOpset))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(mlOpset))
                .build();
    }

    private static OnnxMl.ValueInfoProto info(String name, DataType type, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private static long version(OnnxMl.ModelProto m, String domain) {
        return m.getOpsetImportList().stream().filter(o -> o.getDomain().equals(domain))
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion).findFirst().orElse(-1);
    }

    private static MutableDataset<Label> train() {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("colours",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), f), f);
        raw(7, 300).examples().forEach(d::add);
        return d;
    }

    /** Raw columns and the matching preprocessed Tribuo examples; the label depends on all three columns. */
    private static Raw raw(long seed, int n) {
        Random rng = new Random(seed);
        float[][] age = new float[n][1];
        float[][] income = new float[n][1];
        String[][] colour = new String[n][1];
        List<Example<Label>> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            age[i][0] = (float) (rng.nextGaussian());
            income[i][0] = (float) (rng.nextGaussian());
            int c = rng.nextInt(3);
            colour[i][0] = COLOURS[c];
            double score = age[i][0] - income[i][0] + (c == 0 ? 1.0 : c == 1 ? -1.0 : 0.0) + 0.5 * rng.nextGaussian();
            double[] values = {age[i][0], income[i][0], c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0};
            examples.add(new ArrayExample<>(new Label(score > 0 ? "yes" : "no"), FEATURES.toArray(new String[0]), values));
        }
        return new Raw(age, income, colour, examples);
    }
}
