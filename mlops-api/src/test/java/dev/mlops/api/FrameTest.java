package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameTest {

    private static Frame credit() {
        return Frame.of(
                DoubleColumn.of("amount", 1169, 5951, Double.NaN, 7882),
                LongColumn.of("age", 67, 22, 49, 45),
                CategoricalColumn.of("class", "good", "bad", "good", null),
                BooleanColumn.of("telephone", true, false, null, true),
                TextColumn.of("note", "first", null, "third", "fourth"),
                LongColumn.ofInstants("seen", Instant.parse("2024-01-01T00:00:00Z"), null,
                        Instant.parse("2024-03-01T12:00:00Z"), Instant.EPOCH));
    }

    @Test
    void of_columnsOfOneLength_givesSchemaInOrder() {
        Frame f = credit();
        assertEquals(4, f.rowCount());
        assertEquals(6, f.columnCount());
        assertEquals(List.of("amount", "age", "class", "telephone", "note", "seen"), f.columnNames());
        assertEquals(FieldType.TIMESTAMP, f.schema().field("seen").type());
    }

    @Test
    void of_columnsOfDifferentLengths_isRejectedNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Frame.of(DoubleColumn.of("a", 1, 2), DoubleColumn.of("b", 1)));
        assertTrue(e.getMessage().contains("'b' has 1 rows"), e.getMessage());
    }

    @Test
    void of_duplicateNames_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Frame.of(DoubleColumn.of("a", 1), DoubleColumn.of("a", 2)));
        assertTrue(e.getMessage().contains("Duplicate column name 'a'"), e.getMessage());
    }

    @Test
    void column_unknownName_listsTheColumnsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> credit().column("nope"));
        assertTrue(e.getMessage().contains("[amount, age, class, telephone, note, seen]"), e.getMessage());
    }

    @Test
    void typedGetter_wrongType_saysWhatTheColumnIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> credit().doubles("class"));
        assertTrue(e.getMessage().contains("CATEGORICAL"), e.getMessage());
    }

    @Test
    void doubles_integerColumn_widensWithMissingAsNaN() {
        LongColumn.Builder b = LongColumn.builder(new Field("age", FieldType.INTEGER, true, FieldRole.LABEL), 3);
        Frame f = Frame.of(b.add(67).addMissing().add(-3).build());
        DoubleColumn age = f.doubles("age");
        assertArrayEquals(new double[] {67, Double.NaN, -3}, age.toArray());
        assertTrue(age.isMissing(1));
        assertEquals(new Field("age", FieldType.NUMERIC, true, FieldRole.LABEL), age.field());
    }

    @Test
    void doubles_booleanColumn_readsTrueAsOneAndFalseAsZero() {
        assertArrayEquals(new double[] {1, 0, Double.NaN, 1}, credit().doubles("telephone").toArray());
    }

    @Test
    void doubles_timestampColumn_readsEpochMilliseconds() {
        DoubleColumn seen = credit().doubles("seen");
        assertEquals(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(), seen.getDouble(0));
        assertTrue(seen.isMissing(1));
        assertEquals(0, seen.getDouble(3));
    }

    @Test
    void doubles_agreesWithRowGetDoubleOnEveryNumericKind() {
        Frame f = credit();
        for (String name : List.of("amount", "age", "telephone", "seen")) {
            for (Row row : f) {
                assertEquals(row.getDouble(name), f.doubles(name).getDouble(row.index()), name + " " + row);
            }
        }
    }

    @Test
    void doubles_widenedTwice_isMadeOnce() {
        Frame f = credit();
        assertSame(f.doubles("age"), f.doubles("age"));
        assertSame(f.column("amount"), f.doubles("amount"));
    }

    @Test
    void doubles_integerBeyondTwoToThe53_isRefusedNamingRowAndValue() {
        long big = (1L << 53) + 1;
        Frame f = Frame.of(LongColumn.of("id", 1, big));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.doubles("id"));
        assertTrue(e.getMessage().contains("'id' holds " + big + " at row 1"), e.getMessage());
        assertEquals((double) (1L << 53), Frame.of(LongColumn.of("id", 1L << 53)).doubles("id").getDouble(0));
    }

    @Test
    void doubles_textColumn_saysItHasNoNumericValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> credit().doubles("note"));
        assertTrue(e.getMessage().contains("'note' is TEXT and has no numeric values"), e.getMessage());
    }

    @Test
    void missingValues_readAsMissingInEveryColumnKind() {
        Frame f = credit();
        assertTrue(f.column("amount").isMissing(2));
        assertTrue(Double.isNaN(f.doubles("amount").getDouble(2)));
        assertTrue(f.column("class").isMissing(3));
        assertEquals(CategoricalColumn.MISSING_CODE, f.categorical("class").code(3));
        assertTrue(f.column("telephone").isMissing(2));
        assertTrue(f.column("note").isMissing(1));
        assertTrue(f.column("seen").isMissing(1));
        assertNull(f.row(1).get("seen"));
        assertEquals(1, f.column("amount").missingCount());
    }

    @Test
    void select_sharesColumnsInsteadOfCopying() {
        Frame f = credit();
        Frame s = f.select("class", "amount");
        assertEquals(List.of("class", "amount"), s.columnNames());
        assertSame(f.column("amount"), s.column("amount"));
        assertSame(f.column("class"), s.column("class"));
    }

    @Test
    void drop_removesOnlyTheNamedColumns() {
        Frame f = credit().drop("note", "seen");
        assertEquals(List.of("amount", "age", "class", "telephone"), f.columnNames());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> credit().drop("nope"));
        assertTrue(e.getMessage().contains("No column named 'nope'")
                && e.getMessage().contains("the columns are [amount, age, class, telephone, note, seen]"),
                e.getMessage());
    }

    @Test
    void withColumn_addsNewAndReplacesExistingInPlace_sharingTheRest() {
        Frame f = credit();
        Frame added = f.withColumn(DoubleColumn.of("score", 1, 2, 3, 4));
        assertEquals("score", added.column(6).name());
        Frame replaced = f.withColumn(DoubleColumn.of("age", 1, 2, 3, 4));
        assertEquals(FieldType.NUMERIC, replaced.column(1).type());
        assertSame(f.column("amount"), replaced.column("amount"));
        assertEquals(FieldType.INTEGER, f.column("age").type(), "the original is unchanged");
    }

    @Test
    void rows_selectsAndRepeatsPositions() {
        Frame r = credit().rows(new int[] {3, 0, 0});
        assertEquals(3, r.rowCount());
        assertEquals(7882, r.doubles("amount").getDouble(0));
        assertEquals("good", r.categorical("class").getString(1));
        assertTrue(r.column("class").isMissing(0));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> credit().rows(new int[] {4}));
        assertTrue(e.getMessage().contains("Row 4")
                && e.getMessage().contains("frame of 4 rows"), e.getMessage());
    }

    @Test
    void sliceAndHead_keepOrderAndMissingMask() {
        Frame f = credit();
        Frame s = f.slice(1, 3);
        assertEquals(2, s.rowCount());
        assertTrue(s.column("amount").isMissing(1));
        assertFalse(s.column("amount").isMissing(0));
        assertEquals(2, f.head(2).rowCount());
        assertEquals(4, f.head(100).rowCount());
        assertSame(f, f.slice(0, 4));
    }

    @Test
    void filter_keepsRowsWherePredicateHolds() {
        Frame adults = credit().filter(r -> r.getDouble("age") >= 45);
        assertArrayEquals(new long[] {67, 49, 45}, adults.longs("age").toArray());
    }

    @Test
    void concat_mergesCategoricalDictionariesByLabel() {
        Frame a = Frame.of(CategoricalColumn.of("c", "x", "y"), DoubleColumn.of("v", 1, 2));
        Frame b = Frame.of(DoubleColumn.of("v", 3, Double.NaN), CategoricalColumn.of("c", "z", "x"));
        Frame ab = a.concat(b);
        assertEquals(List.of("c", "v"), ab.columnNames());
        CategoricalColumn c = ab.categorical("c");
        assertEquals(List.of("x", "y", "z", "x"), List.of(c.getString(0), c.getString(1), c.getString(2), c.getString(3)));
        assertEquals(List.of("x", "y", "z"), c.dictionary());
        assertTrue(ab.column("v").isMissing(3));
    }

    @Test
    void concat_differentColumns_isRejected() {
        Frame a = Frame.of(DoubleColumn.of("v", 1));
        Frame b = Frame.of(DoubleColumn.of("w", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.concat(b));
        assertTrue(e.getMessage().contains("different columns")
                && e.getMessage().contains("[v] and [w]"), e.getMessage());
        Frame c = Frame.of(LongColumn.of("v", 1));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> a.concat(c));
        assertTrue(e2.getMessage().contains("column 'v' (INTEGER) to 'v' (NUMERIC)")
                && e2.getMessage().contains("same types"), e2.getMessage());
    }

    @Test
    void row_readsValuesOfEveryKind() {
        Row r = credit().row(0);
        assertEquals(1169.0, r.getDouble("amount"));
        assertEquals(67L, r.getLong("age"));
        assertEquals(67.0, r.getDouble("age"));
        assertEquals("good", r.getString("class"));
        assertTrue(r.getBoolean("telephone"));
        assertEquals(1.0, r.getDouble("telephone"));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), r.get("seen"));
        Map<String, Object> map = r.toMap();
        assertEquals(6, map.size());
        assertEquals("first", map.get("note"));
    }

    @Test
    void withRole_marksTheLabel() {
        Frame f = credit().withRole("class", FieldRole.LABEL);
        assertEquals(List.of(f.schema().field("class")), f.schema().withRole(FieldRole.LABEL));
    }

    @Test
    void empty_hasTheSchemaAndNoRows() {
        Schema schema = credit().schema();
        Frame e = Frame.empty(schema);
        assertEquals(0, e.rowCount());
        assertEquals(schema, e.schema());
        assertTrue(e.toString().contains("[0 rows x 6 columns]"));
    }

    @Test
    void toString_showsHeaderTypesFirstRowsAndShape() {
        String text = credit().toString();
        String[] lines = text.split("\n");
        assertTrue(lines[0].contains("amount") && lines[0].contains("class"), text);
        assertTrue(lines[1].contains("numeric") && lines[1].contains("categorical"), text);
        assertTrue(lines[2].contains("1169") && lines[2].contains("good"), text);
        assertTrue(lines[4].contains("NA"), text);
        assertTrue(text.endsWith("[4 rows x 6 columns]"), text);
    }

    @Test
    void toString_wideFrame_elidesMiddleColumns() {
        Column[] cols = new Column[30];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = DoubleColumn.of("c" + i, i);
        }
        String text = Frame.of(cols).toString();
        assertTrue(text.contains("c0") && text.contains("c29") && text.contains("..."), text);
        assertFalse(text.contains("c15"), text);
    }

    @Test
    void notNullField_withMissingValue_isRejectedAtBuild() {
        Field required = Field.numeric("x").withNullable(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DoubleColumn.of(required, new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("declared not null"), e.getMessage());
    }

    @Test
    void builder_afterBuild_refusesMoreValues() {
        DoubleColumn.Builder b = DoubleColumn.builder("x").add(1);
        b.build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.add(2));
        assertTrue(e.getMessage().contains("builder of 'x' was already built")
                && e.getMessage().contains("new builder"), e.getMessage());
        IllegalStateException e2 = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e2.getMessage().contains("builder of 'x' was already built")
                && e2.getMessage().contains("new builder"), e2.getMessage());
    }

    @Test
    void fromCodes_codeOutsideDictionary_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoricalColumn.fromCodes(Field.categorical("c"), new int[] {0, 2}, List.of("a", "b")));
        assertTrue(e.getMessage().contains("Code 2 at row 1 of 'c'")
                && e.getMessage().contains("dictionary of 2 labels"), e.getMessage());
        CategoricalColumn ok = CategoricalColumn.fromCodes(Field.categorical("c"), new int[] {1, -1}, List.of("a", "b"));
        assertEquals("b", ok.getString(0));
        assertTrue(ok.isMissing(1));
    }

    @Test
    void unicodeAndHugeValues_surviveStorage() {
        Frame f = Frame.of(TextColumn.of("t", "日本語", "emoji 🎉"), DoubleColumn.of("v", Double.MAX_VALUE, -0.0),
                LongColumn.of("l", Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals("emoji 🎉", f.text("t").getString(1));
        assertEquals(Double.MAX_VALUE, f.doubles("v").getDouble(0));
        assertEquals(Long.MIN_VALUE, f.longs("l").getLong(0));
    }
}
