package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our statistics against scikit-learn's on the committed fixtures. */
class FeatureSelectorOracleTest {
    private static final JsonNode SCORES = Fixtures.scores();
    private static final Frame CLASSIFICATION = Fixtures.csv("classification.csv", "class");
    private static final Frame REGRESSION = Fixtures.csv("regression.csv");

    private static void assertMatches(FeatureRanking ranking, JsonNode expected) {
        assertEquals(expected.size(), ranking.scores().size(), "every feature scored");
        expected.fields().forEachRemaining(e -> {
            double want = e.getValue().asDouble();
            double got = ranking.score(e.getKey()).orElseThrow();
            assertEquals(want, got, 1e-6 * Math.max(1e-12, Math.abs(want)), e.getKey());
        });
    }

    @Test
    void chiSquared_numericFeatures_equalsSklearnChi2() {
        assertMatches(FeatureSelector.chiSquared().rank(CLASSIFICATION, "class"),
                SCORES.at("/classification/chi2"));
    }

    @Test
    void anovaF_numericFeatures_equalsSklearnFClassif() {
        assertMatches(FeatureSelector.anovaF().rank(CLASSIFICATION, "class"),
                SCORES.at("/classification/f_classif"));
    }

    @Test
    void fRegression_numericFeatures_equalsSklearnFRegression() {
        assertMatches(FeatureSelector.fRegression().rank(REGRESSION, "target"),
                SCORES.at("/regression/f_regression"));
    }

    @Test
    void mutualInformation_clearlySeparatedFeatures_orderedAsSklearn() {
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(CLASSIFICATION, "class");
        JsonNode mi = SCORES.at("/classification/mutual_info_classif");
        List<String> names = List.of("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7");
        int compared = 0;
        for (String a : names) {
            for (String b : names) {
                // "Clearly separated": scikit-learn's kNN estimates differ by more than 0.1 nats.
                if (mi.get(a).asDouble() > mi.get(b).asDouble() + 0.1) {
                    compared++;
                    assertTrue(ranking.score(a).orElseThrow() > ranking.score(b).orElseThrow(),
                            a + " should rank above " + b + " as in scikit-learn: " + ranking.format());
                }
            }
        }
        assertTrue(compared >= 15, "the fixture separates informative from noise features");
        assertEquals(List.of("x0", "x1", "x2"), ranking.top(3).columns().stream().sorted().toList());
    }

    @Test
    void mutualInformation_valuesCloseToSklearnForInformativeFeatures() {
        // Different estimators (bins against k nearest neighbours) agree roughly on strong signals.
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(CLASSIFICATION, "class");
        JsonNode mi = SCORES.at("/classification/mutual_info_classif");
        for (String f : List.of("x0", "x1", "x2")) {
            assertEquals(mi.get(f).asDouble(), ranking.score(f).orElseThrow(), 0.15, f);
        }
        for (String f : List.of("x3", "x4", "x5", "x6", "x7")) {
            assertTrue(ranking.score(f).orElseThrow() < 0.05, f + " is noise");
        }
    }

    @Test
    void tribuoJmiAndCmim_pickTheInformativeFeaturesFirst() {
        for (FeatureSelector s : List.of(FeatureSelector.jmi(3), FeatureSelector.cmim(3))) {
            FeatureRanking ranking = s.rank(CLASSIFICATION, "class");
            assertEquals(List.of("x0", "x1", "x2"), ranking.names().stream().sorted().toList(), ranking.format());
            assertEquals(5, ranking.notes().size(), "the unpicked features are noted");
        }
    }

    @Test
    void tribuoMrmr_startsWithTheMostRelevantAndPenalisesRedundancy() {
        // mRMR subtracts the mean MI with the features already picked, and the three informative features share
        // the class signal, so only the first two picks are guaranteed informative.
        FeatureRanking ranking = FeatureSelector.mrmr(3).rank(CLASSIFICATION, "class");
        assertEquals(3, ranking.scores().size());
        assertEquals("x1", ranking.names().get(0), ranking.format());
        assertEquals(List.of("x0", "x1"), ranking.top(2).columns().stream().sorted().toList());
    }

    @Test
    void mutualInformationRegression_ranksStrongRegressorsFirst() {
        FeatureRanking ranking = FeatureSelector.mutualInformationRegression().rank(REGRESSION, "target");
        assertEquals(List.of("r1", "r0"), ranking.top(2).columns());
    }
}
