package dev.mlops.data.split;

import dev.mlops.api.Frame;
import java.util.Arrays;

/**
 * A frame split in two: every row of the source is in exactly one part, each part in source order.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrainTestSplit {
    private final Frame train;
    private final Frame test;
    private final int[] trainRows;
    private final int[] testRows;

    TrainTestSplit(Frame source, int[] trainRows, int[] testRows) {
        this.trainRows = trainRows;
        this.testRows = testRows;
        this.train = source.rows(trainRows);
        this.test = source.rows(testRows);
    }

    /** The training rows. */
    public Frame train() {
        return train;
    }

    /** The test rows. */
    public Frame test() {
        return test;
    }

    /** The positions in the source of the training rows (a copy). */
    public int[] trainRows() {
        return trainRows.clone();
    }

    /** The positions in the source of the test rows (a copy). */
    public int[] testRows() {
        return testRows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainTestSplit s && Arrays.equals(trainRows, s.trainRows)
                && Arrays.equals(testRows, s.testRows);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(trainRows) + Arrays.hashCode(testRows);
    }

    @Override
    public String toString() {
        return "TrainTestSplit[train " + trainRows.length + " rows, test " + testRows.length + " rows]";
    }
}
