package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.data.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, part 5: on a 70:1 label (the bundled unbalanced.csv, 844 Inactive / 12 Active) the primary metric, the
 * fit diagnosis and the gate follow the label balance, and a model that predicts only the majority class is never
 * blessed.
 */
class ImbalanceTest {
    private static final Frame DATA = CsvSource.newBuilder(
            Path.of("../samples/src/main/resources/datasets/unbalanced.csv")).role("Outcome", FieldRole.LABEL).build()
            .read();
    private static final Frame[] SPLIT = stratifiedSplit(DATA, "Outcome", 0.7, 42);
    private static final Frame TRAIN = SPLIT[0];
    private static final Frame TEST = SPLIT[1];
    private static final TrainedModel FOREST = Trainer.randomForestClassifier().train(TRAIN, "Outcome");

    /** Each class's rows shuffled (seeded) and cut at the same fraction, so the test rows hold some Actives. */
    private static Frame[] stratifiedSplit(Frame frame, String label, double trainShare, long seed) {
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (String cls : List.of("Active", "Inactive")) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < frame.rowCount(); i++) {
                if (frame.column(label).format(i).equals(cls)) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, rnd);
            int cut = (int) Math.round(trainShare * rows.size());
            train.addAll(rows.subList(0, cut));
            test.addAll(rows.subList(cut, rows.size()));
        }
        return new Frame[] {frame.rows(train.stream().mapToInt(Integer::intValue).sorted().toArray()),
                frame.rows(test.stream().mapToInt(Integer::intValue).sorted().toArray())};
    }

    @Test
    void evaluate_imbalancedLabel_judgesByBalancedAccuracyAndSaysWhy() {
        Evaluation e = Evaluator.classification().evaluate(FOREST, TRAIN, TEST);
        assertEquals("balanced_accuracy", e.primaryMetric());
        assertTrue(e.primaryMetricReason().contains("591 'Inactive' to 8 'Active'"), e.primaryMetricReason());
        assertTrue(e.summary().startsWith("Primary metric: balanced_accuracy, because"), e.summary());
        assertEquals(0.5, e.baselines().get("majority class").get("balanced_accuracy"), 1e-12,
                "predicting the majority class scores 1/k, not the 0.99 accuracy it gets");
    }

    @Test
    void diagnose_forestThatMemorisesTheRareClass_isOverfittingNotUnderfitting() {
        Evaluation e = Evaluator.classification().evaluate(FOREST, TRAIN, TEST);
        assertEquals(1.0, e.trainMetrics().get("accuracy"), 1e-12, "the forest fits its training rows");
        assertEquals(Evaluation.Fit.OVERFITTING, e.diagnosis().fit(), e.diagnosis().text());
        assertTrue(e.diagnosis().text().startsWith("balanced_accuracy train"), e.diagnosis().text());
    }

    @Test
    void gate_majorityOnlyModel_isNeverBlessedEvenWhenItsThresholdsHold() {
        TrainedModel stump = Trainer.cartClassifier().with("maxDepth", 1).with("minChildWeight", 1000.0)
                .train(TRAIN, "Outcome");
        Evaluation e = Evaluator.classification().thresholds(MetricThreshold.atLeast("accuracy", 0.9))
                .evaluate(stump, TRAIN, TEST);
        assertTrue(e.metrics().get("accuracy") > 0.98, "accuracy alone would pass it");
        assertEquals(0.5, e.metrics().get("balanced_accuracy"), 1e-12);
        assertFalse(e.baselineVerdict().beats());
        assertFalse(e.comparison().blessed(), e.summary());
        assertTrue(e.comparison().reasons().stream().anyMatch(r -> r.startsWith("FAIL the model predicts"
                + " 'Inactive' for all 257 rows")), String.join("\n", e.comparison().reasons()));
        assertEquals(Evaluation.Fit.UNDERFITTING, e.diagnosis().fit(), e.diagnosis().text());
    }

    @Test
    void gate_majorityOnlyModelJudgedByAccuracy_isStillNotBlessed() {
        TrainedModel stump = Trainer.cartClassifier().with("maxDepth", 1).with("minChildWeight", 1000.0)
                .train(TRAIN, "Outcome");
        Evaluation e = Evaluator.classification().primaryMetric("accuracy").evaluate(stump, TRAIN, TEST);
        assertEquals("accuracy", e.primaryMetric());
        assertEquals("accuracy, as set on the evaluator.", e.primaryMetricReason());
        assertFalse(e.comparison().blessed(), e.summary());
    }

    @Test
    void evaluate_withoutTrainingRows_measuresTheBalanceOnTheEvaluationRows() {
        TrainedModel stump = Trainer.cartClassifier().with("maxDepth", 1).train(TRAIN, "Outcome");
        Evaluation e = Evaluator.classification().evaluate(stump, TEST);
        assertEquals("balanced_accuracy", e.primaryMetric());
        assertTrue(e.primaryMetricReason().contains("in the 257 evaluation rows"), e.primaryMetricReason());
    }

    @Test
    void tune_imbalancedLabel_scoresTrialsByBalancedAccuracy() {
        TuningResult r = Tuner.grid(Trainer.cartClassifier(), ParamSpace.of().values("maxDepth", 1, 4)).folds(3)
                .tune(TRAIN, "Outcome");
        assertEquals("balanced_accuracy", r.metric());
        TuningResult balanced = Tuner.grid(Trainer.cartClassifier(), ParamSpace.of().values("maxDepth", 1, 4))
                .folds(3).tune(TestFrames.synthetic(120, 5).drop("y"), "class");
        assertEquals("accuracy", balanced.metric());
    }

    @Test
    void balancedAccuracy_anyConstantPrediction_isOneOverTheClassesPresent() {
        qt().withExamples(300).forAll(integers().between(2, 6), integers().between(1, 300), integers().between(0, 5),
                longs().all()).checkAssert((k, n, constant, seed) -> {
                    Random rnd = new Random(seed);
                    int c = constant % k;
                    int[] truth = new int[n];
                    boolean[] present = new boolean[k];
                    for (int i = 0; i < n; i++) {
                        truth[i] = rnd.nextDouble() < 0.8 ? 0 : rnd.nextInt(k); // skewed towards class 0
                        present[truth[i]] = true;
                    }
                    int classesPresent = 0;
                    for (boolean p : present) {
                        classesPresent += p ? 1 : 0;
                    }
                    int[] predicted = new int[n];
                    java.util.Arrays.fill(predicted, c);
                    double[][] proba = new double[n][k];
                    for (double[] row : proba) {
                        row[c] = 1;
                    }
                    List<String> names = java.util.stream.IntStream.range(0, k).mapToObj(i -> "c" + i).toList();
                    double balanced = ClassificationMetrics.of(names, truth, predicted, proba, false).balancedAccuracy();
                    assertEquals((present[c] ? 1.0 : 0.0) / classesPresent, balanced, 1e-12);
                });
    }

    @Test
    void gate_anyMajorityOnlyModel_isNeverBlessed() {
        qt().withExamples(25).forAll(integers().between(60, 240), integers().between(1, 45), longs().all())
                .checkAssert((n, minorityPercent, seed) -> {
                    Random rnd = new Random(seed);
                    double[] x = new double[n];
                    String[] y = new String[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = rnd.nextGaussian();
                        // the first rows of each half hold one of each class, so train and test see both
                        y[i] = i % (n / 2) == 0 ? "rare" : i % (n / 2) == 1 ? "common"
                                : rnd.nextInt(100) < minorityPercent ? "rare" : "common";
                    }
                    Frame data = Frame.of(dev.mlops.api.DoubleColumn.of("x", x),
                            dev.mlops.api.CategoricalColumn.of("y", y));
                    Frame train = data.slice(0, n / 2);
                    Frame test = data.slice(n / 2, n);
                    TrainedModel majority = Trainer.cartClassifier().with("minChildWeight", 1e9).train(train, "y");
                    dev.mlops.api.CategoricalColumn predicted = majority.predict(test).categorical("label");
                    assertEquals(1, java.util.stream.IntStream.range(0, test.rowCount())
                            .mapToObj(predicted::getString).distinct().count(), "a one-leaf tree predicts one class");
                    Evaluation e = Evaluator.classification().thresholds(MetricThreshold.atLeast("accuracy", 0.0))
                            .evaluate(majority, train, test);
                    assertFalse(e.comparison().blessed(), e.summary());
                });
    }
}
