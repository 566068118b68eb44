package dev.mlops.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quantile sketches of a Bernoulli sample (docs/decisions/114): what stays exact, what the sketch records. */
class QuantileSamplingTest {
    static Frame values(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 97 == 0 ? Double.NaN : r.nextGaussian() * 3 + 1;
        }
        return Frame.of(DoubleColumn.of("x", x));
    }

    static Profile sampled(Frame f, double rate, long seed) {
        return Profiler.create(ProfileOptions.DEFAULTS, rate, seed).add(f).profile();
    }

    @Test
    void sampledProfile_keepsCountsMomentsAndExtremesOfEveryValue() {
        qt().withExamples(20).forAll(integers().between(1, 30_000), integers().between(0, 5), longs().all())
                .checkAssert((n, lgGap, seed) -> {
                    double rate = Math.scalb(1.0, -lgGap);
                    Frame f = values(n, seed);
                    ColumnProfile all = Profile.of(f).column("x");
                    ColumnProfile some = sampled(f, rate, seed).column("x");
                    assertEquals(all.count(), some.count());
                    assertEquals(all.missing(), some.missing());
                    assertEquals(all.moments().get(), some.moments().get());
                    assertEquals(all.distinct().get().estimate(), some.distinct().get().estimate(),
                            "distinct counts see every value, not the sample");
                    QuantileSketch q = some.quantiles().get();
                    assertEquals(all.quantiles().get().n(), q.n());
                    assertEquals(rate, q.sampleRate());
                    assertTrue(q.sampleSize() <= q.n());
                    assertEquals(all.moments().get().min(), q.min());
                    assertEquals(all.moments().get().max(), q.max());
                    if (rate == 1) {
                        assertEquals(q.n(), q.sampleSize());
                        assertEquals(0.0, q.samplingError());
                    }
                });
    }

    @Test
    void sampler_keepsAboutTheRate_andIsDeterministicForASeed() {
        Frame f = values(200_000, 3);
        QuantileSketch a = sampled(f, 1.0 / 16, 7).column("x").quantiles().get();
        QuantileSketch b = sampled(f, 1.0 / 16, 7).column("x").quantiles().get();
        double expected = a.n() / 16.0;
        // Binomial(n, 1/16): 5 standard deviations either way.
        assertEquals(expected, a.sampleSize(), 5 * Math.sqrt(expected));
        assertEquals(a.sampleSize(), b.sampleSize()); // the same values kept (KLL's own compaction is random)
    }

    @Test
    void sampledProfile_roundTripsThroughJson_withItsRateSizeAndExtremes() {
        Profile p = sampled(values(50_000, 11), 0.125, 5);
        QuantileSketch q = p.column("x").quantiles().get();
        QuantileSketch back = Profile.fromJson(p.toJson()).column("x").quantiles().get();
        assertEquals(q.sampleRate(), back.sampleRate());
        assertEquals(q.n(), back.n());
        assertEquals(q.sampleSize(), back.sampleSize());
        assertEquals(q.min(), back.min());
        assertEquals(q.max(), back.max());
        assertEquals(q.rankError(), back.rankError());
        assertTrue(back.samplingError() > 0);
        assertTrue(p.toJson().replaceAll("\\s", "").contains("\"sampleRate\":0.125"), p.toJson());
    }

    @Test
    void merge_sameRate_addsValues_differentRates_refused() {
        Profile a = sampled(values(20_000, 1), 0.25, 1);
        Profile b = sampled(values(30_000, 2), 0.25, 2);
        QuantileSketch m = a.merge(b).column("x").quantiles().get();
        assertEquals(0.25, m.sampleRate());
        assertEquals(a.column("x").quantiles().get().n() + b.column("x").quantiles().get().n(), m.n());
        assertEquals(a.column("x").quantiles().get().sampleSize() + b.column("x").quantiles().get().sampleSize(),
                m.sampleSize());
        Profile other = sampled(values(10_000, 3), 0.5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(other));
        assertTrue(e.getMessage().contains("rate 0.25") && e.getMessage().contains("rate 0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.merge(Profile.of(values(100, 4))));
    }

    @Test
    void merge_withAnEmptySketch_takesTheOtherRate() {
        Frame empty = Frame.of(DoubleColumn.of("x", new double[] {Double.NaN}));
        Profile a = sampled(values(5_000, 1), 0.25, 1);
        QuantileSketch m = Profile.of(empty).merge(a).column("x").quantiles().get();
        assertEquals(0.25, m.sampleRate());
        assertEquals(a.column("x").quantiles().get().n(), m.n());
    }

    @Test
    void samplingError_isZeroForTheWholePopulation_andShrinksWithTheSample() {
        assertEquals(0.0, QuantileSketch.samplingError(1000, 1000, 0.01));
        assertEquals(1.0, QuantileSketch.samplingError(0, 1000, 0.01));
        double prev = 1;
        for (long m = 16; m <= 1 << 20; m *= 4) {
            double e = QuantileSketch.samplingError(m, 1L << 24, 0.01);
            assertTrue(e < prev, "m = " + m);
            prev = e;
        }
    }

    @Test
    void sampledCdf_liesWithinTheSamplingError_ofTheValuesCdf() {
        // The sampling term alone against an exact oracle: a sample small enough that KLL keeps it exactly.
        qt().withExamples(40).forAll(integers().between(200, 20_000), longs().all()).checkAssert((n, seed) -> {
            Random r = new Random(seed);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(4) == 0 ? Math.floor(r.nextGaussian() * 4) : r.nextGaussian(); // ties too
            }
            double rate = 64.0 / n; // about 64 values: under k = 200, so the sketch is exact
            QuantileSketch q = Profiler.create(ProfileOptions.DEFAULTS, rate, seed).add(Frame.of(DoubleColumn.of(
                    "x", x))).profile().column("x").quantiles().get();
            if (q.isEmpty()) {
                return;
            }
            assertEquals(0.0, q.sketchRankError());
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double worst = 0;
            for (double v : sorted) {
                double f = (double) upperIndex(sorted, v) / n;
                double below = (double) lowerIndex(sorted, v) / n;
                worst = Math.max(worst, Math.max(Math.abs(q.rank(v) - f), Math.abs(q.rankExclusive(v) - below)));
            }
            assertTrue(worst <= q.samplingError(), worst + " > " + q.samplingError() + " with m = " + q.sampleSize());
        });
    }

    /** The number of values {@code < v}. */
    static int lowerIndex(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of values {@code <= v}. */
    static int upperIndex(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
