package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.ModelLoadException;
import dev.mlops.api.TrainingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainerTest {
    private static final Frame DATA = TestFrames.synthetic(600, 1).drop("y");
    private static final Frame TRAIN = DATA.slice(0, 400);
    private static final Frame TEST = DATA.slice(400, 600);
    private static final Frame RDATA = TestFrames.synthetic(600, 2).drop("class");

    static Stream<Trainer> classifiers() {
        return Stream.of(Trainer.logisticRegression(), Trainer.factorizationMachineClassifier(),
                Trainer.libLinearClassifier(), Trainer.libSvmClassifier(), Trainer.cartClassifier(),
                Trainer.randomForestClassifier().with("trees", 10), Trainer.xgboostClassifier().with("trees", 20));
    }

    static Stream<Trainer> regressors() {
        return Stream.of(Trainer.linearRegression(), Trainer.linearSgdRegressor(),
                Trainer.factorizationMachineRegressor(), Trainer.libLinearRegressor(), Trainer.cartRegressor(),
                Trainer.xgboostRegressor().with("trees", 20),
                Trainer.elasticNetRegressor().with("alpha", 0.01));
    }

    @ParameterizedTest
    @MethodSource("classifiers")
    void train_everyClassifier_learnsTheSignal(Trainer trainer) {
        TrainedModel model = trainer.train(TRAIN, "class");
        Frame pred = model.predict(TEST);
        CategoricalColumn predicted = pred.categorical("label");
        CategoricalColumn truth = TEST.categorical("class");
        int right = 0;
        for (int i = 0; i < TEST.rowCount(); i++) {
            right += predicted.getString(i).equals(truth.getString(i)) ? 1 : 0;
        }
        double accuracy = right / (double) TEST.rowCount();
        assertTrue(accuracy > 0.8, trainer.settings().algorithm() + " accuracy " + accuracy);
        assertEquals(List.of("no", "yes"), model.classes());
        assertEquals(List.of("label", "probabilities.no", "probabilities.yes"), pred.columnNames());
    }

    @ParameterizedTest
    @MethodSource("regressors")
    void train_everyRegressor_explainsMostVariance(Trainer trainer) {
        Frame train = RDATA.slice(0, 400);
        Frame test = RDATA.slice(400, 600);
        TrainedModel model = trainer.train(train, "y");
        double[] p = model.predict(test).doubles("value").toArray();
        double[] y = test.doubles("y").toArray();
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += (y[i] - p[i]) * (y[i] - p[i]);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        double r2 = 1 - ssRes / ssTot;
        assertTrue(r2 > 0.6, trainer.settings().algorithm() + " R2 " + r2);
    }

    @Test
    void train_sameSeed_sameModelPredictions() {
        double[] a = Trainer.logisticRegression().seed(7).train(TRAIN, "class").predict(TEST)
                .doubles("probabilities.yes").toArray();
        double[] b = Trainer.logisticRegression().seed(7).train(TRAIN, "class").predict(TEST)
                .doubles("probabilities.yes").toArray();
        assertArrayEquals(a, b);
    }

    @Test
    void saveAndLoad_roundTrip_samePredictionsAndMetadata(@TempDir Path dir) {
        TrainedModel model = Trainer.xgboostClassifier().with("trees", 10).train(TRAIN, "class");
        model.save(dir);
        assertTrue(Files.exists(dir.resolve("model.tribuo")));
        TrainedModel back = TrainedModel.load(dir);
        assertEquals(model.settings(), back.settings());
        assertEquals(model.features(), back.features());
        assertEquals(model.dataFingerprints(), back.dataFingerprints());
        assertEquals(TRAIN.fingerprint(), back.dataFingerprints().get("train"));
        assertArrayEquals(model.predict(TEST).doubles("probabilities.yes").toArray(),
                back.predict(TEST).doubles("probabilities.yes").toArray());
        assertTrue(back.provenanceJson().contains("XGBoostClassificationTrainer"));
    }

    @Test
    void saveAndLoad_defaultLogisticRegression_keepsPredictionsAndItsOptimiserInProvenance(@TempDir Path dir) {
        TrainedModel model = Trainer.logisticRegression().with("epochs", 3).train(TRAIN, "class");
        model.save(dir);
        TrainedModel back = TrainedModel.load(dir);
        assertEquals(model.settings(), back.settings());
        assertArrayEquals(model.predict(TEST).doubles("probabilities.yes").toArray(),
                back.predict(TEST).doubles("probabilities.yes").toArray());
        assertTrue(back.provenanceJson().contains("L2Penalty") && back.provenanceJson().contains("ParameterAveraging"),
                back.provenanceJson());
    }

    @Test
    void load_notAModelFolder_throwsModelLoadException(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.json"), "{\"formatVersion\": 99}");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TrainedModel.load(dir));
        assertTrue(e.getMessage().contains("model.json has format version 99")
                && e.getMessage().contains("reads up to 1")
                && e.getMessage().contains("upgrade mlops-train"), e.getMessage());
    }

    @Test
    void train_missingValueUnderReject_namesRowAndColumn() {
        double[] x = TRAIN.doubles("x1").toArray();
        x[17] = Double.NaN;
        Frame withNa = TRAIN.withColumn(DoubleColumn.of("x1", x));
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.logisticRegression().missingValues(MissingValues.REJECT).train(withNa, "class"));
        assertTrue(e.getMessage().contains("Row 17") && e.getMessage().contains("'x1'"), e.getMessage());
        // SKIP trains
        Trainer.logisticRegression().train(withNa, "class");
    }

    @Test
    void train_regressorOnCategoricalLabel_saysWhatToDo() {
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.linearSgdRegressor().train(TRAIN, "class"));
        assertTrue(e.getMessage().contains("Regression")
                && e.getMessage().contains("'class' is CATEGORICAL")
                && e.getMessage().contains("use a classifier"), e.getMessage());
        TrainingException e2 = assertThrows(TrainingException.class,
                () -> Trainer.logisticRegression().train(RDATA, "y"));
        assertTrue(e2.getMessage().contains("Classification")
                && e2.getMessage().contains("'y' is NUMERIC")
                && e2.getMessage().contains("use a regressor"), e2.getMessage());
    }

    @Test
    void train_singleClass_isRejected() {
        Frame one = TRAIN.filter(r -> r.getString("class").equals("yes"));
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.logisticRegression().train(one, "class"));
        assertTrue(e.getMessage().contains("only one class"));
    }

    @Test
    void train_emptyFrame_isRejected() {
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.cartClassifier().train(TRAIN.head(0), "class"));
        assertTrue(e.getMessage().contains("empty frame (0 rows)")
                && e.getMessage().contains("check the split"), e.getMessage());
    }

    @Test
    void train_listener_seesConvertAndFit() {
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.cartClassifier().listener(events::add).train(TRAIN, "class");
        assertEquals(TrainingEvent.Phase.CONVERT, events.get(0).phase());
        assertEquals(TrainingEvent.Phase.FIT, events.get(events.size() - 1).phase());
        assertEquals(1.0, events.get(events.size() - 1).fraction());
    }

    @Test
    void train_listenerOnSgd_seesEveryEpoch() {
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.logisticRegression().with("epochs", 4).listener(events::add).train(TRAIN, "class");
        List<String> epochs = events.stream().filter(e -> e.phase() == TrainingEvent.Phase.FIT
                && e.detail().startsWith("epoch")).map(e -> e.done() + "/" + e.total()).toList();
        assertEquals(List.of("1/4", "2/4", "3/4", "4/4"), epochs, events.toString());
    }

    @Test
    void train_listenerOnForest_seesEveryTree() {
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.randomForestClassifier().with("trees", 3).listener(events::add).train(TRAIN, "class");
        assertEquals(3, events.stream().filter(e -> e.detail().startsWith("tree")).count(), events.toString());
    }

    @Test
    void textBar_rendersProgress() {
        List<String> lines = new ArrayList<>();
        TrainingListener.textBar(lines::add).onProgress(new TrainingEvent(TrainingEvent.Phase.TRIAL, 1, 4, "x"));
        assertEquals("TRIAL          [#####...............] 1/4 x", lines.get(0));
    }

    @Test
    void train_ignoredColumn_isNotAFeature() {
        TrainedModel m = Trainer.cartClassifier().train(TRAIN.withRole("flag", FieldRole.IGNORED), "class");
        assertEquals(List.of("x1", "x2", "color"), m.features().stream().map(f -> f.name()).toList());
    }

    @Test
    void train_creditData_beatsChance() {
        Frame credit = TestFrames.credit();
        TrainedModel m = Trainer.logisticRegression().train(credit.slice(0, 800), "class");
        Frame p = m.predict(credit.slice(800, 1000));
        assertEquals(200, p.rowCount());
    }

    @Test
    void train_sgdOnUnscaledFeatures_warnsAndNamesThem_issue9() {
        Frame credit = TestFrames.credit().slice(0, 300);
        String raw = stderrWhile(() -> Trainer.logisticRegression().with("epochs", 1).train(credit, "class"));
        assertTrue(raw.contains("unscaled") && raw.contains("credit_amount (up to"), raw);
        dev.mlops.features.FittedPreprocessing scaled = dev.mlops.features.Preprocessing.newBuilder()
                .scale(dev.mlops.features.Transform.Scaling.STANDARD, "duration", "credit_amount", "age")
                .exclude(credit.columnNames().stream().filter(n -> !List.of("duration", "credit_amount", "age")
                        .contains(n)).toArray(String[]::new)).build().fit(credit);
        String quiet = stderrWhile(() -> Trainer.logisticRegression().with("epochs", 1).preprocessing(scaled)
                .train(credit, "class"));
        assertFalse(quiet.contains("unscaled"), quiet);
        String tree = stderrWhile(() -> Trainer.cartClassifier().train(credit, "class"));
        assertFalse(tree.contains("unscaled"), "trees do not care about scale: " + tree);
    }

    /** What SLF4J's simple logger (the tests' binding, which writes to the current System.err) printed. */
    private static String stderrWhile(Runnable action) {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
