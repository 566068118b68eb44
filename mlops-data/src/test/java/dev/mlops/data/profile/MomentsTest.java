package dev.mlops.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class MomentsTest {

    static double[] arr(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void merge_isAssociativeAndMatchesOnePass() {
        qt().withExamples(200).forAll(lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(0, 50),
                        lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(0, 50),
                        lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(0, 50))
                .checkAssert((a, b, c) -> {
                    double[] all = new double[a.size() + b.size() + c.size()];
                    System.arraycopy(arr(a), 0, all, 0, a.size());
                    System.arraycopy(arr(b), 0, all, a.size(), b.size());
                    System.arraycopy(arr(c), 0, all, a.size() + b.size(), c.size());
                    Moments ma = Moments.of(arr(a), 0, a.size());
                    Moments mb = Moments.of(arr(b), 0, b.size());
                    Moments mc = Moments.of(arr(c), 0, c.size());
                    Moments left = ma.merge(mb).merge(mc);
                    Moments right = ma.merge(mb.merge(mc));
                    Moments whole = Moments.of(all, 0, all.length);
                    assertEquals(whole.count(), left.count());
                    close(whole.mean(), left.mean(), whole);
                    close(whole.mean(), right.mean(), whole);
                    closeM2(whole.m2(), left.m2());
                    closeM2(whole.m2(), right.m2());
                });
    }

    /** Finite values of any magnitude, infinities and NaN, as real data and computed columns hold them. */
    static Gen<Double> anyValues() {
        Gen<Double> special = Generate.pick(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.MAX_VALUE, -Double.MAX_VALUE, 0.0));
        return Generate.frequency(Pair.of(6, doubles().between(-1e6, 1e6)),
                Pair.of(2, doubles().between(-1e300, 1e300)), Pair.of(1, special));
    }

    @Test
    void merge_withInfinitiesAndHugeValues_exactCountsFiniteMeanAssociative() {
        qt().withExamples(300).forAll(lists().of(anyValues()).ofSizeBetween(0, 30),
                        lists().of(anyValues()).ofSizeBetween(0, 30), lists().of(anyValues()).ofSizeBetween(0, 30))
                .checkAssert((a, b, c) -> {
                    Moments ma = Moments.of(arr(a), 0, a.size());
                    Moments mb = Moments.of(arr(b), 0, b.size());
                    Moments mc = Moments.of(arr(c), 0, c.size());
                    double[] all = java.util.stream.Stream.of(a, b, c).flatMap(List::stream)
                            .mapToDouble(Double::doubleValue).toArray();
                    Moments whole = Moments.of(all, 0, all.length);
                    Moments left = ma.merge(mb).merge(mc);
                    Moments right = ma.merge(mb.merge(mc));
                    long finite = java.util.Arrays.stream(all).filter(Double::isFinite).count();
                    long infinite = java.util.Arrays.stream(all).filter(Double::isInfinite).count();
                    for (Moments m : List.of(whole, left, right)) {
                        assertEquals(finite, m.count());
                        assertEquals(infinite, m.infinite());
                        assertEquals(finite > 0, Double.isFinite(m.mean()), m.toString());
                        assertTrue(m.count() == 0 || m.mean() >= m.min() && m.mean() <= m.max(), m.toString());
                        assertTrue(m.m2() >= 0, m.toString()); // never NaN; +Infinity only past the doubles
                        assertEquals(whole.min(), m.min());
                        assertEquals(whole.max(), m.max());
                        assertEquals(whole.zeros(), m.zeros());
                    }
                    if (finite > 0) {
                        close(whole.mean(), left.mean(), whole);
                        close(left.mean(), right.mean(), whole);
                    }
                    if (finite > 1 && Double.isFinite(whole.m2()) && whole.m2() < 1e290) {
                        // Rounding of m2 grows with the squared magnitude of the data, not only with m2.
                        double mag = Math.max(Math.abs(whole.min()), Math.abs(whole.max()));
                        double tol = 1e-9 * whole.m2() + 1e-20 * all.length * mag * mag;
                        assertEquals(whole.m2(), left.m2(), tol);
                        assertEquals(whole.m2(), right.m2(), tol);
                    }
                });
    }

    private static void close(double e, double a, Moments scale) {
        if (Double.isNaN(e)) {
            assertTrue(Double.isNaN(a));
            return;
        }
        // The mean is compared relative to the data's magnitude, which bounds its rounding error.
        double mag = Math.max(Math.abs(scale.min()), Math.abs(scale.max()));
        assertEquals(e, a, 1e-12 * Math.max(mag, 1e-300));
    }

    private static void closeM2(double e, double a) {
        assertEquals(e, a, 1e-9 * Math.max(Math.abs(e), 1e-6));
    }

    @Test
    void of_emptyAndSingle() {
        assertEquals(0, Moments.of(new double[0], 0, 0).count());
        Moments one = Moments.of(new double[] {Double.NaN, 5}, 0, 2);
        assertEquals(1, one.count());
        assertEquals(5.0, one.mean());
        assertEquals(0.0, one.populationVariance());
        assertTrue(Double.isNaN(one.variance()));
        assertEquals(one, Moments.EMPTY.merge(one));
    }
}
