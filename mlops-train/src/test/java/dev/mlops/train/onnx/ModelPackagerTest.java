package dev.mlops.train.onnx;

import dev.mlops.api.Frame;
import dev.mlops.api.ModelLoadException;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packaging a model and its fitted preprocessing into one artifact that serving reads back and runs. */
class ModelPackagerTest {
    private static final Frame TRAIN = ComposeWithFittedPreprocessingTest.frame(300, 1, false);
    private static final Frame TEST = ComposeWithFittedPreprocessingTest.frame(200, 2, true);
    private static final FittedPreprocessing PREP = Preprocessing.newBuilder()
            .impute(Transform.Imputation.MEDIAN, "age", "amount")
            .impute(Transform.Imputation.MOST_FREQUENT, "colour")
            .scale(Transform.Scaling.STANDARD, "age", "amount", "count")
            .oneHot(Transform.UnseenCategories.IGNORE, "colour")
            .build().fit(TRAIN);

    @Test
    void trainedModel_withPreprocessingAndProfile_packagesPerColumnInputsThatPredictLikeTheModel(@TempDir Path dir)
            throws Exception {
        TrainedModel trained = Trainer.logisticRegression().seed(7).preprocessing(PREP).recordProfile(true)
                .train(TRAIN, "class");
        ModelPackager.newBuilder().trainedModel(trained).metrics(Map.of("accuracy", 0.8)).build().writeTo(dir);
        ModelArtifact read = ModelArtifact.read(dir);

        assertEquals(PREP.inputFields().stream().map(dev.mlops.api.Field::name).toList(),
                read.signature().inputs().stream().map(TensorSpec::name).toList(), "one input per original column");
        assertEquals(TRAIN.rowCount(), read.profile().get("rowCount").asLong(), "the training profile travels along");
        assertTrue(read.provenance().dataFingerprints().containsValue(TRAIN.fingerprint()), "lineage of the data");

        Frame expected = trained.predict(TEST);
        Map<String, Object> served = ComposeWithFittedPreprocessingTest.run(read.modelBytes(), PREP, TEST);
        long[] labels = (long[]) served.get("label");
        float[][] probs = (float[][]) served.get("probabilities");
        for (int i = 0; i < TEST.rowCount(); i++) {
            assertEquals(expected.categorical("label").getString(i), read.signature().labels().get((int) labels[i]),
                    "row " + i);
            for (int j = 0; j < read.signature().labels().size(); j++) {
                String label = read.signature().labels().get(j);
                assertEquals(expected.doubles("probabilities." + label).getDouble(i), probs[i][j], Parity.TOLERANCE,
                        "row " + i + ", " + label);
            }
        }
    }

    @Test
    void of_trainedModelAndEvaluation_isTheBuilderInOneCall() {
        TrainedModel trained = Trainer.logisticRegression().seed(7).preprocessing(PREP).recordProfile(true)
                .train(TRAIN, "class");
        dev.mlops.train.Evaluation evaluation = dev.mlops.train.Evaluator.classification().evaluate(trained, TEST);
        ModelArtifact oneCall = ModelPackager.of(trained, evaluation);
        ModelArtifact built = ModelPackager.newBuilder().trainedModel(trained)
                .metrics(evaluation.metrics().values()).build();
        assertEquals(built.signature(), oneCall.signature());
        evaluation.metrics().values().forEach((k, v) -> assertEquals(v, oneCall.metrics().get(k).asDouble(), 0.0, k));
        assertTrue(java.util.Arrays.equals(built.modelBytes(), oneCall.modelBytes()), "the same graph");
        assertEquals(ModelPackager.of(trained).signature(), oneCall.signature());
    }

