package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelReportTest {
    static final Instant WHEN = Instant.parse("2026-01-01T00:00:00Z");
    static Frame train;
    static Frame test;
    static TrainedModel model;
    static Evaluation evaluation;
    static FeatureRanking ranking;
    static TuningResult tuning;

    @BeforeAll
    static void credit() {
        Frame credit = TestFrames.credit();
        train = credit.slice(0, 800);
        test = credit.slice(800, 1000);
        model = Trainer.logisticRegression().seed(42).train(train, "class");
        evaluation = Evaluator.classification().sliceBy("personal_status").learningCurve(0.5, 1.0)
                .evaluate(model, train, test);
        ranking = FeatureSelector.mutualInformation().rank(train, "class");
        tuning = Tuner.grid(Trainer.cartClassifier(), ParamSpace.of().values("maxDepth", 2, 4)).folds(3)
                .tune(train, "class");
    }

    static ModelReport report() {
        return ModelReport.newBuilder("credit-g logistic regression").evaluation(evaluation).curves(model, test)
                .ranking(ranking).tuning(tuning).created(WHEN).build();
    }

    @Test
    void toHtml_creditModel_hasEveryChartAsInlineSvgAndLoadsNothing() throws IOException {
        String html = report().toHtml();
        for (String heading : List.of("Confusion matrix", "ROC curve (AUC", "Precision-recall (average precision",
                "Calibration (ECE", "Learning curve", evaluation.primaryMetric() + " by personal_status", "Feature ranking", "Tuning: 2 trials",
                "Metrics (200 held-out rows)", "BLESSED")) {
            assertTrue(html.contains(heading), "the report shows " + heading);
        }
        assertEquals(8, Pattern.compile("<svg [^>]*xmlns:jfreesvg").matcher(html).results().count(), "one SVG per chart");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=['\"]https?:").matcher(html).find(), "no external assets");
        Path out = Path.of("target", "model-report", "credit-model.html");
        report().writeHtml(out);
        assertEquals(html, Files.readString(out));
    }

    @Test
    void toHtml_sameInputs_sameBytes() {
        assertEquals(report().toHtml(), report().toHtml());
    }

    @Test
    void toJson_holdsTheNumbersBehindEveryChart() throws IOException {
        JsonNode json = Json.mapper().readTree(report().toJson());
        JsonNode e = json.get("evaluation");
        assertEquals(evaluation.primaryMetric(), e.get("primaryMetric").asText());
        assertEquals(evaluation.metrics().get("roc_auc"), e.get("metrics").get("roc_auc").asDouble(), 1e-12);
        assertEquals(2, e.get("classes").size());
        assertEquals(test.rowCount(), e.get("confusion").get(0).get(0).asLong() + e.get("confusion").get(0).get(1)
                .asLong() + e.get("confusion").get(1).get(0).asLong() + e.get("confusion").get(1).get(1).asLong());
        assertEquals(1, e.get("roc").size());
        assertEquals(2, e.get("learningCurve").size());
        assertEquals(ranking.scores().size(), json.get("ranking").get("scores").size());
        assertEquals(2, json.get("tuning").get("trials").size());
    }

    @Test
    void rocCurve_creditModel_areaIsTheEvaluationsRocAuc() {
        EvaluationHtml.Curve roc = EvaluationHtml.curves(model, test).get(0).get(0);
        assertEquals(model.classes().get(1), roc.positive());
        assertEquals(evaluation.metrics().get("roc_auc"), area(roc), 1e-9);
    }

    @Test
    void oneVsRest_anyScores_rocRunsFromOriginToOneOneMonotonicallyWithTheMannWhitneyArea() {
        qt().forAll(integers().between(2, 60), longs().all()).checkAssert((n, seed) -> {
            Random r = new Random(seed);
            double[] score = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                score[i] = r.nextInt(6) / 5.0; // ties on purpose
                positive[i] = i == 0 || (i != 1 && r.nextBoolean());
            }
            EvaluationHtml.Curve roc = EvaluationHtml.oneVsRest("p", score, positive).get(0);
            int last = roc.x().length - 1;
            assertEquals(0, roc.x()[0]);
            assertEquals(0, roc.y()[0]);
            assertEquals(1, roc.x()[last], 1e-12);
            assertEquals(1, roc.y()[last], 1e-12);
            for (int i = 1; i <= last; i++) {
                assertTrue(roc.x()[i] >= roc.x()[i - 1] && roc.y()[i] >= roc.y()[i - 1], "monotone");
            }
            assertEquals(mannWhitney(score, positive), area(roc), 1e-9);
        });
    }

    @Test
    void build_withoutEvaluation_saysWhatIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelReport.newBuilder("x").build());
        assertTrue(e.getMessage().contains("needs an evaluation"));
    }

    @Test
    void evaluationToHtml_isAFragmentWithItsCharts() {
        String html = evaluation.toHtml();
        assertTrue(html.startsWith("<div class=\"mlops\"><style>"));
        assertTrue(html.contains("Confusion matrix") && html.contains("Learning curve"));
        assertEquals(evaluation.summary(), evaluation.toText());
        assertTrue(tuning.toHtml().contains("Trials by"));
    }

    @Test
    void evaluationAgainstACurrentModel_chartsCandidateAndCurrentMetricByMetric() {
        TrainedModel current = Trainer.cartClassifier().seed(1).train(train, "class");
        Evaluation compared = Evaluator.classification().compareWith(current).evaluate(model, train, test);
        String html = compared.toHtml();
        assertTrue(html.contains("Candidate vs current model (McNemar"), "the comparison chart is titled");
        assertTrue(html.contains("current model") && html.contains("candidate"), "its legend names both");
        assertEquals(Evaluator.classification().evaluate(current, test).metrics().get("accuracy"),
                compared.comparison().currentMetrics().get("accuracy"), 1e-12, "the current model's own metrics");
        assertFalse(evaluation.toHtml().contains("Candidate vs current model"), "no chart without a current model");
    }

    /** The trapezoid area under the curve. */
    static double area(EvaluationHtml.Curve c) {
        double a = 0;
        for (int i = 1; i < c.x().length; i++) {
            a += (c.x()[i] - c.x()[i - 1]) * (c.y()[i] + c.y()[i - 1]) / 2;
        }
        return a;
    }

    /** The probability that a positive outscores a negative, ties counting half: every pair compared. */
    static double mannWhitney(double[] score, boolean[] positive) {
        double wins = 0;
        double pairs = 0;
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < score.length; j++) {
                if (positive[i] && !positive[j]) {
                    pairs++;
                    wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}
