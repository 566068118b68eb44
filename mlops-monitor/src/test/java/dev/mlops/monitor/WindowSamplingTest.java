package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.data.drift.Distances;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.QuantileSketch;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Windows whose quantile sketches see a Bernoulli sample (docs/decisions/114): the exact two-sample KS of all the
 * window's values stays inside the reported (widened) bound, verdicts never contradict it, and the rate survives
 * merges and snapshots.
 */
class WindowSamplingTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static double[] draw(int n, Random r, double shift, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            // A quarter of the values rounded, so the CDFs have atoms too.
            double v = shift + scale * r.nextGaussian();
            x[i] = i % 4 == 0 ? Math.rint(v * 4) / 4 : v;
        }
        return x;
    }

    /** The two-sample KS statistic of the raw values: the largest CDF gap over every value of either sample. */
    static double exactKs(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    static void observeInChunks(DriftMonitor m, double[] x, Random r) {
        int at = 0;
        while (at < x.length) {
            int n = Math.min(x.length - at, 1 + r.nextInt(5000));
            m.observe(Frame.of(DoubleColumn.of("x", Arrays.copyOfRange(x, at, at + n))), WindowsTest.NONE, T0);
            at += n;
        }
    }

    @Test
    void sampledWindow_exactKsLiesInsideTheWidenedBound_andVerdictsAgreeWithIt() {
        qt().withExamples(40).forAll(integers().between(500, 20_000), integers().between(10_000, 150_000),
                integers().between(1, 5), longs().all())
                .checkAssert((nRef, nWin, lgGap, seed) -> {
                    Random r = new Random(seed);
                    double shift = r.nextInt(3) == 0 ? 0 : (r.nextDouble() - 0.5) * 0.4; // none, or up to 0.2 sd
                    double[] ref = draw(nRef, r, 0, 1);
                    double[] win = draw(nWin, r, shift, 1 + shift / 2);
                    double rate = Math.scalb(1.0, -lgGap);
                    Profile reference = Profile.of(Frame.of(DoubleColumn.of("x", ref)));
                    String what = "nRef " + nRef + ", nWin " + nWin + ", rate " + rate;
                    // KS: the exact statistic inside the bound, and a decided verdict agrees with the exact p-value.
                    FeatureDrift ks = sampledDrift(reference, DriftMethod.KS, win, rate, seed);
                    double exact = exactKs(ref, win);
                    assertInside(exact, ks, what + ", KS");
                    double p = Distances.ksPValue(exact, nRef, nWin);
                    if (ks.verdict() == Verdict.DRIFT) {
                        assertTrue(p < ks.threshold(), what + ": drift, but the exact p-value is " + p);
                    } else if (ks.verdict() == Verdict.NO_DRIFT) {
                        assertTrue(p >= ks.threshold(), what + ": no drift, but the exact p-value is " + p);
                    }
                    // Wasserstein (the default for large references) uses the same widened rank error.
                    FeatureDrift w = sampledDrift(reference, DriftMethod.WASSERSTEIN, win, rate, seed);
                    double sd = reference.column("x").moments().orElseThrow().stdDev();
                    assertInside(exactW1(ref, win) / sd, w, what + ", Wasserstein");
                });
    }

    /** The drift of one sampled window of {@code win} against the reference, by {@code method}. */
    static FeatureDrift sampledDrift(Profile reference, DriftMethod method, double[] win, double rate, long seed) {
        DriftMonitor m = DriftMonitor.against(reference).windowRows(win.length).windowSampling(rate)
                .options(DriftOptions.newBuilder().method("x", method).build()).build();
        observeInChunks(m, win, new Random(seed + 1));
        QuantileSketch q = m.windows().get(0).profile().column("x").quantiles().orElseThrow();
        assertEquals(rate, q.sampleRate());
        assertEquals(win.length, q.n());
        assertTrue(q.samplingError() > 0, "m = " + q.sampleSize());
        FeatureDrift f = m.reports().get(0).features().get(0);
        assertEquals(method, f.method());
        return f;
    }

    static void assertInside(double exact, FeatureDrift f, String what) {
        assertTrue(f.statisticLower() <= exact + 1e-12 && exact <= f.statisticUpper() + 1e-12,
                what + ": exact " + exact + " outside [" + f.statisticLower() + ", " + f.statisticUpper()
                        + "], estimate " + f.statistic());
    }

    /** The W1 distance of the raw values: the integral of the CDF gap between consecutive values. */
    static double exactW1(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double w = 0;
        double prev = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double v = j >= y.length || i < x.length && x[i] <= y[j] ? x[i] : y[j];
            w += Math.abs((double) i / x.length - (double) j / y.length) * (v - prev);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            prev = v;
        }
        return w;
    }

    @Test
    void sampledWindow_ksHalfWidth_growsByExactlyTheSamplingError() {
        Random r = new Random(1);
        double[] ref = draw(20_000, r, 0, 1);
        double[] win = draw(200_000, r, 0.5, 1);
        Profile reference = Profile.of(Frame.of(DoubleColumn.of("x", ref)));
        double[] halfWidth = new double[2];
        double samplingError = 0;
        double[] rates = {1, 1.0 / 8};
        for (int i = 0; i < 2; i++) {
            DriftMonitor m = DriftMonitor.against(reference).windowRows(win.length).windowSampling(rates[i])
                    .options(DriftOptions.newBuilder().method("x", DriftMethod.KS).build()).build();
            observeInChunks(m, win, new Random(2));
            FeatureDrift f = m.reports().get(0).features().get(0);
            halfWidth[i] = f.statisticUpper() - f.statistic(); // the shift keeps the bound clear of 0 and 1
            samplingError = m.windows().get(0).profile().column("x").quantiles().orElseThrow().samplingError();
        }
        assertTrue(samplingError > 0.005 && samplingError < 0.02, "sampling error " + samplingError);
        assertEquals(halfWidth[0] + samplingError, halfWidth[1], 1e-9, Arrays.toString(halfWidth));
    }

    @Test
    void sampledWindow_snapshotRestoresWithItsRate_andContinuesLikeAnUninterruptedMonitor() {
        Random r = new Random(5);
        double[] x = draw(100_000, r, 0, 1);
        Profile reference = Profile.of(Frame.of(DoubleColumn.of("x", draw(5000, r, 0, 1))));
        DriftMonitor straight = DriftMonitor.against(reference).windowRows(100_000).windowSampling(0.25).build();
        DriftMonitor first = DriftMonitor.against(reference).windowRows(100_000).windowSampling(0.25).build();
        Frame head = Frame.of(DoubleColumn.of("x", Arrays.copyOfRange(x, 0, 30_000)));
        Frame tail = Frame.of(DoubleColumn.of("x", Arrays.copyOfRange(x, 30_000, 100_000)));
        straight.observe(head, WindowsTest.NONE, T0);
        first.observe(head, WindowsTest.NONE, T0);
        String snapshot = first.snapshot();
        assertTrue(snapshot.replaceAll("\\s", "").contains("\"sampleRate\":0.25"), "the snapshot records the rate");
        DriftMonitor second = DriftMonitor.against(reference).windowRows(100_000).windowSampling(0.25)
                .restore(snapshot).build();
        QuantileSketch open = second.openWindows().get(0).profile().column("x").quantiles().orElseThrow();
        assertEquals(0.25, open.sampleRate());
        assertEquals(30_000, open.n());
        straight.observe(tail, WindowsTest.NONE, T0);
        second.observe(tail, WindowsTest.NONE, T0);
        Window a = straight.windows().get(0);
        Window b = second.windows().get(0);
        WindowPropertiesTest.assertSameStatistics(a.profile(), b.profile());
        QuantileSketch closed = b.profile().column("x").quantiles().orElseThrow();
        assertEquals(0.25, closed.sampleRate());
        assertEquals(100_000, closed.n());
        assertEquals(25_000, closed.sampleSize(), 5 * Math.sqrt(100_000 * 0.25 * 0.75));
        Window back = Window.fromJsonTree(b.toJsonTree());
        assertEquals(0.25, back.profile().column("x").quantiles().orElseThrow().sampleRate());
        assertEquals(closed.rankError(), back.profile().column("x").quantiles().orElseThrow().rankError());
    }

    @Test
    void restore_intoAMonitorOfAnotherRate_isRefused() {
        Profile reference = Profile.of(Samples.inputs(100, 1, 0, 0));
        DriftMonitor first = DriftMonitor.against(reference).windowRows(10_000).windowSampling(0.25).build();
        first.observe(Samples.inputs(500, 2, 0, 0), WindowsTest.NONE, T0);
        String snapshot = first.snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DriftMonitor.against(reference).windowRows(10_000).restore(snapshot).build());
        assertTrue(e.getMessage().contains("windowSampling(0.25)"), e.getMessage());
    }

    @Test
    void windowMerge_ofDifferentRates_isRefused_ofTheSameRate_keepsIt() {
        Profile reference = Profile.of(Samples.inputs(100, 1, 0, 0));
        DriftMonitor quarter = DriftMonitor.against(reference).windowRows(2000).windowSampling(0.25).build();
        DriftMonitor half = DriftMonitor.against(reference).windowRows(2000).windowSampling(0.5).build();
        quarter.observe(Samples.inputs(4000, 2, 0, 0), WindowsTest.NONE, T0);
        half.observe(Samples.inputs(2000, 3, 0, 0), WindowsTest.NONE, T0);
        List<Window> q = quarter.windows();
        Window merged = q.get(0).merge(q.get(1));
        QuantileSketch s = merged.profile().column("x").quantiles().orElseThrow();
        assertEquals(0.25, s.sampleRate());
        assertEquals(4000, s.n());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> q.get(0).merge(half.windows().get(0)));
        assertTrue(e.getMessage().contains("same sampling"), e.getMessage());
    }

    @Test
    void defaultSampling_samplesOnlyLargeRowWindows() {
        assertEquals(1.0 / 32, Windower.autoSampleRate(WindowSpec.rows(1 << 20)));
        assertEquals(1.0 / 32, Windower.autoSampleRate(WindowSpec.rows((1 << 21) - 1)));
        assertEquals(0.5, Windower.autoSampleRate(WindowSpec.rows(1 << 16)));
        assertEquals(1.0, Windower.autoSampleRate(WindowSpec.rows((1 << 16) - 1)));
        assertEquals(1.0, Windower.autoSampleRate(WindowSpec.rows(1000)));
        assertEquals(1.0, Windower.autoSampleRate(WindowSpec.tumbling(Duration.ofMinutes(5))));
    }
}