    @Test
    void build_writeAndRead_verifiedArtifactPredictsLikeApplyThenTribuo(@TempDir Path dir) throws Exception {
        for (Model<Label> model : List.of(
                new LogisticRegressionTrainer().train(ComposeWithFittedPreprocessingTest.dataset(PREP.apply(TRAIN), PREP.outputNames(), TRAIN)),
                new CARTClassificationTrainer(6).train(ComposeWithFittedPreprocessingTest.dataset(PREP.apply(TRAIN), PREP.outputNames(), TRAIN)))) {
            Path out = dir.resolve(model.getClass().getSimpleName());
            ModelPackager.newBuilder().model(model).preprocessing(PREP)
                    .profileJson("{\"rows\":300}").metrics(Map.of("accuracy", 0.9)).runId("run-1")
                    .dataFingerprint("train", TRAIN.fingerprint()).build().writeTo(out);

            ModelArtifact read = ModelArtifact.read(out);
            Files.createDirectories(Parity.OUT);
            Files.write(Parity.OUT.resolve("packaged-" + model.getClass().getSimpleName() + ".onnx"), read.modelBytes());

            assertEquals(List.of("age", "amount", "count", "colour"),
                    read.signature().inputs().stream().map(TensorSpec::name).toList());
            assertEquals(List.of(ElementType.DOUBLE, ElementType.DOUBLE, ElementType.DOUBLE, ElementType.STRING),
                    read.signature().inputs().stream().map(TensorSpec::type).toList());
            assertEquals(List.of("label", "probabilities"), read.signature().outputs().stream().map(TensorSpec::name).toList());
            assertEquals(ModelTask.CLASSIFICATION, read.signature().task());
            assertEquals(List.of("bad", "good"), read.signature().labels().stream().sorted().toList());
            assertEquals(0.9, read.metric("accuracy").orElseThrow());
            assertEquals(300, read.profile().get("rows").asInt());
            assertEquals("run-1", read.provenance().runId());
            assertEquals(Map.of("train", TRAIN.fingerprint()), read.provenance().dataFingerprints());
            assertTrue(read.provenance().details().toString().contains(model.getClass().getName()),
                    "Tribuo's provenance names the model class");

            Map<String, Object> served = ComposeWithFittedPreprocessingTest.run(read.modelBytes(), PREP, TEST);
            long[] labels = (long[]) served.get("label");
            float[][] probs = (float[][]) served.get("probabilities");
            List<Example<Label>> expected = ComposeWithFittedPreprocessingTest.examples(PREP.apply(TEST), PREP.outputNames(), TEST);
            for (int i = 0; i < TEST.rowCount(); i++) {
                Prediction<Label> p = model.predict(expected.get(i));
                assertEquals(p.getOutput().getLabel(), read.signature().labels().get((int) labels[i]), "row " + i);
                for (int j = 0; j < read.signature().labels().size(); j++) {
                    assertEquals(p.getOutputScores().get(read.signature().labels().get(j)).getScore(), probs[i][j],
                            Parity.TOLERANCE, "row " + i);
                }
            }
        }
    }

    /** Issue 9, part 2: a categorical input was never nullable, although the chain imputes it. */
    @Test
    void build_inputsWhosePreprocessingHandlesMissing_areNullable_stringsAsNumbers() {
        Model<Label> model = new LogisticRegressionTrainer().train(
                ComposeWithFittedPreprocessingTest.dataset(PREP.apply(TRAIN), PREP.outputNames(), TRAIN));
        ModelArtifact artifact = ModelPackager.newBuilder().model(model).preprocessing(PREP).build();
        // age, amount: imputed; count: only scaled, so a missing value would reach the model as NaN; colour: imputed.
        assertEquals(List.of(true, true, false, true),
                artifact.signature().inputs().stream().map(TensorSpec::nullable).toList());
        assertTrue(artifact.signature().inputs().stream().noneMatch(TensorSpec::acceptsInfinity),
                "preprocessing is fitted on finite values, so the package refuses infinities");

        FittedPreprocessing strict = Preprocessing.newBuilder()
                .impute(Transform.Imputation.MEDIAN, "age", "amount")
                .oneHot(Transform.UnseenCategories.ERROR, "colour").build().fit(TRAIN);
        Model<Label> strictModel = new LogisticRegressionTrainer().train(
                ComposeWithFittedPreprocessingTest.dataset(strict.apply(TRAIN), strict.outputNames(), TRAIN));
        TensorSpec colour = ModelPackager.newBuilder().model(strictModel).preprocessing(strict).build().signature()
                .input("colour").orElseThrow();
        assertEquals(ElementType.STRING, colour.type());
        assertFalse(colour.nullable(), "a strict one-hot fails on a missing label, so the signature refuses it");
    }

    @Test
    void read_tamperedModel_refusedWithModelLoadException(@TempDir Path dir) throws Exception {
        Model<Label> model = new LogisticRegressionTrainer().train(
                ComposeWithFittedPreprocessingTest.dataset(PREP.apply(TRAIN), PREP.outputNames(), TRAIN));
        ModelPackager.newBuilder().model(model).preprocessing(PREP).build().writeTo(dir);
        byte[] bytes = Files.readAllBytes(dir.resolve(ModelArtifact.MODEL_FILE));
        bytes[bytes.length / 2] ^= 1;
        Files.write(dir.resolve(ModelArtifact.MODEL_FILE), bytes);
        assertThrows(ModelLoadException.class, () -> ModelArtifact.read(dir));
    }

    @Test
    void build_withoutPreprocessing_hasOneFeaturesInput() {
        TestData.Split<Label> data = TestData.classification(2, 3);
        ModelArtifact artifact = ModelPackager.newBuilder().model(new LogisticRegressionTrainer().train(data.train()))
                .featureNames(TestData.FEATURES).build();
        assertEquals(List.of(new TensorSpec("features", ElementType.DOUBLE, List.of(-1L, 5L), false)),
                artifact.signature().inputs());
    }

    @Test
    void build_missingParts_sayWhatToCall() {
        IllegalStateException noModel = assertThrows(IllegalStateException.class, () -> ModelPackager.newBuilder().build());
        assertTrue(noModel.getMessage().contains("model(...)"), noModel.getMessage());
        TestData.Split<Label> data = TestData.classification(2, 3);
        IllegalStateException noNames = assertThrows(IllegalStateException.class,
                () -> ModelPackager.newBuilder().model(new LogisticRegressionTrainer().train(data.train())).build());
        assertTrue(noNames.getMessage().contains("featureNames(...)"), noNames.getMessage());
    }
}
