package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Permutation importance with hand-written models. */
class PermutationImportanceTest {
    /** Predicts "good" (its dictionary code) when signal > 1: uses signal only. */
    private static double[] thresholdModel(Frame f) {
        int good = f.categorical("class").dictionary().indexOf("good");
        int bad = 1 - good;
        double[] s = f.doubles("signal").toArray();
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] > 1 ? good : bad;
        }
        return out;
    }

    @Test
    void rank_featureTheModelUses_isTheOnlyImportantOne() {
        Frame f = FeatureSelectorTest.mixed(1000, 21);
        FeatureRanking ranking = PermutationImportance.newBuilder().predictor(PermutationImportanceTest::thresholdModel)
                .metric(PermutationImportance.Metric.accuracy()).repeats(3).seed(7).build().rank(f, "class");
        assertEquals("signal", ranking.names().get(0));
        assertTrue(ranking.score("signal").orElseThrow() > 0.4, ranking.format());
        assertEquals(0.0, ranking.score("noise").orElseThrow());
        assertEquals(0.0, ranking.score("colour").orElseThrow());
        assertTrue(Double.parseDouble(ranking.settings().get("baseline")) > 0.95);
        assertEquals(List.of("signal", "noise", "colour").size(), ranking.scores().size(), "id is not a feature");
    }

    @Test
    void rank_sameSeed_sameRanking_lowerIsBetterMetric() {
        Frame f = FeatureSelectorTest.mixed(300, 22);
        PermutationImportance.Predictor regression = frame -> frame.doubles("signal").toArray();
        Frame numericLabel = f.drop("class").withColumn(f.doubles("signal").rename("target"));
        PermutationImportance pi = PermutationImportance.newBuilder().predictor(regression)
                .metric(PermutationImportance.Metric.meanSquaredError()).seed(3).build();
        FeatureRanking a = pi.rank(numericLabel, "target");
        assertEquals(a, pi.toBuilder().build().rank(numericLabel, "target"));
        assertTrue(a.score("signal").orElseThrow() > 1, "shuffling the only input raises the error");
        FeatureRanking r2 = pi.toBuilder().metric(PermutationImportance.Metric.r2()).build().rank(numericLabel, "target");
        assertTrue(r2.score("signal").orElseThrow() > 1, "R squared drops from 1 to about -1");
    }

    @Test
    void build_collectsEveryProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PermutationImportance.newBuilder().repeats(0).build());
        assertTrue(e.getMessage().contains("predictor") && e.getMessage().contains("metric")
                && e.getMessage().contains("repeats"), e.getMessage());
    }

    @Test
    void predictorReturningWrongLength_failsClearly() {
        PermutationImportance pi = PermutationImportance.newBuilder().predictor(frame -> new double[1])
                .metric(PermutationImportance.Metric.accuracy()).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pi.rank(FeatureSelectorTest.mixed(10, 1), "class"));
        assertTrue(e.getMessage().contains("one prediction per row"));
    }
}
