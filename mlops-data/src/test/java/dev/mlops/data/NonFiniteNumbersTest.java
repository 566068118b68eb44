package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.DataSource;
import dev.mlops.api.FieldType;
import dev.mlops.api.Ingest;
import dev.mlops.api.IngestReport;
import dev.mlops.api.RejectReason;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, part 3: {@code inf}, {@code -Infinity} and {@code 1e309} used to be read as infinities with no note.
 * Every source now refuses them the same way (decision 080): a {@code non-finite} bad row, thrown under
 * {@link BadRowPolicy#FAIL_FAST} with the line, column and value, counted under
 * {@link BadRowPolicy#SKIP_AND_REPORT} so that rows read = accepted + rejected.
 */
class NonFiniteNumbersTest {
    @TempDir
    Path dir;

    /** x holds 1, inf, 2, -Infinity, 3, 1e309, 4 at lines 2..8 (the header is line 1); y holds 10..70. */
    static final String[] X = {"1", "inf", "2", "-Infinity", "3", "1e309", "4"};

    /** What every source must report under SKIP_AND_REPORT: four rows kept, three rejected as non-finite. */
    static String y(int i) {
        return (i + 1) * 10 + ".0";
    }

    static void assertSkipped(Ingest ingest, long firstBadLine) {
        IngestReport r = ingest.report();
        assertEquals(7, r.rowsRead(), r.summary());
        assertEquals(4, r.rowsAccepted(), r.summary());
        assertEquals(3, r.rowsRejected(), r.summary());
        assertEquals(Map.of("non-finite", 3L), r.rejectionsByReason());
        assertEquals(Map.of("x", 3L), r.rejectionsByColumn());
        assertEquals(firstBadLine, r.sample().get(0).line());
        assertEquals(RejectReason.NON_FINITE, r.sample().get(0).reason());
        assertTrue(r.sample().get(0).detail().contains("finite number"), r.sample().get(0).detail());
        assertEquals(FieldType.NUMERIC, ingest.frame().schema().field("x").type());
        assertArrayEquals(new double[] {1, 2, 3, 4}, ingest.frame().doubles("x").toArray());
        assertArrayEquals(new double[] {10, 30, 50, 70}, ingest.frame().doubles("y").toArray());
    }

    static void assertFailsFast(DataSource source, long line, String raw) {
        DataException e = assertThrows(DataException.class, source::read);
        assertEquals(line, e.line());
        assertEquals("x", e.column().orElseThrow());
        assertEquals(raw, e.rawValue().orElseThrow());
        assertTrue(e.getMessage().contains("Non-finite number"), e.getMessage());
        assertTrue(e.getMessage().contains("finite number"), e.getMessage());
    }

    @Test
    void csv_infinitiesAndOverflow_rejectedAsNonFinite() throws Exception {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < X.length; i++) {
            text.append(X[i]).append(',').append(y(i)).append('\n');
        }
        Path p = Files.writeString(dir.resolve("inf.csv"), text);
        assertFailsFast(CsvSource.of(p), 3, "inf");
        assertSkipped(CsvSource.newBuilder(p).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build().ingest(), 3);
    }

    @Test
    void csv_quotedCells_takeTheSamePath() throws Exception {
        Path p = Files.writeString(dir.resolve("quoted.csv"), "x,y\n\"1\",\"a b\"\n\"-inf\",\"c\"\n");
        Ingest in = CsvSource.newBuilder(p).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build().ingest();
        assertEquals(Map.of("non-finite", 1L), in.report().rejectionsByReason());
        assertEquals(1, in.frame().rowCount());
    }

    @Test
    void jsonLines_overflowingNumberLiterals_rejectedAsNonFinite() throws Exception {
        // JSON has no infinity literal (and a quoted "inf" makes a label column): overflow is how one arrives.
        String[] xs = {"1", "1e309", "2", "-1e309", "3", "1e400", "4"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            text.append("{\"x\": ").append(xs[i]).append(", \"y\": ").append(y(i)).append("}\n");
        }
        Path p = Files.writeString(dir.resolve("inf.jsonl"), text);
        // JSON Lines count lines from 1 (no header), so the first bad value is on line 2.
        assertFailsFast(JsonLinesSource.of(p), 2, "1e309");
        assertSkipped(JsonLinesSource.newBuilder(p).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build().ingest(), 2);
    }

    @Test
    void jdbc_infiniteDoubles_rejectedAsNonFinite() throws Exception {
        String url = "jdbc:h2:mem:nonfinite" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (n INT, \"x\" DOUBLE PRECISION, \"y\" DOUBLE PRECISION)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                double[] xs = {1, Double.POSITIVE_INFINITY, 2, Double.NEGATIVE_INFINITY, 3, Double.POSITIVE_INFINITY,
                    4};
                for (int i = 0; i < xs.length; i++) {
                    ps.setInt(1, i);
                    ps.setDouble(2, xs[i]);
                    ps.setDouble(3, (i + 1) * 10);
                    ps.executeUpdate();
                }
            }
        }
        JdbcSource failing = JdbcSource.newBuilder().url(url).query("SELECT \"x\", \"y\" FROM t ORDER BY n").build();
        DataException e = assertThrows(DataException.class, failing::read);
        assertEquals(2, e.line());
        assertEquals("x", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("Non-finite number"), e.getMessage());
        // JDBC numbers records from 1: the first infinity is record 2.
        assertSkipped(JdbcSource.newBuilder().url(url).query("SELECT \"x\", \"y\" FROM t ORDER BY n")
                .badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build().ingest(), 2);
    }

    static List<Map<String, Object>> rows(Object... xs) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", xs[i]);
            row.put("y", (i + 1) * 10.0);
            out.add(row);
        }
        return out;
    }

    @Test
    void memoryMaps_infiniteDoublesTextAndHugeDecimals_rejectedAsNonFinite() {
        MemorySource src = MemorySource.fromMaps(rows(1.0, Double.POSITIVE_INFINITY, 2.0, "-Infinity", 3.0,
                new BigDecimal("1e309"), 4.0));
        DataException e = assertThrows(DataException.class, src::read);
        assertEquals(2, e.line());
        assertEquals("x", e.column().orElseThrow());
        assertSkipped(src.withBadRowPolicy(BadRowPolicy.SKIP_AND_REPORT).ingest(), 2);
    }

    /** x as in {@link #X} as a {@code double[]}, y 10..70 as the given array. */
    static MemorySource arrays(Object y) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("x", new double[] {1, Double.POSITIVE_INFINITY, 2, Double.NEGATIVE_INFINITY, 3,
            Double.POSITIVE_INFINITY, 4});
        cols.put("y", y);
        return MemorySource.fromArrays(cols);
    }

    @Test
    void memoryArrays_infinities_rejectedAsNonFinite() {
        MemorySource src = arrays(new float[] {10, 20, 30, 40, 50, 60, 70});
        assertFailsFast(src, 2, "Infinity");
        assertSkipped(src.withBadRowPolicy(BadRowPolicy.SKIP_AND_REPORT).ingest(), 2);
    }

    @Test
    void memoryArrays_smallBatches_countEveryRowOnce() {
        MemorySource src = arrays(new double[] {10, 20, 30, 40, 50, 60, 70})
                .withBadRowPolicy(BadRowPolicy.SKIP_AND_REPORT);
        int rows = 0;
        try (var batches = src.batches(2)) {
            while (batches.hasNext()) {
                rows += batches.next().rowCount();
            }
            assertEquals(4, rows);
            assertEquals(3, batches.report().rowsRejected());
            assertEquals(7, batches.report().rowsRead());
        }
    }

    @Test
    void nan_staysAMissingValue() throws Exception {
        Path p = Files.writeString(dir.resolve("nan.csv"), "x\n1\nNaN\n2\n");
        Ingest in = CsvSource.of(p).ingest();
        assertTrue(in.report().isClean());
        assertTrue(in.frame().doubles("x").isMissing(1));
    }
}
