package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.data.drift.Distances;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every statistic computed from sketches, with its bound, against SciPy's exact value on the same samples
 * (fixtures from src/test/resources/fixtures/make_monitor_fixtures.py): the exact value lies inside the bound in
 * every fixture, and a decided verdict never contradicts the exact decision.
 */
class SketchBoundsFixturesTest {
    static JsonNode fixtures;
    static int bins;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SketchBoundsFixturesTest.class.getResourceAsStream("/fixtures/monitor_fixtures.json")) {
            fixtures = Json.mapper().readTree(in);
        }
        bins = fixtures.get("bins").asInt();
    }

    static double[] doubles(JsonNode arr) {
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }

    static ColumnProfile profile(double[] v) {
        return Profile.of(Frame.of(DoubleColumn.of("x", v))).column("x");
    }

    static void assertInside(double exact, SketchStatistics.Estimate e, String what) {
        assertTrue(e.lower() <= exact + 1e-12 && exact <= e.upper() + 1e-12,
                what + ": exact " + exact + " outside [" + e.lower() + ", " + e.upper() + "], estimate " + e.value());
        assertTrue(e.upper() - e.lower() < 1, what + ": a useless bound [" + e.lower() + ", " + e.upper() + "]");
    }

    static void assertVerdictAgrees(Verdict v, boolean exactDrifts, String what) {
        if (v == Verdict.DRIFT) {
            assertTrue(exactDrifts, what + ": the sketches said drift but the exact statistic does not");
        } else if (v == Verdict.NO_DRIFT) {
            assertTrue(!exactDrifts, what + ": the sketches said no drift but the exact statistic drifts");
        }
    }

    @Test
    void numericStatistics_exactValueLiesInsideTheSketchBound() {
        for (JsonNode c : fixtures.get("numeric")) {
            String name = c.get("name").asText();
            double[] ref = doubles(c.get("reference"));
            double[] cur = doubles(c.get("current"));
            ColumnProfile a = profile(ref);
            ColumnProfile b = profile(cur);

            SketchStatistics.Estimate ks = SketchStatistics.of(DriftMethod.KS, a, b, bins);
            double exactD = c.get("ks").asDouble();
            assertInside(exactD, ks, name + " KS");
            double exactP = Distances.ksPValue(exactD, ref.length, cur.length);
            assertTrue(ks.pLower() <= exactP + 1e-12 && exactP <= ks.pUpper() + 1e-12, name + " KS p-value bound");
            assertVerdictAgrees(Verdict.below(ks.pLower(), ks.pUpper(), 0.05), exactP < 0.05, name + " KS");

            SketchStatistics.Estimate w = SketchStatistics.of(DriftMethod.WASSERSTEIN, a, b, bins);
            double exactW = c.get("wasserstein").asDouble() / c.get("referenceStd").asDouble();
            assertInside(exactW, w, name + " Wasserstein");
            assertVerdictAgrees(Verdict.above(w.lower(), w.upper(), 0.1), exactW > 0.1, name + " Wasserstein");

            for (DriftMethod m : List.of(DriftMethod.PSI, DriftMethod.JENSEN_SHANNON, DriftMethod.HELLINGER)) {
                String key = m == DriftMethod.PSI ? "psi" : m == DriftMethod.JENSEN_SHANNON ? "jensenShannon"
                        : "hellinger";
                SketchStatistics.Estimate e = SketchStatistics.of(m, a, b, bins);
                double exact = c.get(key).asDouble();
                assertInside(exact, e, name + " " + m);
                assertVerdictAgrees(Verdict.above(e.lower(), e.upper(), 0.1), exact > 0.1, name + " " + m);
            }
        }
    }

    @Test
    void exactSketches_giveZeroWidthBounds_andScipysValues() {
        JsonNode c = fixtures.get("numeric").get(5);
        assertEquals("exact-small", c.get("name").asText());
        SketchStatistics.Estimate ks = SketchStatistics.of(DriftMethod.KS, profile(doubles(c.get("reference"))),
                profile(doubles(c.get("current"))), bins);
        assertEquals(c.get("ks").asDouble(), ks.value(), 1e-12);
        assertEquals(ks.lower(), ks.upper(), 1e-12);
    }

    @Test
    void bounds_decideAClearShift_andNeedLargerSketchesToConfirmNoShift() {
        JsonNode shift = fixtures.get("numeric").get(2);
        JsonNode same = fixtures.get("numeric").get(0);
        ProfileOptions small = ProfileOptions.DEFAULTS;
        ProfileOptions large = ProfileOptions.DEFAULTS.withQuantileK(2000);
        assertEquals(Verdict.DRIFT, verdict(DriftMethod.WASSERSTEIN, shift, small));
        assertEquals(Verdict.DRIFT, verdict(DriftMethod.KS, shift, small));
        // k = 200 has a 1.3% rank error: too coarse to rule out a distance of 0.1, so it says so.
        assertEquals(Verdict.UNDECIDED, verdict(DriftMethod.WASSERSTEIN, same, small));
        assertEquals(Verdict.NO_DRIFT, verdict(DriftMethod.WASSERSTEIN, same, large));
        assertEquals(Verdict.NO_DRIFT, verdict(DriftMethod.JENSEN_SHANNON, same, large));
        assertNotEquals(Verdict.NO_DRIFT, verdict(DriftMethod.JENSEN_SHANNON, shift, large));
    }

    private static Verdict verdict(DriftMethod m, JsonNode c, ProfileOptions o) {
        SketchStatistics.Estimate e = SketchStatistics.of(m,
                Profile.of(Frame.of(DoubleColumn.of("x", doubles(c.get("reference")))), o).column("x"),
                Profile.of(Frame.of(DoubleColumn.of("x", doubles(c.get("current")))), o).column("x"), bins);
        return m.isTest() ? Verdict.below(e.pLower(), e.pUpper(), 0.05) : Verdict.above(e.lower(), e.upper(), 0.1);
    }

    @Test
    void exactDistances_addedToDistances_matchScipy() {
        for (JsonNode c : fixtures.get("numeric")) {
            assertEquals(c.get("wasserstein").asDouble(),
                    Distances.wasserstein(doubles(c.get("reference")), doubles(c.get("current"))),
                    1e-9 * (1 + c.get("wasserstein").asDouble()), c.get("name").asText());
        }
        for (JsonNode c : fixtures.get("categorical")) {
            long[] r = longs(c.get("referenceCounts"));
            long[] k = longs(c.get("currentCounts"));
            assertEquals(c.get("hellinger").asDouble(), Distances.hellinger(Distances.shares(r),
                    Distances.shares(k)), 1e-12);
            if (c.has("zStatistic")) {
                Distances.TestResult z = Distances.proportionsZTest(r[0], r[0] + r[1], k[0], k[0] + k[1]);
                assertEquals(c.get("zStatistic").asDouble(), z.statistic(), 1e-10);
                assertEquals(c.get("zPValue").asDouble(), z.pValue(), 1e-10 * (1 + 1 / c.get("zPValue").asDouble()));
            }
        }
    }

    @Test
    void categoricalStatistics_fromFrequentItems_areExactAndMatchScipy() {
        for (JsonNode c : fixtures.get("categorical")) {
            String name = c.get("name").asText();
            ColumnProfile a = categorical(c.get("categories"), longs(c.get("referenceCounts")));
            ColumnProfile b = categorical(c.get("categories"), longs(c.get("currentCounts")));
            SketchStatistics.Estimate chi = SketchStatistics.of(DriftMethod.CHI_SQUARED, a, b, bins);
            assertEquals(c.get("chiSquared").asDouble(), chi.value(), 1e-9, name);
            assertEquals(c.get("chiSquaredPValue").asDouble(), chi.p(), 1e-9 + 1e-7 * chi.p(), name);
            assertEquals(chi.lower(), chi.upper(), 0.0, name + ": exact counts give a zero-width bound");
            assertEquals(c.get("jensenShannon").asDouble(),
                    SketchStatistics.of(DriftMethod.JENSEN_SHANNON, a, b, bins).value(), 1e-12, name);
            assertEquals(c.get("psi").asDouble(), SketchStatistics.of(DriftMethod.PSI, a, b, bins).value(), 1e-12);
            assertEquals(c.get("lInfinity").asDouble(),
                    SketchStatistics.of(DriftMethod.L_INFINITY, a, b, bins).value(), 1e-12, name);
            assertEquals(c.get("hellinger").asDouble(),
                    SketchStatistics.of(DriftMethod.HELLINGER, a, b, bins).value(), 1e-12, name);
            if (c.has("zStatistic")) {
                SketchStatistics.Estimate z = SketchStatistics.of(DriftMethod.Z_TEST, a, b, bins);
                assertEquals(c.get("zPValue").asDouble(), z.p(), 1e-10 + 1e-7 * z.p(), name);
            }
        }
    }

    static long[] longs(JsonNode arr) {
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asLong();
        }
        return out;
    }

    static ColumnProfile categorical(JsonNode labels, long[] counts) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            for (long k = 0; k < counts[i]; k++) {
                values.add(labels.get(i).asText());
            }
        }
        return Profile.of(Frame.of(CategoricalColumn.of("c", values.toArray(new String[0])))).column("c");
    }
}
