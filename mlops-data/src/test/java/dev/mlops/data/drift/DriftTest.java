package dev.mlops.data.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.data.profile.Profile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftTest {
    static Frame sample(long seed, int n, double shift, String[] labels) {
        Random r = new Random(seed);
        double[] x = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() + shift;
            c[i] = labels[Math.min(labels.length - 1, (int) Math.abs(r.nextGaussian() * 1.2 + shift))];
        }
        return Frame.of(DoubleColumn.of("x", x), CategoricalColumn.of("c", c));
    }

    static final String[] LABELS = {"a", "b", "c", "d"};

    @Test
    void compareFrames_identical_isZeroDistance() {
        Frame f = sample(1, 2000, 0, LABELS);
        DriftReport r = Drift.compare(f, f);
        ColumnDrift x = r.column("x").orElseThrow();
        assertEquals(0, x.psi(), 1e-12);
        assertEquals(0, x.ksStatistic());
        assertEquals(1, x.ksPValue(), 1e-12);
        ColumnDrift c = r.column("c").orElseThrow();
        assertEquals(0, c.chiSquared(), 1e-12);
        assertEquals(0, c.lInfinity(), 1e-12);
        assertFalse(c.approximate());
    }

    @Test
    void compareProfiles_tracksCompareFrames() {
        Frame ref = sample(1, 20_000, 0, LABELS);
        Frame cur = sample(2, 20_000, 0.5, LABELS);
        ColumnDrift exact = Drift.compare(ref, cur).column("x").orElseThrow();
        ColumnDrift sketched = Drift.compare(Profile.of(ref), Profile.of(cur), 10).column("x").orElseThrow();
        assertTrue(sketched.approximate());
        assertTrue(exact.psi() > 0.1, "a half-sigma shift is drift: " + exact.psi());
        assertEquals(exact.psi(), sketched.psi(), 0.25 * exact.psi());
        assertEquals(exact.ksStatistic(), sketched.ksStatistic(), 0.03);
        ColumnDrift ce = Drift.compare(ref, cur).column("c").orElseThrow();
        ColumnDrift cs = Drift.compare(Profile.of(ref), Profile.of(cur), 10).column("c").orElseThrow();
        // Four labels fit the frequent-items sketch exactly, so the category distances agree exactly.
        assertEquals(ce.chiSquared(), cs.chiSquared(), 1e-9);
        assertEquals(ce.lInfinity(), cs.lInfinity(), 1e-12);
        assertTrue(Drift.compare(Profile.of(ref), Profile.of(cur), 10).toJson().contains("\"psi\""));
    }

    @Test
    void psi_emptyBinsStayFinite_andNaNsSkipped() {
        double[] ref = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Double.NaN};
        double[] cur = {100, 101, 102};
        double psi = Distances.psi(ref, cur, 5);
        assertTrue(Double.isFinite(psi) && psi > 1, "psi " + psi);
    }
}
