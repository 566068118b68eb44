package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Algebraic facts of frames, checked on random frames that include NaN, infinities, empties and one-row frames. */
class FramePropertiesTest {

    private static final String[] LABELS = {"a", "b", "c", "é", "", "long label with spaces"};

    /** Random frames of 0 to 40 rows with one column of every kind. */
    private static Gen<Frame> frames() {
        return lists().of(doubles().any()).ofSizeBetween(0, 40)
                .zip(longs().all(), (values, seed) -> frameOf(values, seed));
    }

    private static Frame frameOf(List<Double> values, long seed) {
        Random random = new Random(seed);
        int n = values.size();
        DoubleColumn.Builder d = DoubleColumn.builder(Field.numeric("d"), n);
        LongColumn.Builder l = LongColumn.builder(Field.integer("l"), n);
        CategoricalColumn.Builder c = CategoricalColumn.builder(Field.categorical("c"), n);
        BooleanColumn.Builder b = BooleanColumn.builder(Field.bool("b"));
        TextColumn.Builder t = TextColumn.builder(Field.text("t"), n);
        for (double v : values) {
            d.add(v);
            if (random.nextInt(5) == 0) {
                l.addMissing();
                c.addMissing();
                b.addMissing();
                t.addMissing();
            } else {
                l.add(random.nextLong());
                c.add(LABELS[random.nextInt(LABELS.length)]);
                b.add(random.nextBoolean());
                t.add(Long.toString(random.nextLong(), 36));
            }
        }
        return Frame.of(d.build(), l.build(), c.build(), b.build(), t.build());
    }

    @Test
    void doublesOfAnIntegerColumn_holdsEveryValueExactlyAndMissingAsNaN() {
        long limit = 1L << 53;
        qt().forAll(lists().of(longs().between(-limit, limit)).ofSizeBetween(0, 40), longs().all())
                .check((values, seed) -> {
                    Random random = new Random(seed);
                    LongColumn.Builder b = LongColumn.builder("n");
                    for (long v : values) {
                        if (random.nextInt(4) == 0) {
                            b.addMissing();
                        } else {
                            b.add(v);
                        }
                    }
                    LongColumn longs = b.build();
                    DoubleColumn widened = Frame.of(longs).doubles("n");
                    for (int r = 0; r < longs.size(); r++) {
                        boolean same = longs.isMissing(r)
                                ? widened.isMissing(r) && Double.isNaN(widened.getDouble(r))
                                : !widened.isMissing(r) && (long) widened.getDouble(r) == longs.getLong(r);
                        if (!same) {
                            return false;
                        }
                    }
                    return widened.size() == longs.size();
                });
    }

    @Test
    void concatOfTwoSlices_equalsTheWhole() {
        qt().forAll(frames(), integers().between(0, 40)).check((f, k) -> {
            int cut = Math.min(k, f.rowCount());
            Frame joined = f.slice(0, cut).concat(f.slice(cut, f.rowCount()));
            return joined.fingerprint().equals(f.fingerprint()) && joined.rowCount() == f.rowCount();
        });
    }

    @Test
    void selectingEveryRowInOrder_keepsTheFingerprint() {
        qt().forAll(frames()).check(f -> {
            int[] all = new int[f.rowCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return f.rows(all).fingerprint().equals(f.fingerprint());
        });
    }

    @Test
    void filterAndItsComplement_partitionTheRows() {
        qt().forAll(frames()).check(f -> {
            Frame kept = f.filter(r -> r.index() % 3 == 0);
            Frame rest = f.filter(r -> r.index() % 3 != 0);
            return kept.rowCount() + rest.rowCount() == f.rowCount();
        });
    }

    @Test
    void fingerprint_ignoresDictionaryOrderAndUnusedLabels() {
        qt().forAll(lists().of(integers().between(0, LABELS.length - 1)).ofSizeBetween(0, 30), longs().all())
                .check((codes, seed) -> {
                    List<String> dict = new ArrayList<>(List.of(LABELS));
                    dict.add("unused");
                    List<String> shuffled = new ArrayList<>(dict);
                    Collections.shuffle(shuffled, new Random(seed));
                    int[] a = new int[codes.size()];
                    int[] b = new int[codes.size()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = codes.get(i);
                        b[i] = shuffled.indexOf(dict.get(codes.get(i)));
                    }
                    Frame fa = Frame.of(CategoricalColumn.fromCodes(Field.categorical("c"), a, dict));
                    Frame fb = Frame.of(CategoricalColumn.fromCodes(Field.categorical("c"), b, shuffled));
                    return fa.fingerprint().equals(fb.fingerprint());
                });
    }

    @Test
    void fingerprint_changesWhenOneValueChanges() {
        qt().forAll(lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(1, 30), integers().between(0, 29))
                .check((values, at) -> {
                    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
                    int i = at % v.length;
                    double[] w = v.clone();
                    w[i] = w[i] + 1;
                    return !Frame.of(DoubleColumn.of("x", v)).fingerprint()
                            .equals(Frame.of(DoubleColumn.of("x", w)).fingerprint());
                });
    }

    @Test
    void fingerprint_isStableAcrossRunsAndMachines() {
        Frame f = Frame.of(DoubleColumn.of("x", 1.5, Double.NaN, -0.0), CategoricalColumn.of("c", "a", null, "b"),
                LongColumn.of("n", 1, 2, 3), TextColumn.of("t", "x", "y", null), BooleanColumn.of("b", true, null, false));
        // A golden value: if this changes, saved lineage no longer matches and the format version must move.
        assertEquals("sha256:7440ce1ec2c2988906e2214306d8baeee936e54a9944e4755b7625a5cbec3089", f.fingerprint());
    }

    @Test
    void fingerprint_dependsOnColumnNames() {
        assertNotEquals(Frame.of(DoubleColumn.of("x", 1)).fingerprint(), Frame.of(DoubleColumn.of("y", 1)).fingerprint());
    }

    @Test
    void toString_neverFails() {
        qt().forAll(frames(), integers().between(-1, 50)).check((f, rows) -> f.toString(rows).contains("rows x"));
    }
}
