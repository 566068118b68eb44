package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gathering small frames into column arrays gives the frame that concatenating them gives, cell by cell. */
class RowGatherTest {

    @Test
    void drain_ofSmallFramesInAnyColumnOrder_equalsTheirConcatenation() {
        qt().withExamples(40).forAll(integers().between(1, 300), longs().all()).checkAssert((rows, seed) -> {
            Frame data = mixed(rows, seed);
            Random r = new Random(seed);
            List<Frame> parts = new ArrayList<>();
            RowGather gather = new RowGather(8);
            for (int at = 0; at < rows; ) {
                int n = Math.min(rows - at, 1 + r.nextInt(5));
                Frame part = data.slice(at, at + n);
                part = r.nextBoolean() ? part : part.select("flag", "note", "color", "count", "x");
                parts.add(part);
                gather.add(part);
                at += n;
            }
            assertEquals(rows, gather.rows());
            assertSameCells(Frame.concat(parts), gather.drain());
            assertEquals(0, gather.rows());
        });
    }

    @Test
    void drain_startsANewBatch_thatTakesOtherColumns() {
        RowGather gather = new RowGather(4);
        gather.add(mixed(3, 1));
        gather.drain();
        Frame other = Frame.of(DoubleColumn.of("y", 1, 2));
        gather.add(other);
        assertSameCells(other, gather.drain());
    }

    @Test
    void add_ofOtherColumnsOrTypes_isRefusedWithTheColumnNamed() {
        RowGather gather = new RowGather(4);
        gather.add(Frame.of(DoubleColumn.of("x", 1)));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> gather.add(Frame.of(DoubleColumn.of("x", 1), DoubleColumn.of("y", 2))));
        assertEquals(true, count.getMessage().contains("[x, y]"), count.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> gather.add(Frame.of(LongColumn.of("x", 1))));
        assertEquals(true, type.getMessage().contains("'x' is INTEGER"), type.getMessage());
        assertEquals(1, gather.rows());
    }

    @Test
    void drain_withNothingGathered_isRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RowGather(4).drain());
        assertTrue(e.getMessage().contains("No rows were gathered")
                && e.getMessage().contains("check rows()"), e.getMessage());
    }

    /** Numbers with missing values, integers with missing values, categories, text and booleans. */
    static Frame mixed(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        LongColumn.Builder count = LongColumn.builder("count");
        String[] color = new String[n];
        String[] note = new String[n];
        Boolean[] flag = new Boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian();
            if (r.nextInt(7) == 0) {
                count.addMissing();
            } else {
                count.add(r.nextInt(1000) - 500);
            }
            color[i] = r.nextInt(9) == 0 ? null : new String[] {"red", "green", "blue"}[r.nextInt(3)];
            note[i] = r.nextInt(5) == 0 ? null : "n" + r.nextInt(20);
            flag[i] = r.nextInt(6) == 0 ? null : r.nextBoolean();
        }
        return Frame.of(DoubleColumn.of("x", x), count.build(), CategoricalColumn.of("color", color),
                TextColumn.of("note", note), BooleanColumn.of("flag", flag));
    }

    static void assertSameCells(Frame expected, Frame actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            assertEquals(expected.column(c).type(), actual.column(c).type());
            assertEquals(expected.column(c).missingCount(), actual.column(c).missingCount());
            for (int r = 0; r < expected.rowCount(); r++) {
                assertEquals(expected.column(c).isMissing(r), actual.column(c).isMissing(r));
                assertEquals(expected.column(c).value(r), actual.column(c).value(r),
                        expected.column(c).name() + " row " + r);
            }
        }
    }
}
