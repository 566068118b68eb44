package dev.mlops.data.split;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * The one seeded shuffle of the SDK (Fisher-Yates, drawing {@code nextInt(i + 1)} from the last position down, as
 * {@link java.util.Collections#shuffle(List, Random)} does), used by splits, folds, learning curves, permutation
 * importance, capacity plans and drift subsampling, so a seed means the same order everywhere.
 */
public final class Shuffle {
    private Shuffle() {
    }

    /** The positions {@code 0..n-1} in a random order drawn from {@code random}. */
    public static int[] permutation(int n, Random random) {
        return shuffle(identity(n), random::nextInt);
    }

    /** The positions {@code 0..n-1} in a random order drawn from {@code random}. */
    public static int[] permutation(int n, SplittableRandom random) {
        return shuffle(identity(n), random::nextInt);
    }

    /** The positions {@code 0..n-1} in the order of {@code new Random(seed)}. */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new Random(seed));
    }

    /** Shuffles {@code a} in place and returns it. */
    public static int[] shuffle(int[] a, SplittableRandom random) {
        return shuffle(a, random::nextInt);
    }

    /** Shuffles a list in place. */
    public static <T> void shuffle(List<T> list, SplittableRandom random) {
        shuffle(list, random::nextInt);
    }

    /** Shuffles a list in place (the same order as {@code Collections.shuffle(list, random)}). */
    public static <T> void shuffle(List<T> list, Random random) {
        shuffle(list, random::nextInt);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static int[] shuffle(int[] a, IntUnaryOperator below) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = below.applyAsInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static <T> void shuffle(List<T> list, IntUnaryOperator below) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = below.applyAsInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
