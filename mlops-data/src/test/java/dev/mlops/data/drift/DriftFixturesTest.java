package dev.mlops.data.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every distance against SciPy/NumPy values on fixed data (fixtures/make_drift_fixtures.py). */
class DriftFixturesTest {
    static JsonNode fixtures;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DriftFixturesTest.class.getResourceAsStream("/fixtures/drift_fixtures.json")) {
            fixtures = Json.mapper().readTree(in);
        }
    }

    static double[] doubles(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    static long[] longs(JsonNode n) {
        long[] out = new long[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asLong();
        }
        return out;
    }

    static void close(double expected, double actual, double rel, String what) {
        double tol = Math.max(rel * Math.abs(expected), 1e-15);
        assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + " got " + actual);
    }

    @Test
    void psi_matchesNumpyDefinition() {
        for (JsonNode c : fixtures.get("numeric")) {
            close(c.get("psi").asDouble(), Distances.psi(doubles(c.get("reference")), doubles(c.get("current")),
                    c.get("bins").asInt()), 1e-9, c.get("name").asText());
        }
    }

    @Test
    void ks_statisticMatchesScipyAndPValueTracksIt() {
        for (JsonNode c : fixtures.get("numeric")) {
            String name = c.get("name").asText();
            double[] a = doubles(c.get("reference"));
            double[] b = doubles(c.get("current"));
            Distances.TestResult ks = Distances.ks(a, b);
            close(c.get("ksStatistic").asDouble(), ks.statistic(), 1e-12, name);
            close(c.get("ksPValueStephens").asDouble(), ks.pValue(), 1e-9, name);
            if (a.length >= 200) {
                // SciPy's own asymptotic p-value uses the exact one-sample distribution; within a few percent.
                close(c.get("ksPValueScipyAsymp").asDouble(), ks.pValue(), 0.06, name + " vs ks_2samp");
            }
        }
    }

    @Test
    void jensenShannon_numericAndCategorical_matchScipy() {
        for (JsonNode c : fixtures.get("numeric")) {
            close(c.get("jensenShannon").asDouble(), Distances.jensenShannon(doubles(c.get("reference")),
                    doubles(c.get("current")), c.get("bins").asInt()), 1e-9, c.get("name").asText());
        }
        for (JsonNode c : fixtures.get("categorical")) {
            double js = Distances.jensenShannon(doubles(c.get("reference")), doubles(c.get("current")));
            if (c.get("jensenShannon").asDouble() == 0) {
                assertEquals(0, js, 1e-12);
            } else {
                close(c.get("jensenShannon").asDouble(), js, 1e-9, c.get("name").asText());
            }
        }
    }

    @Test
    void chiSquaredAndLInfinity_matchScipy() {
        for (JsonNode c : fixtures.get("categorical")) {
            String name = c.get("name").asText();
            Distances.TestResult chi = Distances.chiSquared(longs(c.get("reference")), longs(c.get("current")));
            assertEquals(c.get("chiSquared").asDouble(), chi.statistic(), 1e-9 * Math.max(1, chi.statistic()), name);
            close(c.get("chiSquaredPValue").asDouble(), chi.pValue(), 1e-9, name);
            assertEquals(c.get("dof").asInt(), (int) chi.degreesOfFreedom(), name);
            close(c.get("lInfinity").asDouble(), Distances.lInfinity(doubles(c.get("reference")),
                    doubles(c.get("current"))), 1e-12, name);
        }
    }

    @Test
    void goodnessOfFit_matchesScipyChisquare() {
        for (JsonNode c : fixtures.get("goodnessOfFit")) {
            Distances.TestResult t = Distances.chiSquaredGoodnessOfFit(longs(c.get("observed")),
                    doubles(c.get("expectedShares")));
            close(c.get("statistic").asDouble(), t.statistic(), 1e-12, c.get("name").asText());
            close(c.get("pValue").asDouble(), t.pValue(), 1e-9, c.get("name").asText());
        }
    }

    @Test
    void survivalFunctions_matchScipy() {
        for (JsonNode c : fixtures.get("chiSquaredSurvival")) {
            close(c.get("sf").asDouble(), Distributions.chiSquaredSurvival(c.get("x").asDouble(),
                    c.get("dof").asDouble()), 1e-10, "chi2.sf" + c);
        }
        for (JsonNode c : fixtures.get("kolmogorovSurvival")) {
            close(c.get("sf").asDouble(), Distributions.kolmogorovSurvival(c.get("lambda").asDouble()), 1e-10,
                    "kstwobign.sf" + c);
        }
    }
}
