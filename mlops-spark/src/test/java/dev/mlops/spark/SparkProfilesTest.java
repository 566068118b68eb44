package dev.mlops.spark;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.Moments;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** The profile of a Dataset equals the single-machine profile of its rows, however they are partitioned. */
class SparkProfilesTest {

    /** Numeric with NaN, infinities and missing; integer with missing; categorical; boolean. */
    static Frame mixed(int n, long seed) {
        Random rnd = new Random(seed);
        DoubleColumn.Builder x = DoubleColumn.builder("x");
        LongColumn.Builder k = LongColumn.builder("k");
        CategoricalColumn.Builder colour = CategoricalColumn.builder("colour");
        Boolean[] flag = new Boolean[n];
        for (int i = 0; i < n; i++) {
            int u = rnd.nextInt(50);
            if (u == 0) {
                x.addMissing();
            } else if (u == 1) {
                x.add(Double.POSITIVE_INFINITY);
            } else {
                x.add(1e6 + rnd.nextGaussian() * 3); // a large offset: naive sums would lose the variance
            }
            if (u == 2) {
                k.addMissing();
            } else {
                k.add(rnd.nextInt(1000) - 500);
            }
            if (u == 3) {
                colour.addMissing();
            } else {
                colour.add(new String[] {"red", "green", "blue", "", "ünïcode"}[rnd.nextInt(5)]);
            }
            flag[i] = rnd.nextBoolean();
        }
        return Frame.of(x.build(), k.build(), colour.build(), BooleanColumn.of("flag", flag));
    }

    @Test
    void profile_ofRandomPartitionings_equalsTheSingleMachineProfile() {
        qt().withExamples(8).withFixedSeed(17).forAll(integers().between(1, 3000), integers().between(1, 7),
                longs().all()).checkAssert((n, partitions, seed) -> {
                    Frame frame = mixed(n, seed);
                    Profile spark = SparkProfiles.profile(LocalSpark.dataset(frame, partitions));
                    assertMatches(frame, Profile.of(frame), spark);
                });
    }

    @Test
    void profile_ofAnEmptyDataset_hasTheColumnsAndNoRows() {
        Frame frame = mixed(10, 1).head(0);
        Profile spark = SparkProfiles.profile(LocalSpark.dataset(frame, 3));
        assertEquals(0, spark.rowCount());
        assertEquals(frame.columnNames(), spark.columns().keySet().stream().toList());
    }

    static void assertMatches(Frame frame, Profile local, Profile spark) {
        assertEquals(local.rowCount(), spark.rowCount(), "rows");
        assertEquals(local.columns().keySet(), spark.columns().keySet(), "columns");
        for (ColumnProfile l : local.columns().values()) {
            ColumnProfile s = spark.column(l.name());
            String where = "column " + l.name();
            assertEquals(l.type(), s.type(), where);
            assertEquals(l.count(), s.count(), where + " count");
            assertEquals(l.missing(), s.missing(), where + " missing");
            assertEquals(l.trueCount(), s.trueCount(), where + " trues");
            if (l.moments().isPresent()) {
                Moments lm = l.moments().get();
                Moments sm = s.moments().get();
                assertEquals(lm.count(), sm.count(), where + " finite count");
                assertEquals(lm.min(), sm.min(), 0.0, where + " min");
                assertEquals(lm.max(), sm.max(), 0.0, where + " max");
                assertEquals(lm.zeros(), sm.zeros(), where + " zeros");
                assertEquals(lm.infinite(), sm.infinite(), where + " infinite");
                assertRelative(lm.mean(), sm.mean(), where + " mean");
                assertRelative(lm.variance(), sm.variance(), where + " variance");
            }
            if (l.quantiles().isPresent() && !l.quantiles().get().isEmpty()) {
                double[] sorted = finiteSorted(frame, l.name());
                var q = s.quantiles().get();
                for (double r : new double[] {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
                    double v = q.quantile(r);
                    double lo = lowerRank(sorted, v);
                    double hi = upperRank(sorted, v);
                    double slack = q.rankError() + 1.0 / sorted.length;
                    assertTrue(r >= lo - slack && r <= hi + slack, where + " quantile " + r + " = " + v
                            + " has true rank [" + lo + ", " + hi + "], bound " + q.rankError());
                }
            }
            if (l.distinct().isPresent()) {
                long truth = distinct(frame, l.name());
                var d = s.distinct().get();
                assertTrue(truth >= Math.floor(d.lowerBound()) && truth <= Math.ceil(d.upperBound()),
                        where + " distinct " + truth + " outside [" + d.lowerBound() + ", " + d.upperBound() + "]");
            }
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        double tol = 1e-9 * Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertEquals(expected, actual, tol, what);
    }

    private static double[] finiteSorted(Frame frame, String column) {
        var c = frame.column(column);
        double[] v = new double[c.size()];
        int n = 0;
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                double d = ((Number) c.value(r)).doubleValue();
                if (Double.isFinite(d)) {
                    v[n++] = d;
                }
            }
        }
        double[] out = Arrays.copyOf(v, n);
        Arrays.sort(out);
        return out;
    }

    private static double lowerRank(double[] sorted, double v) {
        int i = 0;
        while (i < sorted.length && sorted[i] < v) {
            i++;
        }
        return (double) i / sorted.length;
    }

    private static double upperRank(double[] sorted, double v) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= v) {
            i++;
        }
        return (double) i / sorted.length;
    }

    private static long distinct(Frame frame, String column) {
        var c = frame.column(column);
        Set<Object> seen = new HashSet<>();
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                Object v = c.value(r);
                if (!(v instanceof Double d) || Double.isFinite(d)) {
                    seen.add(v instanceof Number num && !(v instanceof Double) ? (Object) num.longValue() : v);
                }
            }
        }
        return seen.size();
    }

    static ProfileOptions exact(int rows) {
        return ProfileOptions.DEFAULTS.withQuantileK(Math.max(200, rows + 1));
    }
}
