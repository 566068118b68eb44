package dev.mlops.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProfileTest {

    static Frame mixed(long seed, int rows) {
        Random r = new Random(seed);
        double[] x = new double[rows];
        long[] k = new long[rows];
        String[] cat = new String[rows];
        String[] txt = new String[rows];
        Boolean[] b = new Boolean[rows];
        String[] labels = {"a", "b", "c", "d", "é"};
        for (int i = 0; i < rows; i++) {
            int kind = r.nextInt(50);
            // mostly finite, a tenth missing, and now and then an infinity (kept out of moments and sketches)
            x[i] = kind < 5 ? Double.NaN : kind == 5 ? (r.nextBoolean() ? 1 : -1) * Double.POSITIVE_INFINITY
                    : r.nextGaussian() * 1e3 + 1e6;
            k[i] = r.nextInt(1000) - 500;
            cat[i] = r.nextInt(20) == 0 ? null : labels[r.nextInt(labels.length)];
            txt[i] = "t" + r.nextInt(300);
            b[i] = r.nextInt(15) == 0 ? null : r.nextBoolean();
        }
        return Frame.of(DoubleColumn.of("x", x), LongColumn.of("k", k), CategoricalColumn.of("cat", cat),
                TextColumn.of("txt", txt), BooleanColumn.of("b", b));
    }

    @Test
    void of_smallNumericColumn_matchesTextbookValues() {
        Profile p = Profile.of(Frame.of(DoubleColumn.of("x", 2, 4, 4, 4, 5, 5, 7, 9, Double.NaN, 0)));
        ColumnProfile c = p.column("x");
        assertEquals(10, c.count());
        assertEquals(1, c.missing());
        Moments m = c.moments().orElseThrow();
        assertEquals(9, m.count());
        assertEquals(40.0 / 9, m.mean(), 1e-12);
        double popVar = 232.0 / 9 - Math.pow(40.0 / 9, 2); // sum of squares 232
        assertEquals(popVar, m.populationVariance(), 1e-12);
        assertEquals(0, m.min());
        assertEquals(9, m.max());
        assertEquals(1, m.zeros());
        assertEquals(4, c.quantiles().orElseThrow().quantile(0.5));
        assertEquals(0.0, c.quantiles().orElseThrow().rankError());
        assertEquals(6, c.distinct().orElseThrow().estimate(), 1e-6); // {0,2,4,5,7,9}
    }

    @Test
    void of_infinities_countedApartFromMoments() {
        Moments m = Profile.of(Frame.of(DoubleColumn.of("x", 1, Double.POSITIVE_INFINITY, 3,
                Double.NEGATIVE_INFINITY))).column("x").moments().orElseThrow();
        assertEquals(2, m.count());
        assertEquals(2, m.infinite());
        assertEquals(2.0, m.mean());
        assertEquals(3.0, m.max());
    }

    @Test
    void of_infinitiesAndHugeFiniteValues_momentsFiniteAndHonest() {
        // Issue 9: a column with 1e308 and infinities was reported as mean=1.0E308, sd=NaN.
        ColumnProfile c = Profile.of(Frame.of(DoubleColumn.of("x", 1e308, 1.5e308, Double.POSITIVE_INFINITY,
                -1e308, Double.NaN, Double.NEGATIVE_INFINITY))).column("x");
        Moments m = c.moments().orElseThrow();
        assertEquals(3, m.count());
        assertEquals(2, c.infinite());
        assertEquals(1, c.missing());
        assertEquals(0.5e308, m.mean(), 1e293);
        assertTrue(Double.isFinite(m.mean()));
        // The squared deviations (about 1e616) exceed the doubles: reported as infinite, never NaN.
        assertEquals(Double.POSITIVE_INFINITY, m.variance());
        assertEquals(3, c.quantiles().orElseThrow().n());
        assertTrue(c.toString().contains("infinite=2"), c.toString());
        Moments back = Profile.fromJson(Profile.of(Frame.of(DoubleColumn.of("x", 1e308, -1e308))).toJson())
                .column("x").moments().orElseThrow();
        assertEquals(Double.POSITIVE_INFINITY, back.m2());
    }

    @Test
    void fromJson_profileWrittenBeforeInfiniteCounts_stillLoads() {
        String json = Profile.of(Frame.of(DoubleColumn.of("x", 1, 2, Double.POSITIVE_INFINITY))).toJson();
        String older = json.replaceAll(",\\s*\"infinite\" : \\d+", "");
        assertTrue(!older.contains("infinite"), older);
        ColumnProfile c = Profile.fromJson(older).column("x");
        assertEquals(0, c.infinite());
        assertEquals(1.5, c.moments().orElseThrow().mean());
    }

    @Test
    void of_hugeValues_varianceStaysAccurate() {
        // Naive sum-of-squares loses every digit here; the two-pass + Chan merge does not.
        double[] v = new double[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1e9 + (i % 2 == 0 ? 1 : -1);
        }
        Moments m = Profile.of(Frame.of(DoubleColumn.of("x", v))).column("x").moments().orElseThrow();
        assertEquals(1.0, m.populationVariance(), 1e-9);
    }

    @Test
    void of_categoricalTextBoolean_countsExactly() {
        Frame f = Frame.of(CategoricalColumn.of("c", "x", "y", "x", null, "x"),
                TextColumn.of("t", "héllo", "", null, "héllo", "z"),
                BooleanColumn.of("b", true, false, null, true, true));
        Profile p = Profile.of(f);
        FrequentItems items = p.column("c").frequentItems().orElseThrow();
        assertEquals(3, items.estimate("x"));
        assertEquals(0, items.maximumError());
        assertEquals("x", items.items().get(0).value());
        assertEquals(1, p.column("c").missing());
        assertEquals(2, p.column("t").frequentItems().orElseThrow().estimate("héllo"));
        assertEquals(3, p.column("t").distinct().orElseThrow().estimate(), 1e-6); // the empty string counts
        assertEquals(3, p.column("b").trueCount());
        assertEquals(1, p.column("b").missing());
    }

    @Test
    void of_timestamps_profiledAsEpochMillis() {
        Frame f = Frame.of(LongColumn.ofInstants("ts", Instant.parse("2024-01-01T00:00:00Z"), null,
                Instant.parse("2024-01-03T00:00:00Z")));
        Moments m = Profile.of(f).column("ts").moments().orElseThrow();
        assertEquals(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(), (long) m.min());
        assertEquals(Instant.parse("2024-01-03T00:00:00Z").toEpochMilli(), (long) m.max());
        assertEquals(1, Profile.of(f).column("ts").missing());
    }

    @Test
    void of_emptyFrame_hasZeroCountsAndNaNMoments() {
        Profile p = Profile.of(mixed(1, 10).head(0));
        assertEquals(0, p.rowCount());
        assertTrue(Double.isNaN(p.column("x").moments().orElseThrow().mean()));
        assertTrue(Double.isNaN(p.column("x").quantiles().orElseThrow().quantile(0.5)));
        Profile back = Profile.fromJson(p.toJson());
        assertEquals(0, back.column("x").count());
    }

    @Test
    void profiler_batchesOfDifferentColumns_rejected() {
        Profiler p = Profiler.create().add(Frame.of(DoubleColumn.of("x", 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.add(Frame.of(DoubleColumn.of("y", 1))));
        assertTrue(e.getMessage().contains("Column 0")
                && e.getMessage().contains("'y' (NUMERIC)")
                && e.getMessage().contains("first batch had 'x'"), e.getMessage());
    }

    @Test
    void profiler_batchByBatch_equalsWholeFrame() {
        Frame f = mixed(7, 10_000);
        Profiler p = Profiler.create();
        for (int from = 0; from < f.rowCount(); from += 999) {
            p.add(f.slice(from, Math.min(f.rowCount(), from + 999)));
        }
        assertSameStatistics(Profile.of(f), p.profile());
    }

    @Test
    void ofDataSource_batchByBatch_neverHoldsTheWholeData() {
        Frame whole = mixed(13, 25_000);
        int[] handedOut = {0};
        dev.mlops.api.DataSource source = rowsPerBatch -> new dev.mlops.api.FrameBatches() {
            int next;

            @Override
            public dev.mlops.api.Schema schema() {
                return whole.schema();
            }

            @Override
            public dev.mlops.api.IngestReport report() {
                return dev.mlops.api.IngestReport.empty("generated");
            }

            @Override
            public void close() {
            }

            @Override
            public boolean hasNext() {
                return next < whole.rowCount();
            }

            @Override
            public Frame next() {
                Frame batch = whole.slice(next, Math.min(whole.rowCount(), next + rowsPerBatch));
                next += batch.rowCount();
                handedOut[0]++;
                return batch;
            }
        };
        Profile p = Profile.of(source, 1000, ProfileOptions.DEFAULTS);
        assertEquals(25, handedOut[0]);
        assertSameStatistics(Profile.of(whole), p);
    }

    @Test
    void merge_partitions_equalsProfileOfUnion() {
        qt().withExamples(40).forAll(integers().between(0, 3000), integers().between(0, 3000),
                        integers().between(1, 1000))
                .checkAssert((na, nb, seed) -> {
                    Frame all = mixed(seed, na + nb);
                    Profile merged = Profile.of(all.slice(0, na)).merge(Profile.of(all.slice(na, na + nb)));
                    assertSameStatistics(Profile.of(all), merged);
                });
    }

    @Test
    void merge_arbitraryDoubles_momentsExactWithin1e9() {
        qt().withExamples(100).forAll(lists().of(integers().between(-1_000_000, 1_000_000)).ofSizeBetween(0, 300),
                        lists().of(integers().between(-1_000_000, 1_000_000)).ofSizeBetween(0, 300))
                .checkAssert((a, b) -> {
                    Frame fa = Frame.of(DoubleColumn.of("x", scaled(a)));
                    Frame fb = Frame.of(DoubleColumn.of("x", scaled(b)));
                    Profile merged = Profile.of(fa).merge(Profile.of(fb));
                    assertSameStatistics(Profile.of(fa.concat(fb)), merged);
                });
    }

    private static double[] scaled(List<Integer> xs) {
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs.get(i) / 7.0;
        }
        return out;
    }

    @Test
    void ofPartitions_twoThreads_equalsOnePass() {
        Frame f = mixed(3, 20_000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            assertSameStatistics(Profile.of(f), Profile.ofPartitions(f, 4, ProfileOptions.DEFAULTS, pool));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void json_roundTrip_keepsEveryStatistic() {
        Profile p = Profile.of(mixed(11, 5000));
        String json = p.toJson();
        assertTrue(json.contains("\"formatVersion\" : 1"));
        Profile back = Profile.fromJson(json);
        assertEquals(p.rowCount(), back.rowCount());
        assertEquals(p.options(), back.options());
        for (ColumnProfile c : p.columns().values()) {
            ColumnProfile d = back.column(c.name());
            assertEquals(c.count(), d.count());
            assertEquals(c.missing(), d.missing());
            assertEquals(c.trueCount(), d.trueCount());
            assertEquals(c.moments(), d.moments());
            c.quantiles().ifPresent(q -> {
                for (double r = 0; r <= 1; r += 0.1) {
                    assertEquals(q.quantile(r), d.quantiles().orElseThrow().quantile(r));
                }
            });
            c.distinct().ifPresent(x -> assertEquals(x.estimate(), d.distinct().orElseThrow().estimate()));
            c.frequentItems().ifPresent(x -> assertEquals(x.items(), d.frequentItems().orElseThrow().items()));
        }
        // Sketch bytes may be laid out differently after a round trip (hash-map order); what they say is equal.
        assertEquals(Profile.fromJson(back.toJson()).column("x").moments(), p.column("x").moments());
    }

    @Test
    void fromJson_newerVersion_rejectedWithReason() {
        String json = Profile.of(mixed(1, 10)).toJson().replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        DataException e = assertThrows(DataException.class, () -> Profile.fromJson(json));
        assertTrue(e.getMessage().contains("formatVersion 2"));
    }

    @Test
    void options_jsonRoundTrip_andChecks() {
        ProfileOptions o = ProfileOptions.DEFAULTS.withQuantileK(400);
        assertEquals(o, ProfileOptions.fromJson(o.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProfileOptions(200, 12, 100, 20, true));
        assertTrue(e.getMessage().contains("frequentItemsMapSize")
                && e.getMessage().contains("power of two")
                && e.getMessage().contains("got 100")
                && e.getMessage().contains("use 64 or 128"), e.getMessage());
    }

    @Test
    void optionsBuilder_setsEverySetting_andRoundTripsThroughJson() {
        ProfileOptions o = ProfileOptions.newBuilder().quantileK(400).distinctLgK(14).frequentItemsMapSize(256)
                .histogramBins(50).numericDistinct(false).build();
        assertEquals(new ProfileOptions(400, 14, 256, 50, false), o);
        assertEquals(o, ProfileOptions.fromJson(o.toJson()));
        assertEquals(ProfileOptions.DEFAULTS, ProfileOptions.newBuilder().build());
        assertEquals(ProfileOptions.DEFAULTS, ProfileOptions.defaults());
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.withQuantileK(8), o.toBuilder().quantileK(8).build());
    }

    @Test
    void optionsBuilder_outOfRange_namesTheSettingTheValueAndTheRange() {
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> ProfileOptions.newBuilder().quantileK(7).build());
        assertTrue(k.getMessage().contains("quantileK must be in [8, 65535], got 7"), k.getMessage());
        IllegalArgumentException lgK = assertThrows(IllegalArgumentException.class,
                () -> ProfileOptions.newBuilder().distinctLgK(22).build());
        assertTrue(lgK.getMessage().contains("distinctLgK must be in [4, 21], got 22"), lgK.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> ProfileOptions.newBuilder().frequentItemsMapSize(4).build());
        assertTrue(size.getMessage().contains("frequentItemsMapSize must be a power of two >= 8, got 4"),
                size.getMessage());
        IllegalArgumentException bins = assertThrows(IllegalArgumentException.class,
                () -> ProfileOptions.newBuilder().histogramBins(0).build());
        assertTrue(bins.getMessage().contains("histogramBins must be >= 1, got 0"), bins.getMessage());
    }

    @Test
    void histogram_countsSumToPresentValues() {
        Profile p = Profile.of(mixed(5, 20_000));
        Histogram h = p.column("x").histogram(20).orElseThrow();
        assertEquals(p.column("x").moments().orElseThrow().count(), h.total());
        assertEquals(21, h.edges().length);
    }

    /** Counts and moments exactly (moments to 1e-9 relative), sketches within their bounds. */
    static void assertSameStatistics(Profile expected, Profile actual) {
        assertEquals(expected.rowCount(), actual.rowCount());
        for (ColumnProfile e : expected.columns().values()) {
            ColumnProfile a = actual.column(e.name());
            assertEquals(e.count(), a.count(), e.name());
            assertEquals(e.missing(), a.missing(), e.name());
            assertEquals(e.trueCount(), a.trueCount(), e.name());
            e.moments().ifPresent(m -> {
                Moments n = a.moments().orElseThrow();
                assertEquals(m.count(), n.count());
                assertEquals(m.zeros(), n.zeros());
                assertEquals(m.infinite(), n.infinite());
                assertEquals(m.min(), n.min());
                assertEquals(m.max(), n.max());
                assertClose(m.mean(), n.mean());
                assertClose(m.m2(), n.m2());
            });
            e.quantiles().ifPresent(q -> {
                QuantileSketch r = a.quantiles().orElseThrow();
                assertEquals(q.n(), r.n());
                if (q.isEmpty()) {
                    return;
                }
                double eps = q.rankError() + r.rankError();
                for (double rank = 0.05; rank < 1; rank += 0.1) {
                    // The merged sketch's quantile has a true rank (per the exact sketch) within both bounds.
                    double v = r.quantile(rank);
                    double hi = q.rank(v);
                    double lo = q.rankExclusive(v);
                    assertTrue(rank >= lo - eps - 1e-12 && rank <= hi + eps + 1e-12,
                            e.name() + " rank " + rank + " -> [" + lo + ", " + hi + "]");
                }
            });
            e.distinct().ifPresent(d -> {
                DistinctCount x = a.distinct().orElseThrow();
                // A one-pass sketch estimates with HIP, a union with the composite estimator: both err, so the
                // two estimates may differ by up to both their 2-sigma widths.
                double lo = 2 * d.lowerBound() - d.estimate();
                double hi = 2 * d.upperBound() - d.estimate();
                assertTrue(x.estimate() >= lo - 1e-9 && x.estimate() <= hi + 1e-9,
                        e.name() + " distinct " + x.estimate() + " vs " + d.estimate());
            });
            e.frequentItems().ifPresent(f -> {
                FrequentItems g = a.frequentItems().orElseThrow();
                for (FrequentItems.ItemCount ic : f.items()) {
                    long est = g.estimate(ic.value());
                    assertTrue(Math.abs(est - ic.estimate()) <= f.maximumError() + g.maximumError(),
                            e.name() + " item " + ic);
                }
            });
        }
    }

    private static void assertClose(double expected, double actual) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual));
            return;
        }
        double tol = 1e-9 * Math.max(1e-300, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= Math.max(tol, 1e-9 * 1e-6),
                "expected " + expected + " got " + actual);
    }
}
