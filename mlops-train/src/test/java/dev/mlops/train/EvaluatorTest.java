package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.train.internal.Significance;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final Frame DATA = TestFrames.synthetic(600, 3).drop("y");
    private static final Frame TRAIN = DATA.slice(0, 400);
    private static final Frame TEST = DATA.slice(400, 600);
    private static final TrainedModel MODEL = Trainer.logisticRegression().train(TRAIN, "class");

    @Test
    void evaluate_learnableProblem_beatsBaselineAndFitsWell() {
        Evaluation e = Evaluator.classification().sliceBy("color", "x1").evaluate(MODEL, TRAIN, TEST);
        assertTrue(e.baselineVerdict().beats(), e.baselineVerdict().text());
        assertEquals(2, e.baselines().size());
        assertEquals(0.5, e.baselines().get("majority class").get("roc_auc"), 1e-12);
        assertEquals(Evaluation.Fit.GOOD, e.diagnosis().fit(), e.diagnosis().text());
        assertEquals("accuracy", e.primaryMetric());
        assertTrue(e.primaryMetricReason().contains("under 4:1"), e.primaryMetricReason());
        assertTrue(e.summary().contains("Verdict: BLESSED"), e.summary());
        assertTrue(e.comparison().reasons().get(0).contains("absolute thresholds alone"));
        assertTrue(e.comparison().reasons().get(1).startsWith("PASS baseline: accuracy"), e.summary());
    }

    @Test
    void evaluate_byDefault_trainsNoLearningCurve_issue9() {
        List<TrainingEvent> events = new ArrayList<>();
        Evaluation e = Evaluator.classification().listener(events::add).evaluate(MODEL, TRAIN, TEST);
        assertTrue(e.learningCurve().isEmpty());
        assertTrue(events.isEmpty(), "no model was retrained: " + events);
        assertNotNull(e.diagnosis(), "the fit diagnosis needs no curve");
        assertFalse(e.summary().contains("Learning curve"));
    }

    @Test
    void evaluate_learningCurveAskedFor_retrainsOncePerFraction() {
        Evaluation e = Evaluator.classification().learningCurve(0.25, 0.5, 0.75, 1.0).evaluate(MODEL, TRAIN, TEST);
        assertEquals(4, e.learningCurve().size());
        assertEquals(TRAIN.rowCount(), e.learningCurve().get(3).trainRows());
        assertTrue(e.summary().contains("Learning curve"));
    }

    @Test
    void slices_coverEveryRowOncePerColumn() {
        Evaluation e = Evaluator.classification().sliceBy("color", "x1").evaluate(MODEL, TEST);
        int colorRows = e.slices().stream().filter(s -> s.column().equals("color")).mapToInt(s -> s.rows()).sum();
        int x1Rows = e.slices().stream().filter(s -> s.column().equals("x1")).mapToInt(s -> s.rows()).sum();
        assertEquals(TEST.rowCount(), colorRows);
        assertEquals(TEST.rowCount(), x1Rows);
        assertEquals(4, e.slices().stream().filter(s -> s.column().equals("x1")).count());
        for (Evaluation.Slice s : e.worstSlices()) {
            assertTrue(s.gap() < 0 && s.rows() >= 10);
        }
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.classification().sliceBy("nope").evaluate(MODEL, TEST));
        assertTrue(thrown.getMessage().contains("slice by 'nope'")
                && thrown.getMessage().contains("the columns are [x1, x2, color, flag, class]"), thrown.getMessage());
    }

    @Test
    void mistakes_areWrongAndMostConfidentFirst() {
        Evaluation e = Evaluator.classification().mistakes(5).evaluate(MODEL, TEST);
        Frame m = e.mistakes();
        assertTrue(m.rowCount() <= 5);
        double prev = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.rowCount(); i++) {
            assertFalse(m.categorical("predicted").getString(i).equals(m.categorical("class").getString(i)));
            double c = m.doubles("confidence").getDouble(i);
            assertTrue(c <= prev);
            prev = c;
        }
    }

    @Test
    void diagnose_memorisedNoise_isOverfitting() {
        Frame noise = noise(400, 11);
        TrainedModel deep = Trainer.cartClassifier().with("maxDepth", 30).with("minChildWeight", 0.5)
                .train(noise.slice(0, 250), "class");
        Evaluation e = Evaluator.classification().learningCurve(0.5, 1.0)
                .evaluate(deep, noise.slice(0, 250), noise.slice(250, 400));
        assertEquals(Evaluation.Fit.OVERFITTING, e.diagnosis().fit(), e.diagnosis().text());
        assertFalse(e.baselineVerdict().beats());
    }

    @Test
    void diagnose_modelThatCannotSplit_isUnderfitting() {
        Frame noise = noise(400, 12);
        TrainedModel stump = Trainer.cartClassifier().with("maxDepth", 1).with("minChildWeight", 1000.0)
                .train(noise.slice(0, 250), "class");
        Evaluation e = Evaluator.classification().learningCurve(1.0)
                .evaluate(stump, noise.slice(0, 250), noise.slice(250, 400));
        assertEquals(Evaluation.Fit.UNDERFITTING, e.diagnosis().fit(), e.diagnosis().text());
    }

    @Test
    void compare_strongCandidateAgainstWeakCurrent_isBlessedAndSignificant() {
        TrainedModel weak = Trainer.cartClassifier().with("maxDepth", 1).train(TRAIN.select("flag", "class"), "class");
        Evaluation e = Evaluator.classification().compareWith(weak, MetricThreshold.noWorseThan("accuracy", 0.0),
                MetricThreshold.atLeast("roc_auc", 0.8)).requireSignificance(0.05).evaluate(MODEL, TEST);
        assertTrue(e.comparison().hasCurrent());
        assertTrue(e.comparison().blessed(), String.join("\n", e.comparison().reasons()));
        assertTrue(e.comparison().pValue() < 0.05);
    }

    @Test
    void compare_weakCandidateAgainstStrongCurrent_isNotBlessed() {
        TrainedModel weak = Trainer.cartClassifier().with("maxDepth", 1).train(TRAIN.select("flag", "class"), "class");
        Evaluation e = Evaluator.classification().compareWith(MODEL).evaluate(weak, TEST);
        assertFalse(e.comparison().blessed());
        assertTrue(e.summary().contains("NOT BLESSED"));
    }

    @Test
    void firstModel_missingAnAbsoluteThreshold_isNotBlessed() {
        Evaluation e = Evaluator.classification().thresholds(MetricThreshold.atLeast("accuracy", 0.99))
                .evaluate(MODEL, TEST);
        assertFalse(e.comparison().blessed());
        assertTrue(e.comparison().reasons().stream().anyMatch(r -> r.startsWith("FAIL accuracy")));
    }

    @Test
    void regression_baselinesBootstrapAndVerdict() {
        Frame r = TestFrames.synthetic(500, 4).drop("class");
        TrainedModel lin = Trainer.linearSgdRegressor().train(r.slice(0, 350), "y");
        TrainedModel tree = Trainer.cartRegressor().with("maxDepth", 2).train(r.slice(0, 350), "y");
        Evaluation e = Evaluator.regression().compareWith(tree).sliceBy("color")
                .evaluate(lin, r.slice(0, 350), r.slice(350, 500));
        assertTrue(e.baselines().containsKey("mean"));
        assertTrue(e.baselineVerdict().beats());
        assertNotNull(e.comparison().interval());
        assertTrue(e.comparison().interval()[0] > 0, "linear beats a depth-2 tree on a linear signal");
        assertEquals("paired bootstrap", e.comparison().significanceTest());
        assertEquals(10, e.mistakes().rowCount());
    }

    @Test
    void evaluate_unknownClassInTest_namesRowAndClass() {
        String[] labels = new String[TEST.rowCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i == 3 ? "maybe" : TEST.categorical("class").getString(i);
        }
        Frame odd = TEST.withColumn(CategoricalColumn.of("class", labels));
        Exception e = assertThrows(dev.mlops.api.TrainingException.class,
                () -> Evaluator.classification().evaluate(MODEL, odd));
        assertTrue(e.getMessage().contains("Row 3") && e.getMessage().contains("maybe"));
    }

    @Test
    void mcnemar_matchesScipy() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/metric_fixtures.json")) {
            cases = Json.mapper().readTree(in).get("mcnemar");
        }
        for (JsonNode c : cases) {
            int b = c.get("b").asInt();
            int cc = c.get("c").asInt();
            double expected = c.get("p").asDouble();
            double actual = Significance.mcnemar(b, cc).pValue();
            double tol = b + cc < 25 ? 1e-12 : 1e-6 * Math.max(expected, 1e-3);
            assertEquals(expected, actual, tol, "b=" + b + " c=" + cc);
        }
    }

    private static Frame noise(int n, long seed) {
        Random rnd = new Random(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            y[i] = rnd.nextBoolean() ? "p" : "q";
        }
        return Frame.of(DoubleColumn.of("a", a), DoubleColumn.of("b", b), CategoricalColumn.of("class", y));
    }
}
