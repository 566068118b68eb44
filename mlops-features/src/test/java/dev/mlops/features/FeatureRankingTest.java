package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Selections from a ranking, projection and the JSON form. */
class FeatureRankingTest {
    private static final FeatureRanking RANKING = new FeatureRanking("m", "y", Map.of("k", "v"), "sha256:00",
            List.of(new FeatureScore("a", 5), new FeatureScore("b", 3), new FeatureScore("c", 1.5),
                    new FeatureScore("d", 0.5), new FeatureScore("e", -1)), Map.of("z", "text, not ranked"));

    @Test
    void top_takesThePrefix() {
        assertEquals(List.of("a", "b"), RANKING.top(2).columns());
        assertEquals(5, RANKING.top(99).columns().size());
        assertEquals(List.of(), RANKING.top(0).columns());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RANKING.top(-1));
        assertTrue(e.getMessage().contains("k >= 0")
                && e.getMessage().contains("got -1"), e.getMessage());
    }

    @Test
    void aboveScore_isStrict() {
        assertEquals(List.of("a", "b"), RANKING.aboveScore(1.5).columns());
    }

    @Test
    void cumulativeShare_shortestPrefixReachingTheShare() {
        // Positive total 10: a = 50 %, a + b = 80 %, a + b + c = 95 %.
        assertEquals(List.of("a"), RANKING.cumulativeShare(0.5).columns());
        assertEquals(List.of("a", "b"), RANKING.cumulativeShare(0.8).columns());
        assertEquals(List.of("a", "b", "c"), RANKING.cumulativeShare(0.81).columns());
        assertEquals(List.of(), RANKING.cumulativeShare(0).columns());
        assertEquals(4, RANKING.cumulativeShare(1).columns().size(), "negative scores add nothing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RANKING.cumulativeShare(1.1));
        assertTrue(e.getMessage().contains("p in [0, 1]")
                && e.getMessage().contains("got 1.1"), e.getMessage());
    }

    @Test
    void project_keepsSelectionLabelAndNonFeatureColumns() {
        Frame f = Frame.of(LongColumn.of("id", 1, 2), DoubleColumn.of("a", 1, 2), DoubleColumn.of("b", 1, 2),
                DoubleColumn.of("c", 1, 2), CategoricalColumn.of("y", "p", "q")).withRole("id", FieldRole.ID);
        assertEquals(List.of("id", "b", "y"), new FeatureSelection("y", List.of("b")).project(f).columnNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RANKING.top(5).project(f));
        assertTrue(e.getMessage().contains("no column 'd'")
                && e.getMessage().contains("the columns are [id, a, b, c, y]"), e.getMessage());
    }

    @Test
    void json_roundTrip_includingInfiniteScores() {
        FeatureRanking withInfinity = new FeatureRanking("f", null, Map.of(), "sha256:01",
                List.of(new FeatureScore("x", Double.POSITIVE_INFINITY), new FeatureScore("y", 0)), Map.of());
        assertEquals(withInfinity, FeatureRanking.fromJson(withInfinity.toJson()));
        assertEquals(RANKING, FeatureRanking.fromJson(RANKING.toJson()));
    }

    @Test
    void json_roundTrip_property() {
        qt().forAll(lists().of(doubles().between(-1e9, 1e9)).ofSizeBetween(0, 20), integers().between(0, 30))
                .checkAssert((scores, k) -> {
                    List<FeatureScore> list = new ArrayList<>();
                    for (int i = 0; i < scores.size(); i++) {
                        list.add(new FeatureScore("f" + i + "\u00e9", scores.get(i)));
                    }
                    FeatureRanking r = new FeatureRanking("m", "y", Map.of("k", String.valueOf(k)), "sha256:ff", list,
                            Map.of());
                    FeatureRanking back = FeatureRanking.fromJson(r.toJson());
                    assertEquals(r, back);
                    assertEquals(r.top(k), back.top(k));
                });
    }

    @Test
    void repeatedFeature_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeatureRanking("m", "y", Map.of(), "x",
                List.of(new FeatureScore("a", 1), new FeatureScore("a", 2)), Map.of()));
        assertTrue(e.getMessage().contains("Feature 'a' appears twice"), e.getMessage());
    }

    @Test
    void realRanking_jsonRoundTrip() {
        FeatureRanking r = FeatureSelector.mutualInformation().rank(FeatureSelectorTest.mixed(300, 3), "class");
        assertEquals(r, FeatureRanking.fromJson(r.toJson()));
    }

    @Test
    void toHtml_aBarPerFeatureBestFirstScaledToTheBest_withTheNotes() {
        String html = RANKING.toHtml();
        assertTrue(html.contains("m ranking against 'y'"), html);
        assertTrue(html.indexOf("<td>a</td>") < html.indexOf("<td>b</td>"), "best first");
        assertTrue(html.contains("width=\"240.0\" height=\"10\"><title>a: 5.0"), "the best has a full bar: " + html);
        assertTrue(html.contains("width=\"0.0\" height=\"10\"><title>e: -1.0"), "negative scores get no bar");
        assertTrue(html.contains("z: text, not ranked"), html);
        assertEquals(RANKING.format(), RANKING.toText());
    }
}
