package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Field;
import dev.mlops.api.Ingest;
import dev.mlops.api.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemorySourceTest {
    enum Grade { A, B }

    public record Applicant(String name, int age, double income, boolean employed, Grade grade, LocalDate since) {
    }

    @Test
    void fromRowStream_batchesAndRejectsLikeEverySource() {
        Schema schema = Schema.of(Field.numeric("x"), Field.categorical("c"));
        List<Object[]> rows = List.of(new Object[] {1.0, "a"}, new Object[] {Double.POSITIVE_INFINITY, "b"},
                new Object[] {null, "c"}, new Object[] {4.0, null}, new Object[] {5.0, "e"});
        var source = MemorySource.fromRowStream("stream", schema, rows::iterator, BadRowPolicy.SKIP_AND_REPORT,
                "a note");
        int batches = 0;
        int seen = 0;
        try (FrameBatches b = source.batches(2)) {
            while (b.hasNext()) {
                Frame f = b.next();
                assertTrue(f.rowCount() <= 2);
                seen += f.rowCount();
                batches++;
            }
            assertEquals(4, b.report().rowsAccepted());
            assertEquals(1, b.report().rowsRejected());
            assertEquals(List.of("a note"), b.report().notes());
        }
        assertEquals(4, seen);
        assertEquals(2, batches);
        Ingest whole = source.ingest();
        assertEquals(4, whole.frame().rowCount());
        assertTrue(whole.frame().column("x").isMissing(1), "null reads as missing");
        assertEquals("stream", source.name());
    }

    @Test
    void fromRowStream_rowOfTheWrongWidth_isNamed() {
        Schema schema = Schema.of(Field.numeric("x"), Field.numeric("y"));
        List<Object[]> rows = List.of(new Object[] {1.0, 2.0}, new Object[] {3.0});
        DataException e = assertThrows(DataException.class, () -> MemorySource.fromRowStream("stream", schema,
                rows::iterator, BadRowPolicy.FAIL_FAST).read());
        assertTrue(e.getMessage().contains("Row 2 of stream has 1 values"), e.getMessage());
    }

    @Test
    void fromRecords_typesFollowTheComponents() {
        Frame f = MemorySource.fromRecords(Applicant.class, List.of(
                new Applicant("ann", 31, 1200.5, true, Grade.A, LocalDate.of(2020, 1, 2)),
                new Applicant("bob", 45, Double.NaN, false, Grade.B, null)))
                .withRole("employed", FieldRole.LABEL).read();
        assertEquals(List.of("name", "age", "income", "employed", "grade", "since"), f.columnNames());
        assertEquals(FieldType.CATEGORICAL, f.schema().field("name").type());
        assertEquals(FieldType.INTEGER, f.schema().field("age").type());
        assertEquals(FieldType.NUMERIC, f.schema().field("income").type());
        assertEquals(FieldType.BOOLEAN, f.schema().field("employed").type());
        assertEquals(FieldRole.LABEL, f.schema().field("employed").role());
        assertEquals(FieldType.CATEGORICAL, f.schema().field("grade").type());
        assertEquals(FieldType.TIMESTAMP, f.schema().field("since").type());
        assertEquals(45L, f.longs("age").getLong(1));
        assertTrue(f.doubles("income").isMissing(1));
        assertEquals("B", f.categorical("grade").getString(1));
        assertEquals(Instant.parse("2020-01-02T00:00:00Z"), f.longs("since").getInstant(0));
        assertTrue(f.longs("since").isMissing(1));
    }

    record Unsupported(List<String> tags) {
    }

    @Test
    void fromRecords_unsupportedComponent_isRejectedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemorySource.fromRecords(Unsupported.class, List.of()));
        assertTrue(e.getMessage().contains("tags"));
    }

    @Test
    void fromMaps_unionOfKeys_widensIntegersAndMissesAbsentKeys() {
        Map<String, Object> r1 = new LinkedHashMap<>();
        r1.put("x", 1);
        r1.put("c", "red");
        Map<String, Object> r2 = new LinkedHashMap<>();
        r2.put("x", 2.5);
        r2.put("extra", true);
        Frame f = MemorySource.fromMaps(List.of(r1, r2)).read();
        assertEquals(List.of("x", "c", "extra"), f.columnNames());
        assertEquals(FieldType.NUMERIC, f.schema().field("x").type());
        assertEquals(2.5, f.doubles("x").getDouble(1));
        assertTrue(f.column("c").isMissing(1));
        assertTrue(f.booleans("extra").isMissing(0));
    }

    @Test
    void fromMaps_valueThatDoesNotFit_isABadRow() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("x", "abc");
        List<Map<String, ?>> rows = List.of(Map.of("x", 1.5), bad, Map.of("x", 2.5));
        DataException e = assertThrows(DataException.class, () -> MemorySource.fromMaps(rows).read());
        assertEquals(2, e.line());
        Ingest ingest = MemorySource.fromMaps(rows).withBadRowPolicy(BadRowPolicy.SKIP_AND_REPORT).ingest();
        assertEquals(2, ingest.frame().rowCount());
        assertEquals(1L, ingest.report().rejectionsByReason().get("bad-number"));
    }

    @Test
    void fromArrays_columnsKeepTheirPrimitiveTypes() {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("d", new double[] {1, Double.NaN, 3});
        cols.put("l", new long[] {1, 2, 3});
        cols.put("i", new int[] {4, 5, 6});
        cols.put("b", new boolean[] {true, false, true});
        cols.put("s", new String[] {"a", null, "a"});
        Frame f = MemorySource.fromArrays(cols).withRole("b", FieldRole.LABEL).read();
        assertEquals(FieldType.NUMERIC, f.schema().field("d").type());
        assertEquals(FieldType.INTEGER, f.schema().field("i").type());
        assertEquals(FieldType.BOOLEAN, f.schema().field("b").type());
        assertEquals(FieldRole.LABEL, f.schema().field("b").role());
        assertEquals(FieldType.CATEGORICAL, f.schema().field("s").type());
        assertTrue(f.doubles("d").isMissing(1));
        assertTrue(f.column("s").isMissing(1));
        assertEquals(6L, f.longs("i").getLong(2));
    }

    @Test
    void fromArrays_unequalLengths_areRejected() {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("a", new double[] {1, 2});
        cols.put("b", new double[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemorySource.fromArrays(cols));
        assertTrue(e.getMessage().contains("Column 'b' has 1 values")
                && e.getMessage().contains("before it have 2"), e.getMessage());
    }

    @Test
    void batches_cutRowsAndArraysAlike() {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("a", new double[] {1, 2, 3, 4, 5});
        try (FrameBatches b = MemorySource.fromArrays(cols).batches(2)) {
            int n = 0;
            while (b.hasNext()) {
                n += b.next().rowCount();
            }
            assertEquals(5, n);
            assertEquals(5, b.report().rowsAccepted());
        }
    }
}
