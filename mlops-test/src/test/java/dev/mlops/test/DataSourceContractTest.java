package dev.mlops.test;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataSource;
import dev.mlops.api.Field;
import dev.mlops.api.Schema;
import dev.mlops.data.CsvSource;
import dev.mlops.data.JdbcSource;
import dev.mlops.data.JsonLinesSource;
import dev.mlops.data.MemorySource;
import dev.mlops.train.TribuoSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** The {@link DataSourceContract} on every source the SDK ships, each with awkward rows where it can have them. */
class DataSourceContractTest {
    /** 23 rows: numbers, a category, missing cells, and (rows 6, 13, 20) a value that does not parse. */
    private static final String CSV;

    static {
        StringBuilder b = new StringBuilder("x,n,colour\n");
        for (int r = 1; r <= 23; r++) {
            String x = r % 7 == 6 ? "not-a-number" : r % 5 == 0 ? "" : Double.toString(r * 1.25);
            b.append(x).append(',').append(r).append(',').append(r % 3 == 0 ? "" : "c" + r % 4).append('\n');
        }
        CSV = b.toString();
    }

    @TempDir
    static Path dir;

    private static Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class Csv extends DataSourceContract {
        @org.junit.jupiter.api.Test
        void theAwkwardRowsAreRejectedAndCounted() {
            org.junit.jupiter.api.Assertions.assertEquals(3, source().ingest().report().rowsRejected());
        }

        @Override
        protected DataSource source() {
            return CsvSource.newBuilder(write("awkward.csv", CSV)).type("x", dev.mlops.api.FieldType.NUMERIC)
                    .badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
        }
    }

    @Nested
    class CsvCredit extends DataSourceContract {
        @Override
        protected DataSource source() {
            return DataSource.csv(Path.of(System.getProperty("datasets.dir", "../samples/src/main/resources/datasets"),
                    "credit-g.csv"));
        }

        @Override
        protected int exhaustiveBatchSizes() {
            return 12;
        }
    }

    @Nested
    class JsonLines extends DataSourceContract {
        @org.junit.jupiter.api.Test
        void theAwkwardRowsAreRejectedAndCounted() {
            org.junit.jupiter.api.Assertions.assertEquals(3, source().ingest().report().rowsRejected());
        }

        @Override
        protected DataSource source() {
            StringBuilder b = new StringBuilder();
            for (int r = 1; r <= 19; r++) {
                b.append(r % 6 == 4 ? "{\"x\": \"oops\", \"n\": " + r + "}" : r % 4 == 0 ? "{\"n\": " + r + "}"
                        : "{\"x\": " + r * 0.5 + ", \"n\": " + r + ", \"tag\": \"t" + r % 3 + "\"}").append('\n');
            }
            return JsonLinesSource.newBuilder(write("awkward.jsonl", b.toString()))
                    .type("x", dev.mlops.api.FieldType.NUMERIC).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build();
        }
    }

    @Nested
    class Jdbc extends DataSourceContract {
        @Override
        protected DataSource source() {
            String url = "jdbc:sqlite:" + dir.resolve("contract.db");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t");
                s.execute("CREATE TABLE t (x REAL, n INTEGER, colour TEXT)");
                for (int r = 1; r <= 17; r++) {
                    s.execute("INSERT INTO t VALUES (" + (r % 5 == 0 ? "NULL" : r * 1.5) + ", " + r + ", "
                            + (r % 3 == 0 ? "NULL" : "'c" + r % 4 + "'") + ")");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return JdbcSource.newBuilder().url(url).query("SELECT x, n, colour FROM t ORDER BY n").build();
        }
    }

    @Nested
    class Maps extends DataSourceContract {
        @org.junit.jupiter.api.Test
        void theAwkwardRowsAreRejectedAndCounted() {
            org.junit.jupiter.api.Assertions.assertEquals(3, source().ingest().report().rowsRejected());
        }

        @Override
        protected DataSource source() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 1; r <= 21; r++) {
                Map<String, Object> row = new HashMap<>();
                row.put("x", r % 8 == 3 ? Double.POSITIVE_INFINITY : r * 2.0);
                row.put("n", r);
                if (r % 3 != 0) {
                    row.put("colour", "c" + r % 4);
                }
                rows.add(row);
            }
            return MemorySource.fromMaps(rows).withBadRowPolicy(BadRowPolicy.SKIP_AND_REPORT);
        }
    }

    @Nested
    class FrameInMemory extends DataSourceContract {
        @Override
        protected DataSource source() {
            return DataSource.of(Datasets.iris());
        }
    }

    @Nested
    class RowStream extends DataSourceContract {
        @org.junit.jupiter.api.Test
        void theAwkwardRowsAreRejectedAndCounted() {
            org.junit.jupiter.api.Assertions.assertEquals(2, source().ingest().report().rowsRejected());
        }

        @Override
        protected DataSource source() {
            List<Object[]> rows = new ArrayList<>();
            for (int r = 1; r <= 15; r++) {
                rows.add(new Object[] {r % 4 == 1 ? Double.NaN : r * 0.1, r % 6 == 5 ? Double.NEGATIVE_INFINITY : 1.0});
            }
            return MemorySource.fromRowStream("rows", Schema.of(Field.numeric("a"), Field.numeric("b")),
                    rows::iterator, BadRowPolicy.SKIP_AND_REPORT);
        }
    }

    @Nested
    class Tribuo extends DataSourceContract {
        @Override
        protected DataSource source() {
            LabelFactory factory = new LabelFactory();
            MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("contract",
                    OffsetDateTime.parse("2026-01-01T00:00:00Z"), factory), factory);
            for (int r = 1; r <= 18; r++) {
                String[] names = r % 4 == 0 ? new String[] {"a"} : new String[] {"a", "b"};
                double[] values = r % 4 == 0 ? new double[] {r} : new double[] {r, r * 0.5};
                ArrayExample<Label> e = new ArrayExample<>(new Label(r % 2 == 0 ? "yes" : "no"), names, values);
                if (r % 5 == 0) {
                    e.setWeight(2f);
                }
                d.add(e);
            }
            return TribuoSource.of(d);
        }
    }
}
