package dev.mlops.samples;

import dev.mlops.api.model.ModelTask;
import dev.mlops.serve.ModelServer;
import dev.mlops.test.BehaviourChecks;
import dev.mlops.test.BehaviourChecks.Direction;
import dev.mlops.test.Predictor;
import dev.mlops.test.SyntheticFrame;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ExportedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportStageTest {
    @Test
    void packageModel_servedOnOnnxRuntime_agreesWithTribuoAndKeepsItsDirection(@TempDir Path dir) {
        dev.mlops.api.Frame train = SyntheticFrame.newBuilder(300, 11).uniform("amount", 0, 10_000)
                .categorical("purpose", "car", "radio", "education")
                .label("class", r -> r.getDouble("amount") < 5000 ? "good" : "bad").flipLabels(0.05).build();
        dev.mlops.features.FittedPreprocessing prep = dev.mlops.features.Preprocessing.newBuilder()
                .scale(dev.mlops.features.Transform.Scaling.STANDARD, "amount")
                .oneHot(dev.mlops.features.Transform.UnseenCategories.IGNORE, "purpose").build().fit(train);
        TrainedModel model = Trainer.logisticRegression().seed(7).preprocessing(prep).train(train, "class");

        dev.mlops.api.model.ModelArtifact artifact = ExportStage.packageModel(model.tribuoModel(), prep, null,
                java.util.Map.of(), "run-8", java.util.Map.of(), dir);

        try (ModelServer server = ModelServer.newBuilder().artifact(artifact).build()) {
            assertThat(server).agreesWith(model).onRows(train);
            assertThat(BehaviourChecks.of(Predictor.of(server), train).named("served credit rule")
                    .directional("amount", 1000, Predictor.probabilityOf("good"), Direction.NOT_INCREASING, 1e-6)
                    .run()).allChecksPassed();
        }
    }

    @Test
    void packageModel_writesAVerifiedArtifactWithPerColumnInputs(@TempDir Path dir) {
        double[] amount = new double[60];
        String[] purpose = new String[60];
        String[] label = new String[60];
        for (int i = 0; i < 60; i++) {
            amount[i] = i % 5 == 0 ? Double.NaN : 100 + 37 * i % 900;
            purpose[i] = i % 3 == 0 ? "car" : i % 3 == 1 ? "radio" : "education";
            label[i] = (i % 3 == 0) == (i % 2 == 0) ? "good" : "bad";
        }
        dev.mlops.api.Frame train = dev.mlops.api.Frame.of(dev.mlops.api.DoubleColumn.of("amount", amount),
                dev.mlops.api.CategoricalColumn.of("purpose", purpose), dev.mlops.api.CategoricalColumn.of("class", label))
                .withRole("class", dev.mlops.api.FieldRole.LABEL);
        dev.mlops.features.FittedPreprocessing prep = dev.mlops.features.Preprocessing.newBuilder()
                .impute(dev.mlops.features.Transform.Imputation.MEDIAN, "amount")
                .scale(dev.mlops.features.Transform.Scaling.STANDARD, "amount")
                .oneHot(dev.mlops.features.Transform.UnseenCategories.IGNORE, "purpose").build().fit(train);
        dev.mlops.api.Frame features = prep.apply(train);
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("toy",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), f), f);
        for (int i = 0; i < 60; i++) {
            double[] values = new double[prep.outputNames().size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = features.doubles(prep.outputNames().get(j)).getDouble(i);
            }
            data.add(new ArrayExample<>(new Label(label[i]), prep.outputNames().toArray(new String[0]), values));
        }
        Model<Label> model = new CARTClassificationTrainer(3).train(data);

        dev.mlops.api.model.ModelArtifact artifact = ExportStage.packageModel(model, prep, null,
                java.util.Map.of("accuracy", 0.75), "run-7", java.util.Map.of("train", train.fingerprint()), dir);

        assertEquals(List.of("amount", "purpose"), artifact.signature().inputs().stream()
                .map(dev.mlops.api.model.TensorSpec::name).toList());
        assertEquals("run-7", artifact.provenance().runId());
        assertEquals(0.75, artifact.metric("accuracy").orElseThrow());
    }

    @Test
    void export_writesModelOnnxAndReturnsItsSignature(@TempDir Path dir) throws Exception {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("toy",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), f), f);
        for (int i = 0; i < 40; i++) {
            data.add(new ArrayExample<>(new Label(i % 2 == 0 ? "good" : "bad"),
                    new String[]{"duration", "amount"}, new double[]{i % 2, i * 0.5}));
        }
        Model<Label> model = new CARTClassificationTrainer(3).train(data);

        ExportedModel exported = ExportStage.export(model, List.of("amount", "duration", "age"), dir);

        assertArrayEquals(exported.modelBytes(), Files.readAllBytes(dir.resolve("model.onnx")));
        assertEquals(List.of("amount", "duration", "age"), exported.featureNames());
        assertEquals(ModelTask.CLASSIFICATION, exported.task());
    }
}
