package dev.mlops.data.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityTest {

    static Frame repeat(String column, Map<String, Integer> counts) {
        List<String> values = new ArrayList<>();
        counts.forEach((k, n) -> {
            for (int i = 0; i < n; i++) {
                values.add(k);
            }
        });
        return Frame.of(CategoricalColumn.of(column, values.toArray(String[]::new)));
    }

    @Test
    void labelBalance_sharesRatioAndWarning() {
        Frame f = Frame.of(CategoricalColumn.of("y", "good", "good", "good", "good", "good", "good", "good", "good",
                "good", "good", "good", "good", "good", "good", "good", "good", "good", "good", "good", "bad", null));
        LabelBalance b = LabelBalance.of(f, "y");
        assertEquals(19, b.counts().get("good"));
        assertEquals(1, b.missing());
        assertEquals(0.05, b.shares().get("bad"), 1e-12);
        assertEquals(19.0, b.imbalanceRatio());
        assertEquals("bad", b.minority());
        assertTrue(b.warning());
        assertFalse(LabelBalance.of(f, "y", 0.05).warning());
        assertTrue(b.toJson().contains("\"imbalanceRatio\" : 19.0"));
    }

    @Test
    void representativeness_matchesScipyChisquareFixture() throws Exception {
        JsonNode fx;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/drift_fixtures.json")) {
            fx = Json.mapper().readTree(in).get("goodnessOfFit").get(0);
        }
        String[] groups = {"female div/dep/mar", "male div/sep", "male mar/wid", "male single"};
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> expected = new LinkedHashMap<>();
        for (int i = 0; i < groups.length; i++) {
            counts.put(groups[i], fx.get("observed").get(i).asInt());
            expected.put(groups[i], fx.get("expectedShares").get(i).asDouble());
        }
        Representativeness r = Representativeness.of(repeat("g", counts), "g", expected, 0.01);
        assertEquals(fx.get("statistic").asDouble(), r.chiSquared(), 1e-9);
        assertEquals(fx.get("pValue").asDouble(), r.pValue(), 1e-9 * fx.get("pValue").asDouble());
        assertEquals(3, r.degreesOfFreedom());
        assertTrue(r.covered());
    }

    @Test
    void representativeness_missingSparseAndUnexpectedGroups() {
        Frame f = repeat("region", Map.of("north", 95, "south", 4, "mars", 1));
        Representativeness r = Representativeness.of(f, "region",
                Map.of("north", 0.5, "south", 0.3, "east", 0.2), 0.05);
        assertEquals(List.of("east"), r.missingGroups());
        assertTrue(r.sparseGroups().containsAll(List.of("east", "south")));
        assertEquals(Map.of("mars", 1L), r.unexpectedGroups());
        assertFalse(r.covered());
        assertTrue(r.pValue() < 1e-6);
    }

    @Test
    void bias_parityAndDisparateImpact_flagFourFifths() {
        // group a: 8/10 favourable, b: 5/10, c: 7/10
        List<String> g = new ArrayList<>();
        List<String> y = new ArrayList<>();
        add(g, y, "a", 10, 8);
        add(g, y, "b", 10, 5);
        add(g, y, "c", 10, 7);
        Frame f = Frame.of(CategoricalColumn.of("grp", g.toArray(String[]::new)),
                CategoricalColumn.of("class", y.toArray(String[]::new)));
        BiasReport r = BiasReport.of(f, "grp", "class", "good");
        assertEquals("a", r.referenceGroup());
        BiasReport.GroupRate b = r.groups().get(1);
        assertEquals("b", b.group());
        assertEquals(0.5, b.rate(), 1e-12);
        assertEquals(-0.3, b.parityDifference(), 1e-12);
        assertEquals(0.625, b.disparateImpact(), 1e-12);
        assertTrue(b.flagged());
        assertEquals(0.875, r.groups().get(2).disparateImpact(), 1e-12);
        assertFalse(r.groups().get(2).flagged());
        assertEquals(1, r.flagged().size());
        assertTrue(r.summary().contains("FLAGGED"));
        BiasReport vsC = BiasReport.of(f, "grp", "class", "good", "c");
        assertEquals(8.0 / 7, vsC.groups().get(0).disparateImpact(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BiasReport.of(f, "grp", "class", "good", "zzz"));
        assertTrue(e.getMessage().contains("reference group 'zzz'")
                && e.getMessage().contains("in 'grp'")
                && e.getMessage().contains("the groups are [a, b, c]"), e.getMessage());
    }

    @Test
    void bias_booleanLabel() {
        Frame f = Frame.of(CategoricalColumn.of("g", "x", "x", "y", "y"), BooleanColumn.of("ok", true, true, true,
                false));
        BiasReport r = BiasReport.of(f, "g", "ok", "true");
        assertEquals(0.5, r.groups().get(1).disparateImpact(), 1e-12);
    }

    private static void add(List<String> g, List<String> y, String group, int n, int good) {
        for (int i = 0; i < n; i++) {
            g.add(group);
            y.add(i < good ? "good" : "bad");
        }
    }
}
