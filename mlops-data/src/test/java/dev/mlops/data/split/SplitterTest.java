package dev.mlops.data.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitterTest {

    static Frame data(int n, long seed) {
        Random r = new Random(seed);
        long[] id = new long[n];
        long[] user = new long[n];
        long[] t = new long[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
            user[i] = r.nextInt(Math.max(1, n / 5));
            t[i] = r.nextInt(50);
            y[i] = r.nextInt(10) < 3 ? "bad" : r.nextInt(50) == 0 ? null : "good";
        }
        return Frame.of(LongColumn.of("id", id), LongColumn.of("user", user), LongColumn.of("t", t),
                CategoricalColumn.of("y", y));
    }

    static void assertPartition(TrainTestSplit s, int n) {
        boolean[] seen = new boolean[n];
        for (int r : s.trainRows()) {
            assertFalse(seen[r]);
            seen[r] = true;
        }
        for (int r : s.testRows()) {
            assertFalse(seen[r]);
            seen[r] = true;
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
        assertEquals(n, s.train().rowCount() + s.test().rowCount());
    }

    @Test
    void everySplitter_coversEveryRowOnce_andIsReproducible() {
        qt().withExamples(60).forAll(integers().between(0, 400), longs().all(), doubles().between(0, 1))
                .checkAssert((n, seed, share) -> {
                    Frame f = data(n, seed);
                    for (Splitter s : new Splitter[] {Splitter.random(share, seed),
                            Splitter.stratified("y", share, seed), Splitter.byGroup("user", share, seed),
                            Splitter.byTime("t", share)}) {
                        TrainTestSplit a = s.split(f);
                        assertPartition(a, n);
                        assertEquals(a, s.split(f));
                    }
                });
    }

    @Test
    void stratified_classSharesWithinOneRow() {
        qt().withExamples(60).forAll(integers().between(1, 500), longs().all(), doubles().between(0, 1))
                .checkAssert((n, seed, share) -> {
                    Frame f = data(n, seed);
                    TrainTestSplit s = Splitter.stratified("y", share, seed).split(f);
                    Map<String, int[]> counts = new HashMap<>();
                    for (int r = 0; r < n; r++) {
                        counts.computeIfAbsent(String.valueOf(f.column("y").value(r)), k -> new int[2])[0]++;
                    }
                    for (int r : s.testRows()) {
                        counts.get(String.valueOf(f.column("y").value(r)))[1]++;
                    }
                    counts.forEach((k, c) -> assertTrue(Math.abs(c[1] - c[0] * share) <= 1.0,
                            k + ": " + c[1] + " of " + c[0] + " at share " + share));
                });
    }

    @Test
    void byGroup_noGroupOnBothSides() {
        qt().withExamples(60).forAll(integers().between(0, 400), longs().all(), doubles().between(0, 1))
                .checkAssert((n, seed, share) -> {
                    TrainTestSplit s = Splitter.byGroup("user", share, seed).split(data(n, seed));
                    assertFalse(Leakage.check(s, "user").leaks());
                });
    }

    @Test
    void byTime_noTrainRowNewerThanATestRow() {
        Frame f = data(300, 9);
        TrainTestSplit s = Splitter.byTime("t", 0.25).split(f);
        long newestTrain = Long.MIN_VALUE;
        for (int r : s.trainRows()) {
            newestTrain = Math.max(newestTrain, f.longs("t").getLong(r));
        }
        for (int r : s.testRows()) {
            assertTrue(f.longs("t").getLong(r) > newestTrain);
        }
        assertTrue(s.test().rowCount() >= 75);
    }

    @Test
    void byTime_missingTime_rejectedWithRow() {
        Frame f = Frame.of(LongColumn.ofInstants("ts", Instant.EPOCH, null));
        DataException e = assertThrows(DataException.class, () -> Splitter.byTime("ts", 0.5).split(f));
        assertTrue(e.getMessage().contains("Row 1"));
    }

    @Test
    void random_seedChangesSplit_andShareIsRounded() {
        Frame f = data(1000, 1);
        TrainTestSplit a = Splitter.random(0.2, 1).split(f);
        assertEquals(200, a.test().rowCount());
        assertFalse(a.equals(Splitter.random(0.2, 2).split(f)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splitter.random(1.5, 1));
        assertTrue(e.getMessage().contains("test share must be in [0, 1]")
                && e.getMessage().contains("got 1.5"), e.getMessage());
    }

    @Test
    void leakage_reportsSharedIds() {
        Frame f = data(100, 3);
        TrainTestSplit s = Splitter.random(0.3, 5).split(f);
        assertFalse(Leakage.check(s, "id").leaks());
        Leakage l = Leakage.check(s, "user");
        Set<String> trainUsers = new HashSet<>();
        for (int r : s.trainRows()) {
            trainUsers.add(String.valueOf(f.longs("user").getLong(r)));
        }
        Set<String> shared = new HashSet<>();
        for (int r : s.testRows()) {
            String u = String.valueOf(f.longs("user").getLong(r));
            if (trainUsers.contains(u)) {
                shared.add(u);
            }
        }
        assertEquals(shared.size(), l.sharedIds());
        assertTrue(l.leaks());
        assertTrue(l.sample().size() <= Leakage.SAMPLE);
    }
}
