package dev.mlops.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Equal-frequency binning: the invariants the estimator relies on. */
class DiscretizerTest {

    @Test
    void codes_property_denseMonotoneAndMissingApart() {
        qt().withExamples(300).withShrinkCycles(50).forAll(lists().of(doubles().any()).ofSizeBetween(0, 120), integers().between(2, 40))
                .checkAssert((list, bins) -> {
                    double[] v = list.stream().mapToDouble(Double::doubleValue).toArray();
                    int[] codes = Discretizer.codes(v, bins);
                    int n = v.length;
                    int levels = codes[n];
                    assertTrue(levels <= bins + 1, "at most bins + a missing bin");
                    boolean[] seen = new boolean[Math.max(levels, 1)];
                    int missingCode = -1;
                    for (int i = 0; i < n; i++) {
                        assertTrue(codes[i] >= 0 && codes[i] < levels);
                        seen[codes[i]] = true;
                        if (Double.isNaN(v[i])) {
                            assertTrue(missingCode == -1 || missingCode == codes[i], "one missing bin");
                            missingCode = codes[i];
                        }
                    }
                    for (int l = 0; l < levels; l++) {
                        assertTrue(seen[l], "codes are dense");
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            if (!Double.isNaN(v[i]) && !Double.isNaN(v[j]) && v[i] <= v[j]) {
                                assertTrue(codes[i] <= codes[j], "monotone: " + v[i] + " " + v[j]);
                                assertTrue(codes[i] != missingCode, "a value never shares the missing bin");
                            }
                        }
                    }
                });
    }

    @Test
    void codes_continuousValues_equalFrequency() {
        SplittableRandom r = new SplittableRandom(1);
        double[] v = new double[100_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(r.nextGaussian() * 3); // heavily skewed
        }
        int[] codes = Discretizer.codes(v, 10);
        assertEquals(10, codes[v.length]);
        int[] counts = new int[10];
        for (int i = 0; i < v.length; i++) {
            counts[codes[i]]++;
        }
        for (int c : counts) {
            // Cut points come from an 8,192-value sample, so bins are equal to within a few percent.
            assertEquals(10_000, c, 1500, Arrays.toString(counts));
        }
    }

    @Test
    void codes_fewDistinctValues_keepOneBinEach() {
        int[] codes = Discretizer.codes(new double[] {0, 0, 0, 0, 0, 0, 1, 1, 2, Double.NaN}, 32);
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4),
                Arrays.stream(codes).boxed().toList());
    }

    @Test
    void defaultBins_cubeRootClamped() {
        assertEquals(2, Discretizer.defaultBins(0));
        assertEquals(10, Discretizer.defaultBins(1000));
        assertEquals(32, Discretizer.defaultBins(10_000_000));
    }
}
