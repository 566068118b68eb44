package dev.mlops.data;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import dev.mlops.data.internal.Columns;
import dev.mlops.data.internal.RowBatches;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a JDBC result set into batches; owns the connection, statement and result set it opened. */
final class JdbcReader extends RowBatches {
    /** How a column's values are fetched from the result set. */
    private enum Fetch { OBJECT, STRING, LOCAL_DATE, LOCAL_DATE_TIME, OFFSET_DATE_TIME }

    private final Connection connection;
    private final boolean restoreAutoCommit;
    private PreparedStatement statement;
    private ResultSet results;
    private Fetch[] fetch;
    private final ArrayDeque<Object[]> sample = new ArrayDeque<>();
    private long rowNumber;
    private long sampleNumber;

    JdbcReader(String name, JdbcSource.ConnectionFactory connections, String sql, List<Object> parameters,
            JdbcOptions options, int batchSize) {
        super(name, options.ingest().badRowPolicy(), options.ingest().rejectionSampleSize(), batchSize);
        Connection c = null;
        boolean restore = false;
        try {
            c = connections.open();
            if (c == null) {
                throw new SQLException("the connection factory returned null");
            }
            if (c.getAutoCommit()) {
                // Some drivers (PostgreSQL) only stream with a fetch size outside auto-commit.
                c.setAutoCommit(false);
                restore = true;
            }
            this.connection = c;
            this.restoreAutoCommit = restore;
            statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            statement.setFetchSize(options.fetchSize());
            results = statement.executeQuery();
            begin(options);
        } catch (SQLException e) {
            closeAll(c, restore);
            throw new DataException("Cannot run the query of " + name + ": " + e.getMessage()
                    + ". Check the SQL and the connection.", e);
        } catch (RuntimeException e) {
            closeAll(c, restore);
            throw e;
        }
    }

    private void closeAll(Connection c, boolean restore) {
        try {
            closeInputs(c, restore);
        } catch (SQLException ignored) {
            // already failing for a better reason
        }
    }

    private void begin(JdbcOptions options) throws SQLException {
        ResultSetMetaData md = results.getMetaData();
        int n = md.getColumnCount();
        List<String> labels = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            labels.add(md.getColumnLabel(i));
        }
        List<String> names = Columns.uniqueNames(labels, report);
        List<FieldType> mapped = new ArrayList<>(n);
        fetch = new Fetch[n];
        List<Integer> character = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int jdbcType = md.getColumnType(i + 1);
            FieldType override = options.ingest().types().get(names.get(i));
            FieldType type = JdbcSource.mapType(jdbcType, md.getPrecision(i + 1), md.getScale(i + 1));
            if (type == null && override == null) {
                throw new DataException("Unsupported SQL type " + md.getColumnTypeName(i + 1) + " (java.sql.Types "
                        + jdbcType + ") of column '" + names.get(i) + "' in " + source + ". Cast it in the query,"
                        + " or set type(\"" + names.get(i) + "\", FieldType.TEXT) to read it as text.");
            }
            if (type == FieldType.TEXT && override == null) {
                character.add(i);
            }
            FieldType effective = override != null ? override : type;
            fetch[i] = fetchFor(effective, jdbcType);
            mapped.add(type == null ? FieldType.TEXT : type);
        }
        if (!character.isEmpty() && options.ingest().sampleRows() > 0) {
            List<Set<String>> distinct = new ArrayList<>();
            for (int i = 0; i < character.size(); i++) {
                distinct.add(new HashSet<>());
            }
            while (sample.size() < options.ingest().sampleRows() && results.next()) {
                Object[] row = readValues();
                sample.add(row);
                for (int k = 0; k < character.size(); k++) {
                    Object v = row[character.get(k)];
                    if (v != null && distinct.get(k).size() <= options.ingest().categoricalMaxDistinct()) {
                        distinct.get(k).add(v.toString());
                    }
                }
            }
            for (int k = 0; k < character.size(); k++) {
                Set<String> d = distinct.get(k);
                if (!d.isEmpty() && d.size() <= options.ingest().categoricalMaxDistinct()) {
                    mapped.set(character.get(k), FieldType.CATEGORICAL);
                }
            }
        }
        Schema schema = Columns.schema(names, mapped, options.ingest().types(), options.ingest().roles(), sample.size(), source, report);
        List<dev.mlops.api.Field> fields = new ArrayList<>(schema.fields());
        for (int i = 0; i < n; i++) {
            if (md.isNullable(i + 1) == ResultSetMetaData.columnNoNulls) {
                fields.set(i, fields.get(i).withNullable(false));
            }
        }
        start(Schema.of(fields), null);
    }

    private static Fetch fetchFor(FieldType type, int jdbcType) {
        if (type == FieldType.TEXT || type == FieldType.CATEGORICAL) {
            return Fetch.STRING;
        }
        if (type == FieldType.TIMESTAMP) {
            return switch (jdbcType) {
                case Types.DATE -> Fetch.LOCAL_DATE;
                case Types.TIMESTAMP -> Fetch.LOCAL_DATE_TIME;
                case Types.TIMESTAMP_WITH_TIMEZONE -> Fetch.OFFSET_DATE_TIME;
                default -> Fetch.OBJECT;
            };
        }
        return Fetch.OBJECT;
    }

    private Object[] readValues() throws SQLException {
        Object[] row = new Object[fetch.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = read(i);
        }
        return row;
    }

    private Object read(int i) throws SQLException {
        int col = i + 1;
        switch (fetch[i]) {
            case STRING:
                return results.getString(col);
            case OBJECT:
                return results.getObject(col);
            default:
                break;
        }
        try {
            return switch (fetch[i]) {
                case LOCAL_DATE -> results.getObject(col, LocalDate.class);
                case LOCAL_DATE_TIME -> results.getObject(col, LocalDateTime.class);
                default -> results.getObject(col, OffsetDateTime.class);
            };
        } catch (SQLException | RuntimeException e) {
            // The driver cannot convert (SQLite keeps dates as text): read the raw value from now on.
            fetch[i] = Fetch.OBJECT;
            report.note("column " + col + ": the driver cannot return java.time values; reading its raw values");
            return results.getObject(col);
        }
    }

    @Override
    protected boolean readRow() {
        Object[] row;
        long number;
        if (!sample.isEmpty()) {
            row = sample.poll();
            number = ++sampleNumber;
            rowNumber = Math.max(rowNumber, number);
        } else {
            try {
                if (!results.next()) {
                    return false;
                }
                row = readValues();
            } catch (SQLException e) {
                throw new DataException("Cannot read row " + (rowNumber + 1) + " of " + source + ": "
                        + e.getMessage(), e);
            }
            number = ++rowNumber;
        }
        for (int i = 0; i < row.length; i++) {
            if (!stageObject(i, row[i], number)) {
                return true;
            }
        }
        commitRow();
        return true;
    }

    @Override
    protected void closeInput() throws SQLException {
        closeInputs(connection, restoreAutoCommit);
    }

    private void closeInputs(Connection c, boolean restore) throws SQLException {
        SQLException failure = null;
        for (AutoCloseable a : new AutoCloseable[] {results, statement}) {
            try {
                if (a != null) {
                    a.close();
                }
            } catch (Exception e) {
                failure = failure == null ? new SQLException(e) : failure;
            }
        }
        if (c != null) {
            try {
                if (restore) {
                    c.rollback(); // ends the read-only transaction
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            } finally {
                c.close();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
