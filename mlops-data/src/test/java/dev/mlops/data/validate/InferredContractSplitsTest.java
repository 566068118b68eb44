package dev.mlops.data.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.CsvSource;
import dev.mlops.data.profile.Moments;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, part 4: a contract inferred from a training split raised ERRORs on the held-out split of the same data
 * on 6 of 10 datasets. On random seeded splits of every bundled dataset (test share 20 % to 50 %) the contract
 * inferred from one part must raise an ERROR on the other part in at most {@value #MAX_ERROR_RATE} of splits,
 * while a real change of the held-out part is caught every time (decision 081).
 */
class InferredContractSplitsTest {
    /** The largest share of same-data splits allowed to raise an ERROR. */
    static final double MAX_ERROR_RATE = 0.05;
    static final int SPLITS = 200;
    static final Map<String, Frame> FRAMES = new LinkedHashMap<>();
    static final InferenceOptions OPTIONS = InferenceOptions.DEFAULTS;

    /** The bundled datasets (samples/src/main/resources/datasets). */
    static List<String> datasets() {
        return List.of("credit-g", "diabetes", "iris", "glass", "cpu", "breast-cancer", "vote", "labor",
                "unbalanced");
    }

    static synchronized Frame dataset(String name) {
        return FRAMES.computeIfAbsent(name, n -> CsvSource.of(
                Path.of("../samples/src/main/resources/datasets/" + n + ".csv")).read());
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void inferredContract_heldOutPartOfTheSameData_raisesAnErrorInAtMostFivePercentOfSplits(String name) {
        Frame data = dataset(name);
        int[] counts = new int[2];
        Map<String, Integer> failing = new TreeMap<>();
        qt().withFixedSeed(name.hashCode()).withExamples(SPLITS)
                .forAll(longs().all(), doubles().between(0.2, 0.5))
                .checkAssert((seed, share) -> {
                    TrainTestSplit split = Splitter.random(share, seed).split(data);
                    ValidationReport r = Validator.inferFrom(split.train(), OPTIONS).validate(split.test());
                    counts[0]++;
                    if (!r.errors().isEmpty()) {
                        counts[1]++;
                        r.errors().forEach(e -> failing.merge(e.name() + " (" + e.observed() + ")", 1, Integer::sum));
                    }
                });
        assertTrue(counts[1] <= MAX_ERROR_RATE * counts[0], name + ": " + counts[1] + " of " + counts[0]
                + " same-data splits raised an ERROR: " + failing);
    }

    /** The changes a contract must catch; each applies to the columns where it is a real, visible change. */
    enum Shift { SCALED_BY_10, SHIFTED_BY_5_SD, CATEGORY_REPLACED, HALF_MISSING }

    /**
     * Every applicable shift of every column, on random splits, raises an ERROR about that column. A shift applies
     * to a column with at least {@link InferenceOptions#minDistributionValues()} present training values (fewer
     * say too little to infer a distribution from) and present values in the held-out part; scaling to numbers
     * whose mean is at least half a deviation from 0 (scaling data centred on 0 moves no mean); replacing a
     * category (the most frequent ones renamed until a quarter of the values are) and raising the missing share
     * to half (from at most a fifth) to held-out parts of at least 40 rows, where such a change can be told from
     * chance at the contract's confidence.
     */
    @ParameterizedTest
    @MethodSource("datasets")
    void inferredContract_realShiftOfTheHeldOutPart_raisesAnErrorEveryTime(String name) {
        Frame data = dataset(name);
        int[] tried = new int[1];
        qt().withFixedSeed(~name.hashCode()).withExamples(8)
                .forAll(longs().all(), doubles().between(0.2, 0.5), integers().all())
                .checkAssert((seed, share, salt) -> {
                    TrainTestSplit split = Splitter.random(share, seed).split(data);
                    Validator v = Validator.inferFrom(split.train(), OPTIONS);
                    for (Column c : split.train().columns()) {
                        for (Shift s : Shift.values()) {
                            Column test = split.test().column(c.name());
                            Column shifted = shift(s, c, test, new SplittableRandom(salt));
                            if (shifted == null) {
                                continue;
                            }
                            tried[0]++;
                            ValidationReport r = v.validate(split.test().withColumn(shifted));
                            assertTrue(r.errors().stream().anyMatch(e -> e.column().equals(c.name())),
                                    name + ": " + s + " of " + c.name() + " raised no ERROR on it: " + r.summary());
                        }
                    }
                });
        assertTrue(tried[0] > 0, name + ": no shift applied");
    }

    /** The held-out column changed by {@code s}, or null when the shift does not apply to it. */
    static Column shift(Shift s, Column train, Column test, SplittableRandom rnd) {
        int m = test.size();
        long present = m - test.missingCount();
        if (train.size() - train.missingCount() < OPTIONS.minDistributionValues() || present == 0) {
            return null;
        }
        boolean number = train.type() == FieldType.NUMERIC || train.type() == FieldType.INTEGER;
        Moments mo = number ? moments(train) : null;
        switch (s) {
            case SCALED_BY_10 -> {
                if (!number || !(mo.stdDev() > 0) || Math.abs(mo.mean()) < mo.stdDev() / 2) {
                    return null;
                }
                return mapNumbers(test, v -> v * 10);
            }
            case SHIFTED_BY_5_SD -> {
                if (!number || !(mo.stdDev() > 0)) {
                    return null;
                }
                double by = 5 * mo.stdDev();
                return mapNumbers(test, v -> v + (test instanceof LongColumn ? Math.ceil(by) : by));
            }
            case CATEGORY_REPLACED -> {
                if (!(test instanceof CategoricalColumn cat) || m < 40) {
                    return null;
                }
                return renameMostFrequent(cat, present);
            }
            case HALF_MISSING -> {
                if (m < 40 || (double) train.missingCount() / train.size() > 0.2) {
                    return null;
                }
                return halfMissing(test, rnd);
            }
            default -> throw new IllegalStateException(s.name());
        }
    }

    static Moments moments(Column c) {
        double[] v = new double[c.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = Checks.numeric(c, r);
        }
        return Moments.of(v, 0, v.length);
    }

    static Column mapNumbers(Column c, java.util.function.DoubleUnaryOperator f) {
        if (c instanceof LongColumn l) {
            LongColumn.Builder b = LongColumn.builder(l.field(), l.size());
            for (int r = 0; r < l.size(); r++) {
                if (l.isMissing(r)) {
                    b.addMissing();
                } else {
                    b.add(Math.round(f.applyAsDouble(l.getLong(r))));
                }
            }
            return b.build();
        }
        DoubleColumn d = (DoubleColumn) c;
        double[] out = d.toArray();
        for (int r = 0; r < out.length; r++) {
            out[r] = f.applyAsDouble(out[r]); // NaN (missing) stays NaN
        }
        return DoubleColumn.of(d.field(), out);
    }

    static Column renameMostFrequent(CategoricalColumn c, long present) {
        int[] counts = c.codeCounts();
        Integer[] order = new Integer[counts.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> counts[i]).reversed());
        boolean[] renamed = new boolean[counts.length];
        long covered = 0;
        for (int i = 0; i < order.length && covered < present / 4.0; i++) {
            renamed[order[i]] = true;
            covered += counts[order[i]];
        }
        CategoricalColumn.Builder b = CategoricalColumn.builder(c.field(), c.size());
        for (int r = 0; r < c.size(); r++) {
            int code = c.code(r);
            b.add(code < 0 ? null : renamed[code] ? "__renamed__" : c.dictionary().get(code));
        }
        return b.build();
    }

    static Column halfMissing(Column c, SplittableRandom rnd) {
        List<Integer> presentRows = new ArrayList<>();
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                presentRows.add(r);
            }
        }
        long need = (c.size() + 1) / 2 - c.missingCount();
        boolean[] drop = new boolean[c.size()];
        for (int k = 0; k < need; k++) {
            int i = k + rnd.nextInt(presentRows.size() - k);
            java.util.Collections.swap(presentRows, k, i);
            drop[presentRows.get(k)] = true;
        }
        Column same = c;
        if (same instanceof DoubleColumn d) {
            double[] out = d.toArray();
            for (int r = 0; r < out.length; r++) {
                if (drop[r]) {
                    out[r] = Double.NaN;
                }
            }
            return DoubleColumn.of(d.field(), out);
        }
        if (same instanceof LongColumn l) {
            LongColumn.Builder b = LongColumn.builder(l.field(), l.size());
            for (int r = 0; r < l.size(); r++) {
                if (drop[r] || l.isMissing(r)) {
                    b.addMissing();
                } else {
                    b.add(l.getLong(r));
                }
            }
            return b.build();
        }
        if (same instanceof CategoricalColumn cat) {
            CategoricalColumn.Builder b = CategoricalColumn.builder(cat.field(), cat.size());
            for (int r = 0; r < cat.size(); r++) {
                b.add(drop[r] ? null : cat.getString(r));
            }
            return b.build();
        }
        return null;
    }
}
