package dev.mlops.data.split;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ids that appear on both sides of a split: the same entity in train and test leaks the answer.
 *
 * @param idColumn  the id column checked
 * @param sharedIds the number of distinct ids found on both sides
 * @param sample    up to {@value #SAMPLE} of them, sorted
 */
public record Leakage(String idColumn, long sharedIds, List<String> sample) {
    /** The most ids listed in {@link #sample()}. */
    public static final int SAMPLE = 10;

    /** Copies the sample. */
    public Leakage {
        sample = List.copyOf(sample);
    }

    /** The ids of {@code idColumn} shared by two frames. */
    public static Leakage check(Frame a, Frame b, String idColumn) {
        Set<String> left = ids(a.column(idColumn));
        TreeSet<String> shared = new TreeSet<>();
        for (String id : ids(b.column(idColumn))) {
            if (left.contains(id)) {
                shared.add(id);
            }
        }
        List<String> sample = new ArrayList<>();
        for (String s : shared) {
            if (sample.size() == SAMPLE) {
                break;
            }
            sample.add(s);
        }
        return new Leakage(idColumn, shared.size(), sample);
    }

    /** The ids of {@code idColumn} shared by the train and test sides of a split. */
    public static Leakage check(TrainTestSplit split, String idColumn) {
        return check(split.train(), split.test(), idColumn);
    }

    /** Whether any id is on both sides. */
    public boolean leaks() {
        return sharedIds > 0;
    }

    private static Set<String> ids(Column c) {
        Set<String> out = new HashSet<>();
        for (int r = 0; r < c.size(); r++) {
            Object v = c.value(r);
            if (v != null) {
                out.add(v.toString());
            }
        }
        return out;
    }
}
