package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectionRuleTest {
    private static final FeatureRanking RANKING = new FeatureRanking("mutual_information", "class", Map.of(), "f",
            List.of(new FeatureScore("a", 0.30), new FeatureScore("b", 0.10), new FeatureScore("c", 0.01),
                    new FeatureScore("d", 0.0)), Map.of());

    @Test
    void select_aboveScore_keepsThosePassingInRankingOrder() {
        assertEquals(List.of("a", "b"), SelectionRule.aboveScore("mutual_information", 0.05, 1).select(RANKING)
                .columns());
    }

    @Test
    void select_fewerPassThanAtLeast_padsWithTheNextBest() {
        assertEquals(List.of("a", "b", "c"), SelectionRule.aboveScore("mutual_information", 0.2, 3).select(RANKING)
                .columns());
    }

    @Test
    void select_top_capsAtK() {
        assertEquals(List.of("a", "b"), SelectionRule.top("mutual_information", 2).select(RANKING).columns());
        assertEquals(4, SelectionRule.top("mutual_information", 9).select(RANKING).columns().size());
    }

    @Test
    void select_frame_ranksWithTheNamedMethod() {
        Frame frame = Frame.of(DoubleColumn.of("wide", 0, 10, 20, 30), DoubleColumn.of("narrow", 0, 1, 0, 1));
        SelectionRule rule = SelectionRule.top("variance", 1);
        assertEquals(FeatureSelector.variance().rank(frame, null).top(1), rule.select(frame, null));
        assertEquals(List.of("wide"), rule.select(frame, null).columns());
    }

    @Test
    void new_unknownMethod_namesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelectionRule.top("mrmr", 3));
        assertTrue(e.getMessage().contains("mrmr") && e.getMessage().contains("mutual_information"), e.getMessage());
    }

    @Test
    void new_atLeastAboveAtMost_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SelectionRule("anova_f", 0, 5, 2));
        assertTrue(e.getMessage().contains("atLeast (5)"), e.getMessage());
    }

    @Test
    void json_anyRule_roundTrips() {
        List<String> methods = List.copyOf(SelectionRule.METHODS.keySet());
        qt().forAll(integers().between(0, methods.size() - 1), doubles().between(-1e6, 1e6),
                integers().between(1, 50), integers().between(0, 50))
                .checkAssert((m, min, least, extra) -> {
                    int most = extra == 0 ? 0 : least + extra - 1; // 0: no cap, else at least atLeast
                    SelectionRule rule = new SelectionRule(methods.get(m), min, least, most);
                    assertEquals(rule, SelectionRule.fromJson(rule.toJson()));
                });
        SelectionRule top = SelectionRule.top("chi_squared", 3);
        assertEquals(top, SelectionRule.fromJson(top.toJson()));
    }

    @Test
    void restrictTo_selection_keepsOnlyTheChosenColumnsInEachStep() {
        Preprocessing chain = Preprocessing.newBuilder().impute(Transform.Imputation.MEDIAN, "x", "y", "z")
                .scale(Transform.Scaling.STANDARD, "z", "x").oneHot(Transform.UnseenCategories.IGNORE, "c")
                .exclude("label").build();
        Preprocessing restricted = chain.restrictTo(List.of("x", "z"));
        assertEquals(Preprocessing.newBuilder().impute(Transform.Imputation.MEDIAN, "x", "z")
                .scale(Transform.Scaling.STANDARD, "z", "x").exclude("label").build(), restricted);
    }
}
