package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.mlops.api.DataSource;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static factories on {@link DataSource} answer with this module's sources and their defaults. */
class DataSourceFactoriesTest {

    @Test
    void factories_giveThisModulesSourcesWithTheirDefaults(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "x,c\n1.5,a\n2.5,b\n");
        Path jsonl = Files.writeString(dir.resolve("a.jsonl"), "{\"x\": 1.5, \"c\": \"a\"}\n{\"x\": 2.5, \"c\": \"b\"}\n");
        assertInstanceOf(CsvSource.class, DataSource.csv(csv));
        assertInstanceOf(JsonLinesSource.class, DataSource.jsonLines(jsonl));
        Frame fromCsv = DataSource.csv(csv).read();
        assertEquals(CsvSource.of(csv).read().fingerprint(), fromCsv.fingerprint());
        assertEquals(fromCsv.fingerprint(), DataSource.jsonLines(jsonl).read().fingerprint(),
                "the same rows from either format");
        Frame labelled = fromCsv.withRole("c", FieldRole.LABEL);
        assertEquals(labelled.fingerprint(), DataSource.of(labelled).read().fingerprint(), "a frame reads as itself");
        String url = "jdbc:sqlite:" + dir.resolve("a.db");
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (x REAL, c TEXT)");
            s.execute("INSERT INTO t VALUES (1.5, 'a'), (2.5, 'b')");
        }
        assertEquals(2, DataSource.jdbc(url, "SELECT x, c FROM t").read().rowCount());
    }
}
