package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Ingest;
import dev.mlops.api.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSourceTest {
    @TempDir
    Path dir;

    static void exec(String url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    String sqlite() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("test.db");
        exec(url, "CREATE TABLE people (id INTEGER, age INTEGER, income REAL, city TEXT, note TEXT, born TEXT,"
                + " active BOOLEAN)",
                "INSERT INTO people VALUES (1, 30, 1000.5, 'Berlin', 'a', '2024-01-01', 1)",
                "INSERT INTO people VALUES (2, NULL, 2000, 'Paris', 'b', NULL, 0)",
                "INSERT INTO people VALUES (3, 41, NULL, 'Berlin', 'c', '2024-01-03', NULL)");
        return url;
    }

    static final AtomicInteger H2 = new AtomicInteger();

    static String h2() throws SQLException {
        String url = "jdbc:h2:mem:t" + H2.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        exec(url, "CREATE TABLE sales (id BIGINT NOT NULL, qty SMALLINT, price DOUBLE PRECISION,"
                + " amount DECIMAL(10,2), units DECIMAL(9,0), region VARCHAR(20), ok BOOLEAN, sale_day DATE,"
                + " sold_at TIMESTAMP, atz TIMESTAMP WITH TIME ZONE)",
                "INSERT INTO sales VALUES (1, 3, 9.5, 28.50, 7, 'north', TRUE, DATE '2024-03-01',"
                        + " TIMESTAMP '2024-03-01 12:30:00', TIMESTAMP WITH TIME ZONE '2024-03-01 12:30:00+02:00')",
                "INSERT INTO sales VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        return url;
    }

    @Test
    void sqlite_table_readsWithMappedTypes() throws SQLException {
        Ingest ingest = JdbcSource.newBuilder().url(sqlite()).table("people").type("born", FieldType.TIMESTAMP)
                .role("id", FieldRole.ID).build().ingest();
        Frame f = ingest.frame();
        Schema s = f.schema();
        assertEquals(3, f.rowCount());
        assertEquals(FieldType.INTEGER, s.field("id").type());
        assertEquals(FieldRole.ID, s.field("id").role());
        assertEquals(FieldType.INTEGER, s.field("age").type());
        assertEquals(FieldType.NUMERIC, s.field("income").type());
        assertEquals(FieldType.CATEGORICAL, s.field("city").type());
        assertEquals(FieldType.BOOLEAN, s.field("active").type());
        assertTrue(f.longs("age").isMissing(1));
        assertEquals(1000.5, f.doubles("income").getDouble(0));
        assertTrue(f.doubles("income").isMissing(2));
        assertEquals("Paris", f.categorical("city").getString(1));
        assertEquals(Instant.parse("2024-01-03T00:00:00Z"), f.longs("born").getInstant(2));
        assertTrue(f.booleans("active").getBoolean(0));
        assertTrue(f.booleans("active").isMissing(2));
        assertTrue(ingest.report().isClean(), ingest.report().summary());
    }

    @Test
    void sqlite_textInARealColumn_isABadRowNotZero() throws SQLException {
        String url = sqlite();
        exec(url, "INSERT INTO people VALUES (4, 50, 'abc', 'Rome', 'd', NULL, 1)");
        DataException e = assertThrows(DataException.class,
                () -> JdbcSource.newBuilder().url(url).query("SELECT id, income FROM people ORDER BY id").build().read());
        assertEquals(4, e.line());
        assertEquals("income", e.column().orElseThrow());
        assertEquals("abc", e.rawValue().orElseThrow());
        Ingest skipped = JdbcSource.newBuilder().url(url).query("SELECT id, income FROM people ORDER BY id")
                .badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build().ingest();
        assertEquals(3, skipped.frame().rowCount());
        assertEquals(1L, skipped.report().rejectionsByReason().get("bad-number"));
    }

    @Test
    void sqlite_queryWithParameters_bindsThem() throws SQLException {
        Frame f = JdbcSource.newBuilder().url(sqlite()).query("SELECT id FROM people WHERE city = ? ORDER BY id", "Berlin")
                .build().read();
        assertEquals(List.of(1L, 3L), List.of(f.longs("id").getLong(0), f.longs("id").getLong(1)));
    }

    @Test
    void h2_everyMappedType_readsAsDocumented() throws SQLException {
        Ingest ingest = JdbcSource.newBuilder().url(h2()).query("SELECT * FROM sales ORDER BY id").build().ingest();
        Frame f = ingest.frame();
        Schema s = f.schema();
        assertEquals(FieldType.INTEGER, s.field("ID").type());
        assertFalse(s.field("ID").nullable());
        assertEquals(FieldType.INTEGER, s.field("QTY").type());
        assertEquals(FieldType.NUMERIC, s.field("PRICE").type());
        assertEquals(FieldType.NUMERIC, s.field("AMOUNT").type());
        assertEquals(FieldType.INTEGER, s.field("UNITS").type());
        assertEquals(FieldType.CATEGORICAL, s.field("REGION").type());
        assertEquals(FieldType.BOOLEAN, s.field("OK").type());
        assertEquals(FieldType.TIMESTAMP, s.field("SALE_DAY").type());
        assertEquals(FieldType.TIMESTAMP, s.field("SOLD_AT").type());
        assertEquals(FieldType.TIMESTAMP, s.field("ATZ").type());
        assertEquals(28.5, f.doubles("AMOUNT").getDouble(0));
        assertEquals(7L, f.longs("UNITS").getLong(0));
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), f.longs("SALE_DAY").getInstant(0));
        assertEquals(Instant.parse("2024-03-01T12:30:00Z"), f.longs("SOLD_AT").getInstant(0));
        assertEquals(Instant.parse("2024-03-01T10:30:00Z"), f.longs("ATZ").getInstant(0));
        for (String c : List.of("QTY", "PRICE", "AMOUNT", "UNITS", "REGION", "OK", "SALE_DAY", "SOLD_AT", "ATZ")) {
            assertTrue(f.column(c).isMissing(1), c);
        }
        assertTrue(ingest.report().isClean());
    }

    @Test
    void h2_streamsInBatchesWithAFetchSize_andClosesTheConnection() throws SQLException {
        String url = h2();
        exec(url, "INSERT INTO sales (id) SELECT X + 10 FROM SYSTEM_RANGE(1, 250)");
        List<Connection> opened = new ArrayList<>();
        JdbcSource src = JdbcSource.newBuilder().connections(() -> {
            Connection c = DriverManager.getConnection(url);
            opened.add(c);
            return c;
        }).table("sales").fetchSize(50).sampleRows(10).build();
        int rows = 0;
        int batches = 0;
        try (FrameBatches b = src.batches(100)) {
            while (b.hasNext()) {
                rows += b.next().rowCount();
                batches++;
            }
            assertEquals(252, b.report().rowsRead());
        }
        assertEquals(252, rows);
        assertEquals(3, batches);
        assertEquals(1, opened.size());
        assertTrue(opened.get(0).isClosed());
    }

    @Test
    void unsupportedType_failsUpFrontUnlessOverridden() throws SQLException {
        String url = h2();
        exec(url, "CREATE TABLE blobs (id INT, data TIME)", "INSERT INTO blobs VALUES (1, TIME '12:30:00')");
        DataException e = assertThrows(DataException.class,
                () -> JdbcSource.newBuilder().url(url).table("blobs").build().read());
        assertTrue(e.getMessage().contains("'DATA'"), e.getMessage());
        Frame f = JdbcSource.newBuilder().url(url).table("blobs").type("DATA", FieldType.TEXT).build().read();
        assertEquals("12:30:00", f.column("DATA").value(0));
    }

    @Test
    void badQuery_throwsDataExceptionWithTheCause() {
        DataException e = assertThrows(DataException.class,
                () -> JdbcSource.newBuilder().url("jdbc:h2:mem:x").query("SELECT * FROM nope").build().read());
        assertTrue(e.getCause() instanceof SQLException);
    }

    @Test
    void build_needsConnectionsAndOneOfQueryOrTable() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JdbcSource.newBuilder().table("t").build());
        assertTrue(e.getMessage().contains("dataSource(...), url(...) or connections(...)"), e.getMessage());
        IllegalStateException e2 = assertThrows(IllegalStateException.class,
                () -> JdbcSource.newBuilder().url("jdbc:h2:mem:x").build());
        assertTrue(e2.getMessage().contains("exactly one of query(...) and table(...)"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> JdbcSource.newBuilder().url("jdbc:h2:mem:x").table("t; DROP TABLE x").build());
        assertTrue(e3.getMessage().contains("'t; DROP TABLE x' is not a plain identifier")
                && e3.getMessage().contains("use query("), e3.getMessage());
    }

    @Test
    void mapType_followsTheDocumentedTable() {
        assertEquals(FieldType.BOOLEAN, JdbcSource.mapType(Types.BIT, 1, 0));
        assertEquals(FieldType.INTEGER, JdbcSource.mapType(Types.BIGINT, 19, 0));
        assertEquals(FieldType.INTEGER, JdbcSource.mapType(Types.DECIMAL, 18, 0));
        assertEquals(FieldType.NUMERIC, JdbcSource.mapType(Types.DECIMAL, 30, 0));
        assertEquals(FieldType.NUMERIC, JdbcSource.mapType(Types.NUMERIC, 10, 2));
        assertEquals(FieldType.NUMERIC, JdbcSource.mapType(Types.REAL, 0, 0));
        assertEquals(FieldType.TIMESTAMP, JdbcSource.mapType(Types.DATE, 0, 0));
        assertEquals(FieldType.TEXT, JdbcSource.mapType(Types.NVARCHAR, 0, 0));
        assertEquals(null, JdbcSource.mapType(Types.BLOB, 0, 0));
        assertEquals(null, JdbcSource.mapType(Types.TIME, 0, 0));
    }

    @Test
    void options_jsonRoundTrip_isEqual() {
        JdbcOptions o = JdbcOptions.newBuilder().fetchSize(10).sampleRows(0).type("a", FieldType.TEXT)
                .role("a", FieldRole.LABEL).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
        assertEquals(o, JdbcOptions.fromJson(o.toJson()));
    }
}
