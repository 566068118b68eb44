package dev.mlops.train.onnx;

import ai.onnx.proto.OnnxMl;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTJointRegressionTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The export's contract: signature, absent features, NaN, determinism, errors, and the fixed Tribuo defects. */
class OnnxExportTest {
    private static final TestData.Split<Label> BINARY = TestData.classification(2, 44);
    private static final TestData.Split<Label> THREE = TestData.classification(3, 45);

    @Test
    void export_classifier_signatureNamesFeaturesLabelAndProbabilities() {
        Model<Label> model = new LogisticRegressionTrainer().train(THREE.train());
        ExportedModel exported = OnnxExport.export(model, TestData.FEATURES);

        assertEquals(ModelTask.CLASSIFICATION, exported.task());
        assertEquals(List.of(new TensorSpec("features", ElementType.DOUBLE, List.of(-1L, 5L), false)), exported.inputs());
        assertEquals(List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 3L), false)), exported.outputs());
        assertEquals(List.of("class-a", "class-b", "class-c"), exported.labelNames().stream().sorted().toList());
        assertEquals(TestData.FEATURES, exported.featureNames());
        assertTrue(exported.missingFeatures().isEmpty());
        assertTrue(exported.probabilistic());
        OnnxMl.ModelProto proto = exported.proto();
        assertEquals(List.of("features"), proto.getGraph().getInputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
        Map<String, String> meta = new java.util.HashMap<>();
        proto.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        assertEquals(dev.mlops.api.Json.write(exported.labelNames()), meta.get("mlops.labels"));
    }

    @Test
    void export_regressor_signatureHasOneValueColumnPerDimension() {
        TestData.Split<Regressor> data = TestData.regression(3);
        ExportedModel exported = OnnxExport.export(new CARTJointRegressionTrainer(4).train(data.train()), TestData.FEATURES);
        assertEquals(ModelTask.REGRESSION, exported.task());
        assertEquals(List.of(new TensorSpec("value", ElementType.FLOAT, List.of(-1L, 1L), false)), exported.outputs());
        assertEquals(List.of("y"), exported.labelNames());
        assertFalse(exported.probabilistic());
    }

    @Test
    void export_treeModel_declaresTheMlOpsetItUses() {
        ExportedModel exported = OnnxExport.export(new CARTClassificationTrainer(4).train(BINARY.train()), TestData.FEATURES);
        assertEquals(5L, opset(exported.proto(), "ai.onnx.ml"), "the exact, double TreeEnsemble (decision 180)");
        assertEquals(13L, opset(exported.proto(), ""));
    }

    @Test
    void export_sameModelTwice_sameBytes() {
        Model<Label> model = new XGBoostClassificationTrainer(5).train(THREE.train());
        assertArrayEquals(OnnxExport.export(model, TestData.FEATURES).modelBytes(),
                OnnxExport.export(model, TestData.FEATURES).modelBytes());
    }

    @Test
    void export_oneRow_predictsThatRow() {
        Model<Label> model = new CARTClassificationTrainer(5).train(THREE.train());
        ExportedModel exported = OnnxExport.export(model, TestData.FEATURES);
        long[] label = (long[]) Ort.run(exported, new float[][]{THREE.testMatrix()[7]}).get("label");
        assertEquals(model.predict(THREE.test().get(7)).getOutput().getLabel(), exported.labelNames().get((int) label[0]));
    }

    /** A model feature the caller does not feed reads as Tribuo reads an absent feature (zero, or missing for XGBoost). */
    @Test
    void export_modelFeatureNotFed_matchesTribuoWithoutThatFeature() {
        List<String> fed = List.of("mid", "x2", "zeta", "x10"); // no "alpha"
        for (Model<Label> model : List.of(new LogisticRegressionTrainer().train(THREE.train()),
                new CARTClassificationTrainer(6).train(THREE.train()),
                new XGBoostClassificationTrainer(10).train(THREE.train()))) {
            ExportedModel exported = OnnxExport.export(model, fed);
            assertEquals(List.of("alpha"), exported.missingFeatures());
            float[][] rows = Parity.widen(THREE.testMatrix(), fed);
            Map<String, Object> out = Ort.run(exported, rows);
            float[][] probs = (float[][]) out.get("probabilities");
            long[] labels = (long[]) out.get("label");
            for (int i = 0; i < rows.length; i++) {
                Prediction<Label> p = model.predict(without(THREE.test().get(i), "alpha"));
                assertEquals(p.getOutput().getLabel(), exported.labelNames().get((int) labels[i]), model.getClass() + " row " + i);
                for (int j = 0; j < probs[i].length; j++) {
                    double e = p.getOutputScores().get(exported.labelNames().get(j)).getScore();
                    assertEquals(e, probs[i][j], Parity.TOLERANCE, model.getClass() + " row " + i);
                }
            }
        }
    }

    /**
     * NaN takes the path Tribuo takes: XGBoost treats it as missing (the default child). Tribuo's CART refuses a
     * NaN feature outright; the export sends it to the less-or-equal child, as Tribuo's rule
     * ({@code value > threshold} goes right) would, which is where negative infinity goes.
     */
    @Test
    void export_nanFeature_followsTribuosPath() {
        TestData.Split<Regressor> data = TestData.regression(5);
        Model<Regressor> cart = new CARTJointRegressionTrainer(6).train(data.train());
        Model<Regressor> xgb = new XGBoostRegressionTrainer(10).train(data.train());
        assertThrows(IllegalArgumentException.class,
                () -> cart.predict(TestData.example(new Regressor("y", 0), new float[]{Float.NaN, 0, 0, 0, 0})));
        for (Model<Regressor> model : List.of(cart, xgb)) {
            ExportedModel exported = OnnxExport.export(model, TestData.FEATURES);
            float[][] rows = new float[data.testMatrix().length][];
            List<Example<Regressor>> examples = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                rows[i] = data.testMatrix()[i].clone();
                rows[i][i % rows[i].length] = Float.NaN;
                float[] tribuoRow = rows[i].clone();
                if (model == cart) {
                    tribuoRow[i % rows[i].length] = Float.NEGATIVE_INFINITY;
                }
                examples.add(TestData.example(data.test().get(i).getOutput(), tribuoRow));
            }
            float[][] values = (float[][]) Ort.run(exported, rows).get("value");
            List<Prediction<Regressor>> predictions = model.predict(examples);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(predictions.get(i).getOutput().getValues()[0], values[i][0],
                        Parity.TOLERANCE * Math.max(1, Math.abs(values[i][0])), model.getClass() + " row " + i);
            }
        }
    }

    /** Gamma and Tweedie boosters predict exp(margin); base_score is a mean, so its margin is log(base_score). */
    @Test
    void export_xgboostLogLinkRegression_matchesTribuo() {
        TestData.Split<Regressor> linear = TestData.regression(8);
        org.tribuo.MutableDataset<Regressor> train = new org.tribuo.MutableDataset<>(linear.train().getProvenance(),
                new org.tribuo.regression.RegressionFactory());
        for (Example<Regressor> e : linear.train()) {
            ArrayExample<Regressor> positive = new ArrayExample<>(new Regressor("y", Math.exp(e.getOutput().getValues()[0] / 5)));
            e.forEach(f -> positive.add(f.getName(), f.getValue()));
            train.add(positive);
        }
        TestData.Split<Regressor> data = new TestData.Split<>(train, linear.test(), linear.testMatrix());
        for (XGBoostRegressionTrainer.RegressionType type : List.of(XGBoostRegressionTrainer.RegressionType.GAMMA,
                XGBoostRegressionTrainer.RegressionType.TWEEDIE)) {
            Model<Regressor> model = new XGBoostRegressionTrainer(type, 10).train(data.train());
            double worst = Parity.assertRegression("regression-xgboost-" + type, model, data, TestData.FEATURES);
            assertTrue(worst <= Parity.TOLERANCE, type + " " + worst);
        }
    }

    @Test
    void export_duplicateFeatureName_rejectedNamingIt() {
        Model<Label> model = new LogisticRegressionTrainer().train(BINARY.train());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.export(model, List.of("alpha", "zeta", "alpha")));
        assertTrue(e.getMessage().contains("'alpha' twice"), e.getMessage());
    }

    @Test
    void export_noFeatureOverlap_rejectedWithExamples() {
        Model<Label> model = new LogisticRegressionTrainer().train(BINARY.train());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.export(model, List.of("age", "income")));
        assertTrue(e.getMessage().contains("None of the 5 features"), e.getMessage());
    }

    @Test
    void export_blankOrEmptyFeatureNames_rejected() {
        Model<Label> model = new LogisticRegressionTrainer().train(BINARY.train());
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.export(model, List.of()));
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.export(model, Arrays.asList("alpha", " ")));
    }

    @Test
    void export_unsupportedModel_rejectedNamingTheClass() {
        Model<Label> dummy = DummyClassifierTrainer.createMostFrequentTrainer().train(BINARY.train());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.export(dummy, TestData.FEATURES));
        assertTrue(e.getMessage().contains("DummyClassifierModel"), e.getMessage());
    }

    @Test
    void export_xgboostWithUnsupportedObjective_rejectedNamingIt() {
        Model<Label> model = new XGBoostClassificationTrainer(3, Map.of("objective", "multi:softmax")).train(THREE.train());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.export(model, TestData.FEATURES));
        assertTrue(e.getMessage().contains("multi:softmax"), e.getMessage());
    }

    /**
     * Issue 6: a LibLinear logistic regression exported by Tribuo 4.3 agrees on classes but not on probabilities,
     * because Tribuo ends the graph with a softmax over the decision values ({@code [d, -d]} for two classes,
     * i.e. {@code sigmoid(2d)}) while LibLinear reports {@code sigmoid(d)} (two classes) or normalised one-vs-rest
     * sigmoids. This pins Tribuo's behaviour and shows the export corrects it.
     */
    @Test
    void libLinearLogistic_tribuoExportDiffersFromLibLinear_ourExportMatches_issue6() {
        for (TestData.Split<Label> data : List.of(BINARY, THREE)) {
            Model<Label> model = new LibLinearClassificationTrainer(
                    new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 0.01).train(data.train());
            double tribuoWorst = worstProbabilityGap(model, data, tribuoOwnExport(model, data.testMatrix()));
            ExportedModel ours = OnnxExport.export(model, TestData.FEATURES);
            float[][] oursProbs = (float[][]) Ort.run(ours, data.testMatrix()).get("probabilities");
            double oursWorst = worstProbabilityGap(model, data, reorder(oursProbs, ours.labelNames(), model));
            assertTrue(tribuoWorst > 0.05, "Tribuo's own export was expected to differ (Tribuo fixed?): " + tribuoWorst);
            assertTrue(oursWorst <= Parity.TOLERANCE, "our export differs by " + oursWorst);
        }
    }

    /** Issue 6: Tribuo 4.3's LibSVM export uses ai.onnx.ml's SVMClassifier without importing that operator set. */
    @Test
    void libSvm_tribuoExportLacksMlOpset_ourExportDeclaresIt_issue6() {
        Model<Label> model = new LibSVMClassificationTrainer(new SVMParameters<>(
                new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), KernelType.RBF), 7L).train(BINARY.train());
        OnnxMl.ModelProto tribuos = ((org.tribuo.ONNXExportable) model).exportONNXModel("x", 1);
        assertTrue(tribuos.getGraph().getNodeList().stream().anyMatch(n -> n.getDomain().equals("ai.onnx.ml")));
        assertEquals(-1L, opset(tribuos, "ai.onnx.ml"), "Tribuo now declares ai.onnx.ml; the workaround can go");
        assertEquals(3L, opset(OnnxExport.export(model, TestData.FEATURES).proto(), "ai.onnx.ml"));
    }

    /** Runs Tribuo's own export on rows laid out in Tribuo's feature-id order; columns in Tribuo's label-id order. */
    private static float[][] tribuoOwnExport(Model<Label> model, float[][] callerRows) {
        OnnxMl.ModelProto proto = ((org.tribuo.ONNXExportable) model).exportONNXModel("x", 1);
        float[][] rows = new float[callerRows.length][TestData.FEATURES.size()];
        for (int j = 0; j < TestData.FEATURES.size(); j++) {
            int id = model.getFeatureIDMap().getID(TestData.FEATURES.get(j));
            for (int i = 0; i < rows.length; i++) {
                rows[i][id] = callerRows[i][j];
            }
        }
        return (float[][]) Ort.run(proto.toByteArray(), Map.of(proto.getGraph().getInput(0).getName(), rows))
                .get(proto.getGraph().getOutput(0).getName());
    }

    private static float[][] reorder(float[][] probs, List<String> names, Model<Label> model) {
        float[][] out = new float[probs.length][names.size()];
        for (int j = 0; j < names.size(); j++) {
            int id = model.getOutputIDInfo().getID(new Label(names.get(j)));
            for (int i = 0; i < probs.length; i++) {
                out[i][id] = probs[i][j];
            }
        }
        return out;
    }

    private static double worstProbabilityGap(Model<Label> model, TestData.Split<Label> data, float[][] byId) {
        double worst = 0;
        for (int i = 0; i < data.test().size(); i++) {
            Prediction<Label> p = model.predict(data.test().get(i));
            for (int id = 0; id < byId[i].length; id++) {
                String name = model.getOutputIDInfo().getOutput(id).getLabel();
                worst = Math.max(worst, Math.abs(p.getOutputScores().get(name).getScore() - byId[i][id]));
            }
        }
        return worst;
    }

    private static long opset(OnnxMl.ModelProto proto, String domain) {
        return proto.getOpsetImportList().stream().filter(o -> o.getDomain().equals(domain))
                .mapToLong(OnnxMl.OperatorSetIdProto::getVersion).findFirst().orElse(-1L);
    }

    private static <T extends org.tribuo.Output<T>> Example<T> without(Example<T> e, String feature) {
        ArrayExample<T> copy = new ArrayExample<>(e.getOutput());
        for (org.tribuo.Feature f : e) {
            if (!f.getName().equals(feature)) {
                copy.add(f.getName(), f.getValue());
            }
        }
        return copy;
    }
}
