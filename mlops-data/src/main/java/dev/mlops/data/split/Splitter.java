package dev.mlops.data.split;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Splits a frame into train and test rows. The factories are seeded: the same frame, settings and seed give the same
 * split on any machine.
 *
 * <pre>{@code
 * TrainTestSplit split = Splitter.stratified("class", 0.2, 42).split(credit);
 * }</pre>
 */
@FunctionalInterface
public interface Splitter {

    /** Splits the rows of a frame. */
    TrainTestSplit split(Frame frame);

    /** Test rows drawn at random: {@code round(n * testShare)} of them. */
    static Splitter random(double testShare, long seed) {
        checkShare(testShare);
        return frame -> {
            int n = frame.rowCount();
            int[] order = shuffled(identity(n), new SplittableRandom(seed));
            BitSet test = new BitSet(n);
            int k = (int) Math.round(n * testShare);
            for (int i = 0; i < k; i++) {
                test.set(order[i]);
            }
            return of(frame, test);
        };
    }

    /**
     * Test rows drawn within each class of {@code label} (missing labels form a class), so each class's test count
     * is {@code round(n_class * testShare)}: class shares match within one row.
     */
    static Splitter stratified(String label, double testShare, long seed) {
        checkShare(testShare);
        return frame -> {
            Map<String, List<Integer>> classes = groups(frame.column(label));
            SplittableRandom rnd = new SplittableRandom(seed);
            BitSet test = new BitSet(frame.rowCount());
            for (List<Integer> rows : classes.values()) {
                int[] order = shuffled(rows.stream().mapToInt(Integer::intValue).toArray(), rnd);
                int k = (int) Math.round(rows.size() * testShare);
                for (int i = 0; i < k; i++) {
                    test.set(order[i]);
                }
            }
            return of(frame, test);
        };
    }

    /**
     * Whole groups of {@code group} go to one side (no group in both): groups are shuffled and added to test while
     * that brings the test share closer to {@code testShare}.
     */
    static Splitter byGroup(String group, double testShare, long seed) {
        checkShare(testShare);
        return frame -> {
            Map<String, List<Integer>> groups = groups(frame.column(group));
            List<List<Integer>> order = new ArrayList<>(groups.values());
            SplittableRandom rnd = new SplittableRandom(seed);
            Shuffle.shuffle(order, rnd);
            double target = frame.rowCount() * testShare;
            BitSet test = new BitSet(frame.rowCount());
            int inTest = 0;
            for (List<Integer> rows : order) {
                if (Math.abs(inTest + rows.size() - target) < Math.abs(inTest - target)) {
                    rows.forEach(test::set);
                    inTest += rows.size();
                }
            }
            return of(frame, test);
        };
    }

    /**
     * The newest rows by a timestamp or integer column go to test: about {@code testShare} of them, with every row
     * sharing the cut-off time on the test side, so no training row is newer than a test row.
     *
     * @throws DataException naming the row when a time is missing
     */
    static Splitter byTime(String timeColumn, double testShare) {
        checkShare(testShare);
        return frame -> {
            Column c = frame.column(timeColumn);
            if (c.type() != FieldType.TIMESTAMP && c.type() != FieldType.INTEGER) {
                throw new IllegalArgumentException("A time split needs a TIMESTAMP or INTEGER column; '" + timeColumn
                        + "' is " + c.type());
            }
            LongColumn t = (LongColumn) c;
            int n = frame.rowCount();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                if (t.isMissing(i)) {
                    throw new DataException("Row " + i + " has no '" + timeColumn + "', so it cannot be placed in "
                            + "time; drop or impute missing times before a time split");
                }
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(t.getLong(a), t.getLong(b)));
            int k = (int) Math.round(n * testShare);
            BitSet test = new BitSet(n);
            if (k > 0) {
                long cutoff = t.getLong(order[n - k]);
                for (int i = 0; i < n; i++) {
                    if (t.getLong(i) >= cutoff) {
                        test.set(i);
                    }
                }
            }
            return of(frame, test);
        };
    }

    private static void checkShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("The test share must be in [0, 1], got " + share);
        }
    }

    private static Map<String, List<Integer>> groups(Column c) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (int r = 0; r < c.size(); r++) {
            Object v = c.value(r);
            // "\u0000missing" keeps missing values in one group that sorts first and cannot clash with a label.
            out.computeIfAbsent(v == null ? "\u0000missing" : v.toString(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static int[] shuffled(int[] a, SplittableRandom rnd) {
        return Shuffle.shuffle(a, rnd);
    }

    private static TrainTestSplit of(Frame frame, BitSet test) {
        int n = frame.rowCount();
        int[] te = test.stream().toArray();
        int[] tr = new int[n - te.length];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!test.get(i)) {
                tr[j++] = i;
            }
        }
        return new TrainTestSplit(frame, tr, te);
    }
}
