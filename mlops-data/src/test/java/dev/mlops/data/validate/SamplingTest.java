package dev.mlops.data.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The tolerances of inferred contracts against SciPy (fixtures/make_sampling_fixtures.py). */
class SamplingTest {
    static JsonNode fixtures() throws IOException {
        try (InputStream in = SamplingTest.class.getResourceAsStream("/fixtures/sampling_fixtures.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void normalQuantile_matchesScipy() throws IOException {
        for (JsonNode q : fixtures().get("normalQuantile")) {
            double z = q.get("z").asDouble();
            assertEquals(z, Sampling.normalQuantile(q.get("p").asDouble()), 1e-8 * Math.max(1, Math.abs(z)),
                    q.toString());
        }
    }

    @Test
    void wilsonUpper_matchesScipy() throws IOException {
        for (JsonNode w : fixtures().get("wilsonUpper")) {
            double z = Sampling.normalQuantile(w.get("confidence").asDouble());
            assertEquals(w.get("upper").asDouble(), Sampling.wilsonUpper(w.get("k").asLong(), w.get("n").asLong(), z),
                    1e-9, w.toString());
        }
    }

    @Test
    void shareLimit_growsForSmallSamplesAndNeverFallsBelowTheSlack() {
        // 3 of 45 reference rows missing: 12 new rows may show far more by chance than 1000 new rows.
        double small = Sampling.shareLimit(3, 45, 12, 0.999, 0.05);
        double large = Sampling.shareLimit(3, 45, 1000, 0.999, 0.05);
        assertTrue(small > large && large > 3.0 / 45 + 0.05, small + " " + large);
        // with huge samples on both sides only the slack remains
        assertEquals(0.1 + 0.05, Sampling.shareLimit(100_000, 1_000_000, 1_000_000, 0.999, 0.05), 1e-12);
        assertEquals(1, Sampling.shareLimit(1, 6, 4, 0.999, 0.05));
    }

    @Test
    void meanTolerance_isWelchsStandardErrorTimesZ() {
        double z = Sampling.normalQuantile(1 - 0.001 / 2);
        assertEquals(z * Math.sqrt(4.0 / 100 + 9.0 / 25), Sampling.meanTolerance(100, 2, 25, 3, 0.999), 1e-12);
        // a new sample that by chance looks alike is judged with the reference's deviation
        assertEquals(z * Math.sqrt(4.0 / 100 + 4.0 / 25), Sampling.meanTolerance(100, 2, 25, 0.5, 0.999), 1e-12);
        assertEquals(z * Math.sqrt(4.0 / 100 + 4.0 / 1), Sampling.meanTolerance(100, 2, 1, Double.NaN, 0.999),
                1e-12);
    }
}
