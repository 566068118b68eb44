package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultivariateDriftTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** x2 follows x1 closely, or (broken) has the same marginal distribution but ignores x1. */
    static Frame pairs(int n, long seed, boolean broken) {
        Random r = new Random(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextGaussian();
            x2[i] = broken ? Math.sqrt(1.09) * r.nextGaussian() : x1[i] + 0.3 * r.nextGaussian();
        }
        return Frame.of(DoubleColumn.of("x1", x1), DoubleColumn.of("x2", x2));
    }

    @Test
    void reconstruction_flagsABrokenCorrelation_thatNoMarginalShows() {
        DriftMonitor m = DriftMonitor.against(pairs(5000, 1, false)).windowRows(1000).build();
        m.observe(pairs(1000, 2, false), WindowsTest.NONE, T0);
        m.observe(pairs(1000, 3, true), WindowsTest.NONE, T0);
        WindowReport calm = m.reports().get(0);
        WindowReport broken = m.reports().get(1);
        assertTrue(calm.reconstruction().available());
        assertFalse(calm.reconstruction().drifted(), calm.reconstruction().toString());
        assertTrue(broken.reconstruction().drifted(), broken.reconstruction().toString());
        assertTrue(broken.reconstruction().error() > 3 * calm.reconstruction().error());
        assertEquals(List.of(), broken.driftedColumns(), "each marginal is unchanged: " + broken.features());
    }

    @Test
    void reconstruction_isOffForAProfileReference_andNeedsTwoNumericColumns() {
        DriftMonitor fromProfile = DriftMonitor.against(dev.mlops.data.profile.Profile.of(pairs(500, 1, false)))
                .windowRows(100).build();
        fromProfile.observe(pairs(100, 2, false), WindowsTest.NONE, T0);
        assertFalse(fromProfile.reports().get(0).reconstruction().available());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reconstruction.fit(pairs(500, 1, false).select("x1"),
                10, 3, 1));
        assertTrue(e.getMessage().contains("at least two numeric columns")
                && e.getMessage().contains("numeric columns [x1] and 500 rows"), e.getMessage());
    }

    @Test
    void predictionDrift_comparesOutputsWithThePredictionReference() {
        Frame ref = Samples.inputs(3000, 1, 0, 0);
        DriftMonitor m = DriftMonitor.against(ref).predictionReference(Samples.outputs(ref)).windowRows(1000)
                .build();
        Frame calm = Samples.inputs(1000, 2, 0, 0);
        Frame shifted = Samples.inputs(1000, 3, 0.8, 0);
        m.observe(calm, Samples.outputs(calm), T0);
        m.observe(shifted, Samples.outputs(shifted), T0);
        assertEquals(List.of(), m.reports().get(0).driftedOutputs());
        assertEquals(List.of("score"), m.reports().get(1).driftedOutputs());
        assertTrue(m.reports().get(1).feature("score").orElseThrow().output());
    }
}
