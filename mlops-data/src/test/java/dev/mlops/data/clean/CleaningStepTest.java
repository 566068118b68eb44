package dev.mlops.data.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CleaningStepTest {

    @Test
    void dropDuplicates_keepsFirstOfEqualRows_missingEqualsMissing() {
        Frame f = Frame.of(DoubleColumn.of("x", 1, 1, Double.NaN, Double.NaN, 2),
                CategoricalColumn.of("c", "a", "a", null, null, "a"));
        Frame d = CleaningStep.dropDuplicates().apply(f);
        assertEquals(3, d.rowCount());
        assertEquals(2.0, d.doubles("x").getDouble(2));
        Frame unique = Frame.of(DoubleColumn.of("x", 1, 2));
        assertTrue(CleaningStep.dropDuplicates().apply(unique) == unique);
    }

    @Test
    void normalizeCategories_trimsCaseFoldsAndBlanksToMissing() {
        Frame f = Frame.of(CategoricalColumn.of("c", " Own ", "own", "RENT", "  ", null),
                TextColumn.of("t", "İstanbul ", "x", "y", "z", "w"));
        Frame n = CleaningStep.normalizeCategories("c").apply(f);
        assertEquals(java.util.List.of("own", "rent"), n.categorical("c").dictionary());
        assertEquals(2, n.categorical("c").missingCount());
        assertEquals("i̇stanbul", CleaningStep.normalizeCategories("t").apply(f.select("t")).text("t").getString(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CleaningStep.normalizeCategories("x").apply(Frame.of(DoubleColumn.of("x", 1))));
        assertTrue(e.getMessage().contains("Column 'x' is NUMERIC")
                && e.getMessage().contains("categorical and text columns"), e.getMessage());
    }

    @Test
    void flagOutliersIqr_textbookFences() {
        // Q1 = 2, Q3 = 4 (linear), IQR 2, fences [-1, 7]
        Frame f = Frame.of(DoubleColumn.of("x", 1, 2, 3, 4, 5, 100, -5, Double.NaN, 2, 4));
        Frame o = CleaningStep.flagOutliersIqr("x", 1.5).apply(f);
        var flags = o.booleans("x_outlier_iqr");
        assertTrue(flags.getBoolean(5));
        assertTrue(flags.getBoolean(6));
        assertFalse(flags.getBoolean(4));
        assertTrue(flags.isMissing(7));
        assertEquals(2, flags.trueCount());
    }

    @Test
    void flagOutliersZScore_flagsFarValues() {
        double[] v = new double[101];
        for (int i = 0; i < 100; i++) {
            v[i] = i % 2;
        }
        v[100] = 50;
        Frame o = CleaningStep.flagOutliersZScore("x", 3).apply(Frame.of(DoubleColumn.of("x", v)));
        assertEquals(1, o.booleans("x_outlier_z").trueCount());
        assertTrue(o.booleans("x_outlier_z").getBoolean(100));
    }

    @Test
    void cast_convertsAndNamesTheBadValue() {
        Frame f = Frame.of(TextColumn.of("n", "1", " 2 ", null), TextColumn.of("ts", "2024-01-01T00:00:00Z", "5",
                null), DoubleColumn.of("d", 3, 4, Double.NaN));
        Frame c = CleaningStep.cast("n", FieldType.INTEGER).andThen(CleaningStep.cast("ts", FieldType.TIMESTAMP))
                .andThen(CleaningStep.cast("d", FieldType.CATEGORICAL)).apply(f);
        assertEquals(2, c.longs("n").getLong(1));
        assertTrue(c.longs("n").isMissing(2));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), c.longs("ts").getInstant(0));
        assertEquals("3", c.categorical("d").getString(0));
        DataException e = assertThrows(DataException.class, () -> CleaningStep.cast("x", FieldType.NUMERIC)
                .apply(Frame.of(TextColumn.of("x", "1", "one"))));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("'one'"), e.getMessage());
        DataException thrown = assertThrows(DataException.class, () -> CleaningStep.cast("x", FieldType.INTEGER)
                .apply(Frame.of(DoubleColumn.of("x", 1.5))));
        assertTrue(thrown.getMessage().contains("column 'x' to INTEGER")
                && thrown.getMessage().contains("row 0 holds '1.5'")
                && thrown.getMessage().contains("drop the row"), thrown.getMessage());
        assertEquals(1, CleaningStep.cast("x", FieldType.BOOLEAN).apply(Frame.of(TextColumn.of("x", "yes", "0")))
                .booleans("x").trueCount());
    }

    @Test
    void bucketize_namesHalfOpenBuckets() {
        Frame f = Frame.of(LongColumn.of("age", 19, 25, 40, 75));
        Frame b = CleaningStep.bucketize("age", "age_group", 25, 40, 60).apply(f);
        assertEquals("< 25", b.categorical("age_group").getString(0));
        assertEquals("[25, 40)", b.categorical("age_group").getString(1));
        assertEquals("[40, 60)", b.categorical("age_group").getString(2));
        assertEquals(">= 60", b.categorical("age_group").getString(3));
    }
}
