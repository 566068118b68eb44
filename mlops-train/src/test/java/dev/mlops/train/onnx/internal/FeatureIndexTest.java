package dev.mlops.train.onnx.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** The caller's column of each name is its position in the list, for any order and for unicode names. */
class FeatureIndexTest {
    @Test
    void column_anyPermutation_isPositionInList() {
        qt().forAll(integers().between(1, 40), longs().all()).check((n, seed) -> {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add("f" + i + (i % 3 == 0 ? "é✓" : ""));
            }
            Collections.shuffle(names, new Random(seed));
            FeatureIndex index = FeatureIndex.of(names);
            for (int i = 0; i < n; i++) {
                if (index.column(names.get(i)) != i) {
                    return false;
                }
            }
            return index.column("not-there") == FeatureIndex.ABSENT && index.size() == n;
        });
    }

    @Test
    void names_areAnImmutableCopy() {
        List<String> names = new ArrayList<>(List.of("b", "a"));
        FeatureIndex index = FeatureIndex.of(names);
        names.add("c");
        assertEquals(List.of("b", "a"), index.names());
    }
}
