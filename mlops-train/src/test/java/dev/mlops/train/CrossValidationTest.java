package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.SelectionRule;
import dev.mlops.features.Transform;
import dev.mlops.train.internal.Folds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 10 item 1: cross-validation fits the whole pipeline on each training fold, so no held-out row leaks. */
class CrossValidationTest {
    private static final String LABEL = "class";
    /** Numbers with missing values: the median fill and the scale are fitted state that differs fold by fold. */
    private static final Frame DATA = withMissing(TestFrames.synthetic(240, 11).drop("y"));
    private static final Preprocessing CHAIN = Preprocessing.newBuilder()
            .impute(Transform.Imputation.MEDIAN, "x1", "x2").scale(Transform.Scaling.STANDARD, "x1", "x2")
            .impute(Transform.Imputation.MOST_FREQUENT, "flag")
            .oneHot(Transform.UnseenCategories.IGNORE, "color").exclude(LABEL).build();

    private static CrossValidation folds(Frame frame, int k) {
        int[] classes = new int[frame.rowCount()];
        CategoricalColumn c = frame.categorical(LABEL);
        String first = c.getString(0); // classes numbered by first appearance, as the tuner numbers them
        for (int i = 0; i < classes.length; i++) {
            classes[i] = c.getString(i).equals(first) ? 0 : 1;
        }
        return CrossValidation.of(frame, LABEL, Folds.stratified(classes, k, 42L));
    }

    @Test
    void fit_unfittedChain_fittedStateIsThatOfTheFoldsTrainingRowsAlone() {
        CrossValidation cv = folds(DATA, 5);
        FittedPreprocessing onAllRows = CHAIN.fit(DATA);
        Trainer pipeline = Trainer.cartClassifier().preprocessing(CHAIN);
        for (int f = 0; f < cv.folds(); f++) {
            FittedPreprocessing perFold = cv.fit(pipeline, f).preprocessing().orElseThrow();
            assertEquals(CHAIN.fit(cv.training(f)), perFold, "fold " + f + " is fitted on its training rows");
            assertNotEquals(onAllRows, perFold, "fold " + f + " did not see its held-out rows");
            assertEquals(DATA.rowCount() - cv.heldOut(f).rowCount(), cv.training(f).rowCount());
        }
    }

    @Test
    void fit_selectionRule_selectsOnTheFoldsTrainingRowsAlone() {
        SelectionRule rule = SelectionRule.top("mutual_information", 2);
        Trainer pipeline = Trainer.cartClassifier().selection(rule).preprocessing(CHAIN);
        CrossValidation cv = folds(DATA, 4);
        for (int f = 0; f < cv.folds(); f++) {
            Frame rows = cv.training(f);
            List<String> chosen = rule.select(rows, LABEL).columns();
            FittedPreprocessing perFold = cv.fit(pipeline, f).preprocessing().orElseThrow();
            assertEquals(chosen, perFold.inputFields().stream().map(Field::name).toList());
            assertEquals(CHAIN.restrictTo(chosen).fit(rule.select(rows, LABEL).project(rows)), perFold);
        }
    }

    @Test
    void fit_trainerRecordingProfiles_foldModelsRecordNone() {
        Trainer profiling = Trainer.cartClassifier().preprocessing(CHAIN).recordProfile(true);
        CrossValidation cv = folds(DATA, 3);
        assertTrue(cv.fit(profiling, 0).referenceProfile().isEmpty());
        assertTrue(profiling.train(DATA, LABEL).referenceProfile().isPresent(), "the final model still records one");
    }

    @Test
    void tune_pipelineTrainer_foldScoresAreThoseOfFittingEachFoldAlone() {
        Trainer pipeline = Trainer.cartClassifier().preprocessing(CHAIN);
        TuningResult r = Tuner.grid(pipeline, ParamSpace.of().values("maxDepth", 2, 5)).folds(4).metric("roc_auc")
                .tune(DATA, LABEL);
        CrossValidation cv = folds(DATA, 4);
        for (TuningResult.Trial t : r.trials()) {
            Trainer trial = pipeline.withSettings(t.settings());
            for (int f = 0; f < cv.folds(); f++) {
                Trainer byHand = Trainer.of(t.settings()).preprocessing(CHAIN.fit(cv.training(f)));
                double expected = Scored.of(byHand.train(cv.training(f), LABEL), cv.heldOut(f))
                        .metrics(null).get("roc_auc");
                assertEquals(expected, t.foldScores()[f], 1e-12, "trial " + t.index() + " fold " + f);
                assertEquals(expected, cv.score(trial, f, "roc_auc"), 1e-12);
            }
        }
    }

    @Test
    void tune_selectionOnPureNoise_pipelineScoresChanceWhereSelectingFirstLeaks() {
        Frame noise = noise(120, 300, 5L);
        SelectionRule rule = SelectionRule.top("mutual_information", 5);
        ParamSpace space = ParamSpace.of().values("maxDepth", 2);
        double pipeline = Tuner.grid(Trainer.cartClassifier().selection(rule), space).folds(5).metric("roc_auc")
                .tune(noise, LABEL).best().mean();
        Frame selectedOnAllRows = rule.select(noise, LABEL).project(noise);
        double leaky = Tuner.grid(Trainer.cartClassifier(), space).folds(5).metric("roc_auc")
                .tune(selectedOnAllRows, LABEL).best().mean();
        assertTrue(Math.abs(pipeline - 0.5) < 0.12, "noise scores near chance in the pipeline: " + pipeline);
        assertTrue(leaky > pipeline + 0.1, "selecting before the folds inflates the score: leaky " + leaky
                + " vs pipeline " + pipeline);
    }

    @Test
    void train_selectionBeforeFittedChain_isRefusedWithWhatToDo() {
        Trainer t = Trainer.cartClassifier().preprocessing(CHAIN.fit(DATA))
                .selection(SelectionRule.top("mutual_information", 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.train(DATA, LABEL));
        assertTrue(e.getMessage().contains("unfitted Preprocessing"), e.getMessage());
    }

    /** The frame with every 7th x1 and every 11th x2 missing. */
    private static Frame withMissing(Frame frame) {
        double[] x1 = frame.doubles("x1").toArray();
        double[] x2 = frame.doubles("x2").toArray();
        for (int i = 0; i < x1.length; i++) {
            x1[i] = i % 7 == 3 ? Double.NaN : x1[i];
            x2[i] = i % 11 == 5 ? Double.NaN : x2[i];
        }
        return frame.withColumn(DoubleColumn.of("x1", x1)).withColumn(DoubleColumn.of("x2", x2));
    }

    /** {@code features} numeric columns of pure noise and a balanced random label. */
    private static Frame noise(int rows, int features, long seed) {
        Random rnd = new Random(seed);
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < features; c++) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = rnd.nextGaussian();
            }
            columns.add(DoubleColumn.of("n" + c, v));
        }
        String[] cls = new String[rows];
        for (int i = 0; i < rows; i++) {
            cls[i] = i % 2 == 0 ? "yes" : "no";
        }
        columns.add(CategoricalColumn.of(LABEL, cls));
        return Frame.of(columns);
    }
}
