package dev.mlops.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShuffleTest {

    @Test
    void permutation_isAPermutationAndRepeatsForASeed() {
        qt().forAll(integers().between(0, 300), longs().all()).checkAssert((n, seed) -> {
            int[] p = Shuffle.permutation(n, seed);
            assertArrayEquals(IntStream.range(0, n).toArray(), Arrays.stream(p).sorted().toArray());
            assertArrayEquals(p, Shuffle.permutation(n, seed));
            assertArrayEquals(p, Shuffle.permutation(n, new Random(seed)));
        });
    }

    @Test
    void listShuffle_isTheOrderOfCollectionsShuffle() {
        qt().forAll(integers().between(0, 200), longs().all()).checkAssert((n, seed) -> {
            List<Integer> ours = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            List<Integer> jdk = new ArrayList<>(ours);
            Shuffle.shuffle(ours, new Random(seed));
            Collections.shuffle(jdk, new Random(seed));
            assertEquals(jdk, ours);
        });
    }

    @Test
    void arrayAndListShuffles_agreeForOneGenerator() {
        qt().forAll(integers().between(0, 200), longs().all()).checkAssert((n, seed) -> {
            List<Integer> list = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            Shuffle.shuffle(list, new SplittableRandom(seed));
            assertArrayEquals(list.stream().mapToInt(Integer::intValue).toArray(),
                    Shuffle.permutation(n, new SplittableRandom(seed)));
        });
    }
}
