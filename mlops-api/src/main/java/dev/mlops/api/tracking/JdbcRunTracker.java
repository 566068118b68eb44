package dev.mlops.api.tracking;

import dev.mlops.api.MlopsException;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL tracker: portable DDL and DML (SQLite, PostgreSQL, H2) over one connection used under a lock. Metric
 * points are buffered per run and written in batches (at {@value #BATCH} points, on reads and when the run ends),
 * so logging does not wait for one commit per point. Experiment and parent filters run in SQL; parameter and
 * metric filters run on the loaded runs (see docs/decisions/046).
 */
final class JdbcRunTracker implements RunTracker {
    static final int BATCH = 1000;
    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS mlops_runs (id VARCHAR(64) PRIMARY KEY, experiment VARCHAR(512) NOT NULL,"
            + " name VARCHAR(512) NOT NULL, parent_id VARCHAR(64), status VARCHAR(16) NOT NULL,"
            + " start_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS mlops_params (run_id VARCHAR(64) NOT NULL, param_key VARCHAR(512) NOT NULL,"
            + " param_value TEXT NOT NULL, PRIMARY KEY (run_id, param_key))",
        "CREATE TABLE IF NOT EXISTS mlops_tags (run_id VARCHAR(64) NOT NULL, tag_key VARCHAR(512) NOT NULL,"
            + " tag_value TEXT NOT NULL, PRIMARY KEY (run_id, tag_key))",
        "CREATE TABLE IF NOT EXISTS mlops_artifacts (run_id VARCHAR(64) NOT NULL, artifact_name VARCHAR(512) NOT NULL,"
            + " uri TEXT NOT NULL, PRIMARY KEY (run_id, artifact_name))",
        "CREATE TABLE IF NOT EXISTS mlops_fingerprints (run_id VARCHAR(64) NOT NULL, data_role VARCHAR(512) NOT NULL,"
            + " fingerprint VARCHAR(512) NOT NULL, PRIMARY KEY (run_id, data_role))",
        "CREATE TABLE IF NOT EXISTS mlops_metrics (run_id VARCHAR(64) NOT NULL, metric_key VARCHAR(512) NOT NULL,"
            + " metric_value DOUBLE PRECISION, step BIGINT NOT NULL, time_ms BIGINT NOT NULL, seq BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS mlops_metrics_run ON mlops_metrics (run_id)",
        "CREATE INDEX IF NOT EXISTS mlops_runs_experiment ON mlops_runs (experiment)",
    };

    private final Connection connection;
    private final Clock clock;
    private final Map<String, SqlRun> open = new HashMap<>();
    private boolean closed;

    JdbcRunTracker(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
        try (Statement st = connection.createStatement()) {
            for (String ddl : DDL) {
                st.execute(ddl);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw fail("create the tracking tables", e);
        }
    }

    @Override
    public Run start(String experiment, String name) {
        return create(experiment, name, null);
    }

    private synchronized SqlRun create(String experiment, String name, String parentId) {
        checkOpen();
        SqlRun run = new SqlRun(UUID.randomUUID().toString(), experiment, name, parentId);
        open.put(run.id, run);
        run.persistMeta(run.snapshot());
        return run;
    }

    @Override
    public synchronized Optional<RunRecord> find(String runId) {
        checkOpen();
        flushAll();
        List<RunRecord> found = load("SELECT id, experiment, name, parent_id, status, start_ms, end_ms FROM mlops_runs"
                + " WHERE id = ?", List.of(runId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public synchronized List<RunRecord> search(RunQuery query) {
        checkOpen();
        flushAll();
        StringBuilder sql = new StringBuilder(
                "SELECT id, experiment, name, parent_id, status, start_ms, end_ms FROM mlops_runs WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (query.experiment() != null) {
            sql.append(" AND experiment = ?");
            args.add(query.experiment());
        }
        if (query.parentId() != null) {
            sql.append(" AND parent_id = ?");
            args.add(query.parentId());
        }
        for (Map.Entry<String, String> p : query.params().entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM mlops_params p WHERE p.run_id = mlops_runs.id"
                    + " AND p.param_key = ? AND p.param_value = ?)");
            args.add(p.getKey());
            args.add(p.getValue());
        }
        return query.apply(load(sql.toString(), args));
    }

    private List<RunRecord> load(String sql, List<String> args) {
        try {
            Map<String, Object[]> runs = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getLong(7)});
                    }
                }
            }
            List<RunRecord> out = new ArrayList<>(runs.size());
            for (Map.Entry<String, Object[]> e : runs.entrySet()) {
                String id = e.getKey();
                Object[] r = e.getValue();
                out.add(new RunRecord(id, (String) r[0], (String) r[1], (String) r[2], RunStatus.valueOf((String) r[3]),
                        (Long) r[4], (Long) r[5], pairs("mlops_params", "param_key", "param_value", id),
                        pairs("mlops_tags", "tag_key", "tag_value", id), metrics(id),
                        pairs("mlops_artifacts", "artifact_name", "uri", id),
                        pairs("mlops_fingerprints", "data_role", "fingerprint", id)));
            }
            connection.commit();
            return out;
        } catch (SQLException e) {
            throw fail("read runs", e);
        }
    }

    private Map<String, String> pairs(String table, String k, String v, String runId) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + k + ", " + v + " FROM " + table + " WHERE run_id = ? ORDER BY " + k)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private List<MetricPoint> metrics(String runId) throws SQLException {
        List<MetricPoint> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT metric_key, metric_value, step, time_ms"
                + " FROM mlops_metrics WHERE run_id = ? ORDER BY seq")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    boolean isNull = rs.wasNull(); // before reading another column
                    out.add(new MetricPoint(rs.getString(1), isNull ? Double.NaN : v, rs.getLong(3),
                            rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private void flushAll() {
        for (SqlRun r : open.values()) {
            r.flush();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This tracker is closed; open a new one with RunTracker.jdbc(...)");
        }
    }

    private MlopsException fail(String what, SQLException e) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
        }
        return new MlopsException("Cannot " + what + " in the tracking database: " + e.getMessage()
                + " (SQL state " + e.getSQLState() + ")", e);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            flushAll();
            connection.commit();
            connection.close();
        } catch (SQLException e) {
            throw new MlopsException("Cannot close the tracking database cleanly: " + e.getMessage(), e);
        } finally {
            closed = true;
            open.clear();
        }
    }

    private final class SqlRun extends AbstractRun {
        private final List<MetricPoint> pending = new ArrayList<>();
        /** Guards {@code pending} only; never held while taking another lock (the run's monitor is taken before the tracker's). */
        private final Object pendingLock = new Object();
        private long seq;

        SqlRun(String id, String experiment, String name, String parentId) {
            super(id, experiment, name, parentId, JdbcRunTracker.this.clock);
        }

        @Override
        void persistMeta(RunRecord meta) {
            synchronized (JdbcRunTracker.this) {
                checkOpen();
                try {
                    try (PreparedStatement del = connection.prepareStatement("DELETE FROM mlops_runs WHERE id = ?")) {
                        del.setString(1, meta.id());
                        del.executeUpdate();
                    }
                    try (PreparedStatement ins = connection.prepareStatement("INSERT INTO mlops_runs (id, experiment,"
                            + " name, parent_id, status, start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        ins.setString(1, meta.id());
                        ins.setString(2, meta.experiment());
                        ins.setString(3, meta.name());
                        ins.setString(4, meta.parentId());
                        ins.setString(5, meta.status().name());
                        ins.setLong(6, meta.startMillis());
                        ins.setLong(7, meta.endMillis());
                        ins.executeUpdate();
                    }
                    replace("mlops_params", "param_key", "param_value", meta.params());
                    replace("mlops_tags", "tag_key", "tag_value", meta.tags());
                    replace("mlops_artifacts", "artifact_name", "uri", meta.artifacts());
                    replace("mlops_fingerprints", "data_role", "fingerprint", meta.dataFingerprints());
                    connection.commit();
                } catch (SQLException e) {
                    throw fail("record run " + meta.id(), e);
                }
            }
        }

        private void replace(String table, String k, String v, Map<String, String> values) throws SQLException {
            try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                del.setString(1, id);
                del.executeUpdate();
            }
            if (values.isEmpty()) {
                return;
            }
            try (PreparedStatement ins = connection.prepareStatement(
                    "INSERT INTO " + table + " (run_id, " + k + ", " + v + ") VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    ins.setString(1, id);
                    ins.setString(2, e.getKey());
                    ins.setString(3, e.getValue());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }

        @Override
        void persistMetric(MetricPoint point) {
            boolean full;
            synchronized (pendingLock) {
                pending.add(point);
                full = pending.size() >= BATCH;
            }
            if (full) {
                synchronized (JdbcRunTracker.this) {
                    flush();
                }
            }
        }

        /** Writes the buffered points; the caller holds the tracker's lock. */
        void flush() {
            List<MetricPoint> batch;
            long first;
            synchronized (pendingLock) {
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
                first = seq;
                seq += batch.size();
            }
            checkOpen();
            try (PreparedStatement ins = connection.prepareStatement("INSERT INTO mlops_metrics (run_id, metric_key,"
                    + " metric_value, step, time_ms, seq) VALUES (?, ?, ?, ?, ?, ?)")) {
                long s = first;
                for (MetricPoint p : batch) {
                    ins.setString(1, id);
                    ins.setString(2, p.key());
                    if (Double.isFinite(p.value())) {
                        ins.setDouble(3, p.value());
                    } else {
                        ins.setNull(3, java.sql.Types.DOUBLE); // portable: not every database stores NaN
                    }
                    ins.setLong(4, p.step());
                    ins.setLong(5, p.timeMillis());
                    ins.setLong(6, s++);
                    ins.addBatch();
                }
                ins.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                throw fail("record " + batch.size() + " metric points of run " + id, e);
            }
        }

        @Override
        Run newChild(String childName) {
            return create(experiment, childName, id);
        }

        @Override
        void release() {
            synchronized (JdbcRunTracker.this) {
                if (!closed) {
                    flush();
                }
                open.remove(id);
            }
        }
    }
}
