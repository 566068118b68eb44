package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Json;
import dev.mlops.data.metrics.MetricMath;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every metric against scikit-learn's value on the same data (fixtures/make_metric_fixtures.py). */
class MetricsTest {
    private static final double TOL = 1e-9;
    private static final JsonNode FIXTURES = load();

    private static JsonNode load() {
        try (InputStream in = MetricsTest.class.getResourceAsStream("/fixtures/metric_fixtures.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<JsonNode> classificationCases() {
        List<JsonNode> out = new ArrayList<>();
        FIXTURES.get("classification").forEach(out::add);
        return out.stream();
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("classificationCases")
    void classificationMetrics_matchScikitLearn(JsonNode c) {
        int k = c.get("classes").asInt();
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            classes.add("c" + i);
        }
        double[][] proba = new double[c.get("proba").size()][];
        for (int i = 0; i < proba.length; i++) {
            proba[i] = doubles(c.get("proba").get(i));
        }
        ClassificationMetrics m = ClassificationMetrics.of(classes, ints(c.get("y_true")), ints(c.get("y_pred")),
                proba, true);
        String name = c.get("name").asText();
        for (String metric : List.of("accuracy", "balanced_accuracy", "macro_precision", "macro_recall", "macro_f1",
                "micro_precision", "micro_recall", "micro_f1", "roc_auc", "pr_auc", "log_loss", "brier")) {
            assertEquals(c.get(metric).asDouble(), m.get(metric), TOL, name + " " + metric);
        }
        for (int i = 0; i < k; i++) {
            ClassificationMetrics.ClassScores s = m.perClass().get(i);
            assertEquals(c.get("precision").get(i).asDouble(), s.precision(), TOL, name + " precision " + i);
            assertEquals(c.get("recall").get(i).asDouble(), s.recall(), TOL, name + " recall " + i);
            assertEquals(c.get("f1").get(i).asDouble(), s.f1(), TOL, name + " f1 " + i);
            assertEquals(c.get("support").get(i).asLong(), s.support(), name + " support " + i);
            for (int j = 0; j < k; j++) {
                assertEquals(c.get("confusion").get(i).get(j).asLong(), m.confusion()[i][j], name + " cm");
            }
        }
        JsonNode cal = c.get("calibration");
        assertEquals(cal.get("ece").asDouble(), m.ece(), TOL, name + " ece");
        assertEquals(cal.get("counts").size(), m.calibration().size(), name + " calibration bins");
        for (int b = 0; b < m.calibration().size(); b++) {
            assertEquals(cal.get("counts").get(b).asLong(), m.calibration().get(b).count(), name + " bin count " + b);
            assertEquals(cal.get("mean_predicted").get(b).asDouble(), m.calibration().get(b).meanPredicted(), TOL);
            assertEquals(cal.get("fraction_positive").get(b).asDouble(), m.calibration().get(b).fractionPositive(),
                    TOL);
        }
    }

    @Test
    void regressionMetrics_matchScikitLearn() {
        JsonNode c = FIXTURES.get("regression").get(0);
        RegressionMetrics m = RegressionMetrics.of(doubles(c.get("y_true")), doubles(c.get("y_pred")));
        assertEquals(c.get("rmse").asDouble(), m.rmse(), TOL);
        assertEquals(c.get("mae").asDouble(), m.mae(), TOL);
        assertEquals(c.get("r2").asDouble(), m.r2(), TOL);
        assertEquals(c.get("mape").asDouble(), m.mape(), c.get("mape").asDouble() * 1e-12);
        RegressionMetrics.Residuals r = m.residuals();
        assertEquals(c.get("residual_mean").asDouble(), r.mean(), TOL);
        assertEquals(c.get("residual_std").asDouble(), r.std(), TOL);
        assertEquals(c.get("residual_min").asDouble(), r.min(), TOL);
        assertEquals(c.get("residual_p25").asDouble(), r.p25(), TOL);
        assertEquals(c.get("residual_median").asDouble(), r.median(), TOL);
        assertEquals(c.get("residual_p75").asDouble(), r.p75(), TOL);
        assertEquals(c.get("residual_max").asDouble(), r.max(), TOL);
    }

    @Test
    void rocAuc_textbookCases() {
        assertEquals(1.0, MetricMath.rocAuc(new boolean[] {false, false, true, true}, new double[] {.1, .2, .8, .9}));
        assertEquals(0.0, MetricMath.rocAuc(new boolean[] {true, true, false, false}, new double[] {.1, .2, .8, .9}));
        assertEquals(0.5, MetricMath.rocAuc(new boolean[] {true, false}, new double[] {.5, .5}));
        assertTrue(Double.isNaN(MetricMath.rocAuc(new boolean[] {true, true}, new double[] {.1, .2})));
    }

    @Test
    void r2_constantTruth_followsScikitLearn() {
        assertEquals(1.0, RegressionMetrics.of(new double[] {2, 2}, new double[] {2, 2}).r2());
        assertEquals(0.0, RegressionMetrics.of(new double[] {2, 2}, new double[] {1, 3}).r2());
    }

    @Test
    void get_unknownMetric_listsTheNames() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 2}, new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.get("auc"));
        assertTrue(e.getMessage().contains("rmse"));
    }
}
