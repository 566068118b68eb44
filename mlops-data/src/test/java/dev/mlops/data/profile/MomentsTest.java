package dev.mlops.data.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;

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
