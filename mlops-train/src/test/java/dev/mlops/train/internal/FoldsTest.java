package dev.mlops.train.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void stratified_anyLabels_partitionRowsAndBalanceEveryClass() {
        qt().withExamples(200).forAll(integers().between(2, 300), integers().between(1, 5), integers().between(2, 10),
                longs().all()).assuming((rows, classes, k, seed) -> k <= rows).checkAssert((rows, classes, k, seed) -> {
                    Random rnd = new Random(seed);
                    int[] y = new int[rows];
                    for (int i = 0; i < rows; i++) {
                        y[i] = rnd.nextInt(classes);
                    }
                    int[][] folds = Folds.stratified(y, k, seed);
                    int[] seen = new int[rows];
                    int min = Integer.MAX_VALUE;
                    int max = 0;
                    for (int[] f : folds) {
                        for (int r : f) {
                            seen[r]++;
                        }
                        min = Math.min(min, f.length);
                        max = Math.max(max, f.length);
                    }
                    for (int s : seen) {
                        assertEquals(1, s, "every row is held out exactly once");
                    }
                    assertTrue(max - min <= 1, "fold sizes differ by at most one");
                    for (int c = 0; c < classes; c++) {
                        int cmin = Integer.MAX_VALUE;
                        int cmax = 0;
                        for (int[] f : folds) {
                            int n = 0;
                            for (int r : f) {
                                n += y[r] == c ? 1 : 0;
                            }
                            cmin = Math.min(cmin, n);
                            cmax = Math.max(cmax, n);
                        }
                        assertTrue(cmax - cmin <= 1, "class " + c + " is spread evenly");
                    }
                });
    }

    @Test
    void stratified_sameSeed_sameFolds() {
        int[] y = {0, 1, 0, 1, 1, 0, 2, 2, 0, 1};
        assertArrayEquals(Folds.stratified(y, 3, 9)[1], Folds.stratified(y, 3, 9)[1]);
    }

    @Test
    void complement_isEveryOtherRow() {
        assertArrayEquals(new int[] {0, 2, 4}, Folds.complement(5, new int[] {1, 3}));
        assertArrayEquals(new int[] {}, Folds.complement(2, new int[] {0, 1}));
    }

    @Test
    void stratified_moreFoldsThanRows_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Folds.stratified(new int[3], 4, 1));
        assertTrue(e.getMessage().contains("2 <= k <= rows")
                && e.getMessage().contains("k=4 with 3 rows"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Folds.stratified(new int[3], 1, 1));
        assertTrue(e2.getMessage().contains("2 <= k <= rows")
                && e2.getMessage().contains("k=1 with 3 rows"), e2.getMessage());
    }
}
