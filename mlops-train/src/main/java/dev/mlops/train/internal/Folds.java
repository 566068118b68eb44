package dev.mlops.train.internal;

import dev.mlops.data.split.Shuffle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded k-fold splits over row indices. */
public final class Folds {
    private Folds() {
    }

    /**
     * Stratified folds: each class's rows are shuffled with the seed and dealt round-robin, continuing where the
     * previous class stopped, so every fold gets each class in proportion (within one row) and folds differ in size
     * by at most one row. Returns, per fold, its held-out rows in ascending order.
     */
    public static int[][] stratified(int[] classOfRow, int k, long seed) {
        if (k < 2 || k > classOfRow.length) {
            throw new IllegalArgumentException("Cross-validation needs 2 <= k <= rows, not k=" + k + " with "
                    + classOfRow.length + " rows");
        }
        int classes = 0;
        for (int c : classOfRow) {
            classes = Math.max(classes, c + 1);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < classOfRow.length; i++) {
            byClass.get(classOfRow[i]).add(i);
        }
        Random rnd = new Random(seed);
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        int next = 0;
        for (List<Integer> rows : byClass) {
            Shuffle.shuffle(rows, rnd);
            for (int r : rows) {
                folds.get(next).add(r);
                next = (next + 1) % k;
            }
        }
        return toArrays(folds, k);
    }

    /** Plain folds: rows shuffled with the seed and cut into k nearly equal parts. */
    public static int[][] plain(int rows, int k, long seed) {
        return stratified(new int[rows], k, seed);
    }

    /** All rows not in {@code heldOut} (which is sorted), ascending. */
    public static int[] complement(int rows, int[] heldOut) {
        int[] out = new int[rows - heldOut.length];
        int j = 0;
        int o = 0;
        for (int i = 0; i < rows; i++) {
            if (j < heldOut.length && heldOut[j] == i) {
                j++;
            } else {
                out[o++] = i;
            }
        }
        return out;
    }

    private static int[][] toArrays(List<List<Integer>> folds, int k) {
        int[][] out = new int[k][];
        for (int f = 0; f < k; f++) {
            out[f] = folds.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }
}
