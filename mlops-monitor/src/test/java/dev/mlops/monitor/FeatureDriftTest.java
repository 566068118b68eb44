package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.profile.Profile;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureDriftTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Frame mixed(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        long[] few = new long[n];
        String[] three = new String[n];
        String[] two = new String[n];
        Boolean[] flag = new Boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            few[i] = r.nextInt(3);
            three[i] = String.valueOf("abc".charAt(r.nextInt(3)));
            two[i] = r.nextBoolean() ? "yes" : "no";
            flag[i] = r.nextBoolean();
        }
        return Frame.of(DoubleColumn.of("x", x), LongColumn.of("few", few), CategoricalColumn.of("three", three),
                CategoricalColumn.of("two", two), BooleanColumn.of("flag", flag));
    }

    @Test
    void methodFor_followsTheEstablishedDefaults_byTypeAndReferenceSize() {
        DriftOptions o = DriftOptions.defaults();
        Profile small = Profile.of(mixed(500, 1));
        Profile large = Profile.of(mixed(5000, 1));
        assertEquals(DriftMethod.KS, o.methodFor(small.column("x")));
        assertEquals(DriftMethod.WASSERSTEIN, o.methodFor(large.column("x")));
        assertEquals(DriftMethod.KS, o.methodFor(small.column("few")));
        assertEquals(DriftMethod.JENSEN_SHANNON, o.methodFor(large.column("few")));
        assertEquals(DriftMethod.CHI_SQUARED, o.methodFor(small.column("three")));
        assertEquals(DriftMethod.Z_TEST, o.methodFor(small.column("two")));
        assertEquals(DriftMethod.Z_TEST, o.methodFor(small.column("flag")));
        assertEquals(DriftMethod.JENSEN_SHANNON, o.methodFor(large.column("three")));
        assertEquals(0.05, o.thresholdFor("x", DriftMethod.KS));
        assertEquals(0.1, o.thresholdFor("x", DriftMethod.WASSERSTEIN));
    }

    @Test
    void overrides_winPerColumn_andMisfitsAreRejectedWhenTheMonitorIsBuilt() {
        DriftOptions o = DriftOptions.newBuilder().method("x", DriftMethod.PSI).threshold("x", 0.25).build();
        Profile ref = Profile.of(mixed(5000, 1));
        assertEquals(DriftMethod.PSI, o.methodFor(ref.column("x")));
        assertEquals(0.25, o.thresholdFor("x", DriftMethod.PSI));
        DriftMonitor m = DriftMonitor.against(ref).options(o).windowRows(5000).build();
        m.observe(mixed(5000, 2), WindowsTest.NONE, T0);
        FeatureDrift x = m.reports().get(0).feature("x").orElseThrow();
        assertEquals(DriftMethod.PSI, x.method());
        assertEquals(0.25, x.threshold());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> DriftMonitor
                .against(ref).options(DriftOptions.newBuilder().method("three", DriftMethod.KS).build()).build());
        assertTrue(wrongType.getMessage().contains("'three'"), wrongType.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DriftMonitor.against(ref)
                .options(DriftOptions.newBuilder().method("nope", DriftMethod.KS).build()).build());
        assertTrue(e.getMessage().contains("column 'nope'")
                && e.getMessage().contains("it has [x, few, three, two, flag]"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> DriftOptions.newBuilder().bins(1).threshold("x", 0)
                .build());
        assertTrue(e2.getMessage().contains("bins must be >= 2, got 1")
                && e2.getMessage().contains("threshold of 'x' must be > 0, got 0.0"), e2.getMessage());
    }

    @Test
    void options_roundTripThroughJson() {
        DriftOptions o = DriftOptions.newBuilder().method("x", DriftMethod.HELLINGER).threshold("x", 0.2)
                .calibrationChunks(0).datasetDriftShare(0.3).build();
        assertEquals(o, DriftOptions.fromJson(o.toJson()));
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void everyMethod_flagsAStrongShift_andNotAnIdenticalWindow() {
        Frame ref = Samples.inputs(800, 1, 0, 0);
        for (DriftMethod m : DriftMethod.values()) {
            String column = m.appliesToNumeric() ? "x" : "color";
            if (m == DriftMethod.Z_TEST) {
                continue; // needs two categories; covered by the fixtures
            }
            DriftOptions o = DriftOptions.newBuilder().method(column, m).calibrationChunks(0).build();
            DriftMonitor monitor = DriftMonitor.against(Profile.of(ref)).options(o).windowRows(800).build();
            monitor.observe(ref, WindowsTest.NONE, T0);
            Frame shifted = Samples.inputs(800, 2, 2.0, 0.3);
            monitor.observe(shifted, WindowsTest.NONE, T0);
            FeatureDrift same = monitor.reports().get(0).feature(column).orElseThrow();
            FeatureDrift moved = monitor.reports().get(1).feature(column).orElseThrow();
            assertFalse(same.drifted(), m + " on an identical window: " + same);
            assertEquals(Verdict.DRIFT, moved.verdict(), m + " on a shifted window: " + moved);
        }
    }

    @Test
    void calibratedThresholds_ignoreTrivialShiftsOfLargeWindows_butFlagRealOnes() {
        Frame ref = Samples.inputs(20_000, 1, 0, 0);
        DriftOptions tests = DriftOptions.newBuilder().smallReference(1_000_000).build();
        DriftMonitor fixed = DriftMonitor.against(ref).options(tests.toBuilder().calibrationChunks(0).build())
                .windowRows(20_000).build();
        DriftMonitor calibrated = DriftMonitor.against(ref).options(tests.toBuilder().calibrationChunks(10).build())
                .windowRows(2_000).build();
        Frame trivial = Samples.inputs(20_000, 5, 0.04, 0.02);
        fixed.observe(trivial, WindowsTest.NONE, T0);
        calibrated.observe(trivial.head(2_000), WindowsTest.NONE, T0);
        calibrated.observe(Samples.inputs(2_000, 6, 0.6, 0.2), WindowsTest.NONE, T0);
        FeatureDrift fixedColor = fixed.reports().get(0).feature("color").orElseThrow();
        assertEquals(DriftMethod.CHI_SQUARED, fixedColor.method());
        assertEquals(Verdict.DRIFT, fixedColor.verdict(), "a p-value on 20000 rows flags a 2% shift: " + fixedColor);
        FeatureDrift calmColor = calibrated.reports().get(0).feature("color").orElseThrow();
        assertTrue(calmColor.calibrated());
        assertFalse(calmColor.drifted(), "calibrated on chunks of the reference, a 2% shift is noise: " + calmColor);
        assertFalse(calibrated.reports().get(0).datasetDrift());
        WindowReport real = calibrated.reports().get(1);
        assertEquals(Verdict.DRIFT, real.feature("x").orElseThrow().verdict(), real.toString());
        assertEquals(Verdict.DRIFT, real.feature("color").orElseThrow().verdict(), real.toString());
        assertTrue(real.datasetDrift());
        assertEquals(1.0, real.driftedShare());
    }
}
