package dev.mlops.benchmarks.ingest;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Retained heap of a 1M x 20 frame (8 numeric, 6 integer, 4 categorical, 2 boolean columns; about 1% missing)
 * against the primitive arrays alone ({@code double[]}, {@code long[]}, {@code int[]} codes, {@code boolean[]}).
 * The frame's size is measured with {@link Runtime} after full collections, the floor is the arrays' sizes.
 * Prints one summary row (no header): ratio = frame bytes / primitive bytes, lower is better (goal &lt;= 1.2).
 */
public final class FrameMemory {
    private FrameMemory() {
    }

    public static void main(String[] args) {
        int rows = Integer.getInteger("rows", 1_000_000);
        long before = usedAfterGc();
        Frame frame = build(rows);
        long after = usedAfterGc();
        long frameBytes = after - before;
        long primitive = 8L * rows * 8 + 6L * rows * 8 + 4L * rows * 4 + 2L * rows;
        double ratio = (double) frameBytes / primitive;
        System.out.printf(java.util.Locale.ROOT, "ingest.FrameMemory.frame%dx20,retained heap (lower is better),bytes,"
                + "%d,primitive arrays,%d,%.3f%n", rows, frameBytes, primitive, ratio);
        if (frame.rowCount() != rows) {
            throw new IllegalStateException("frame lost rows");
        }
    }

    static Frame build(int rows) {
        SplittableRandom r = new SplittableRandom(CsvData.SEED);
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            DoubleColumn.Builder b = DoubleColumn.builder(Field.numeric("d" + c), rows);
            for (int i = 0; i < rows; i++) {
                b.add(r.nextInt(100) == 0 ? Double.NaN : r.nextDouble());
            }
            columns.add(b.build());
        }
        for (int c = 0; c < 6; c++) {
            LongColumn.Builder b = LongColumn.builder(Field.integer("i" + c), rows);
            for (int i = 0; i < rows; i++) {
                if (r.nextInt(100) == 0) {
                    b.addMissing();
                } else {
                    b.add(r.nextLong());
                }
            }
            columns.add(b.build());
        }
        for (int c = 0; c < 4; c++) {
            CategoricalColumn.Builder b = CategoricalColumn.builder(Field.categorical("c" + c), rows);
            String[] labels = new String[3 + 5 * c];
            for (int k = 0; k < labels.length; k++) {
                labels[k] = "label" + k;
            }
            for (int i = 0; i < rows; i++) {
                b.add(r.nextInt(100) == 0 ? null : labels[r.nextInt(labels.length)]);
            }
            columns.add(b.build());
        }
        for (int c = 0; c < 2; c++) {
            BooleanColumn.Builder b = BooleanColumn.builder(Field.bool("b" + c));
            for (int i = 0; i < rows; i++) {
                if (r.nextInt(100) == 0) {
                    b.addMissing();
                } else {
                    b.add(r.nextBoolean());
                }
            }
            columns.add(b.build());
        }
        return Frame.of(columns);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
