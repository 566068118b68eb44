package dev.mlops.data;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataSource;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.FrameBatches;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SQL query (or a whole table) read through JDBC into typed frames, streamed with a fetch size.
 *
 * <pre>{@code
 * JdbcSource src = JdbcSource.newBuilder().url("jdbc:sqlite:credit.db").table("credit")
 *         .role("class", FieldRole.LABEL).fetchSize(5000).build();
 * Ingest credit = src.ingest();
 * }</pre>
 *
 * <p>Column types follow the result set's {@code java.sql.Types} (see {@code docs/decisions/012}):
 * <table>
 * <caption>java.sql.Types to FieldType</caption>
 * <tr><th>java.sql.Types</th><th>FieldType</th></tr>
 * <tr><td>BOOLEAN, BIT</td><td>BOOLEAN</td></tr>
 * <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT</td><td>INTEGER</td></tr>
 * <tr><td>NUMERIC, DECIMAL with scale 0 and precision 1 to 18</td><td>INTEGER</td></tr>
 * <tr><td>REAL, FLOAT, DOUBLE, other NUMERIC and DECIMAL</td><td>NUMERIC (double)</td></tr>
 * <tr><td>DATE</td><td>TIMESTAMP (midnight UTC)</td></tr>
 * <tr><td>TIMESTAMP</td><td>TIMESTAMP (the local date-time read as UTC)</td></tr>
 * <tr><td>TIMESTAMP_WITH_TIMEZONE</td><td>TIMESTAMP (the instant)</td></tr>
 * <tr><td>CHAR, VARCHAR, LONGVARCHAR, NCHAR, NVARCHAR, LONGNVARCHAR, CLOB, NCLOB</td>
 *     <td>CATEGORICAL when the first {@code sampleRows} rows show at most {@code categoricalMaxDistinct} distinct
 *     values, else TEXT</td></tr>
 * <tr><td>anything else (binary, arrays, structs, TIME, OTHER, ...)</td>
 *     <td>unsupported: the read fails up front unless {@code type(column, ...)} says how to read it</td></tr>
 * </table>
 * A value the driver hands over that does not fit its column (SQLite lets a REAL column hold {@code 'abc'}) is a
 * bad row, rejected or failing as the {@link BadRowPolicy} says; it is never read as 0.
 *
 * <p>Each {@link #batches(int)} call opens a connection from the factory and closes it (with its statement and
 * result set) when the batches are exhausted or closed. Immutable and thread-safe.
 */
public final class JdbcSource implements DataSource {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)*");

    private final String name;
    private final ConnectionFactory connections;
    private final String sql;
    private final List<Object> parameters;
    private final JdbcOptions options;

    /** Opens a new connection each time it is asked; the source closes what it opens. */
    @FunctionalInterface
    public interface ConnectionFactory {
        /** A new connection. */
        Connection open() throws SQLException;
    }

    private JdbcSource(String name, ConnectionFactory connections, String sql, List<Object> parameters,
            JdbcOptions options) {
        this.name = name;
        this.connections = connections;
        this.sql = sql;
        this.parameters = parameters;
        this.options = options;
    }

    /** A builder; give it connections and a query or table. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * The column type of a {@code java.sql.Types} code, or null when the SDK cannot map it; {@code TEXT} stands for
     * every character type (which a read then makes CATEGORICAL or TEXT from its sample).
     *
     * @param jdbcType the {@code java.sql.Types} code
     * @param precision the column precision (for NUMERIC and DECIMAL)
     * @param scale the column scale (for NUMERIC and DECIMAL)
     */
    public static FieldType mapType(int jdbcType, int precision, int scale) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> FieldType.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> FieldType.INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> scale == 0 && precision > 0 && precision <= 18
                    ? FieldType.INTEGER : FieldType.NUMERIC;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> FieldType.NUMERIC;
            case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> FieldType.TIMESTAMP;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> FieldType.TEXT;
            default -> null;
        };
    }

    /** The options this source reads with. */
    public JdbcOptions options() {
        return options;
    }

    /** The SQL this source runs. */
    public String sql() {
        return sql;
    }

    /** This source with other options; {@code this} when they are equal. */
    public JdbcSource withOptions(JdbcOptions newOptions) {
        return newOptions.equals(options) ? this : new JdbcSource(name, connections, sql, parameters, newOptions);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Opens a connection, runs the query and reads the sample; batches are then fetched lazily.
     *
     * @throws dev.mlops.api.DataException when the query fails or a column type is unsupported
     */
    @Override
    public FrameBatches batches(int rowsPerBatch) {
        return new JdbcReader(name, connections, sql, parameters, options, rowsPerBatch);
    }

    @Override
    public String toString() {
        return "JdbcSource[" + name + "]";
    }

    /** Builds a {@link JdbcSource}; checked as a whole in {@link #build()}. Not thread-safe. */
    public static final class Builder extends IngestBuilder<Builder> {
        private ConnectionFactory connections;
        private String sql;
        private String table;
        private String name;
        private final List<Object> parameters = new ArrayList<>();
        private JdbcOptions.Builder options = JdbcOptions.newBuilder();

        Builder() {
        }

        /** Connections from a {@code javax.sql.DataSource} (a pool, say); each read takes one and closes it. */
        public Builder dataSource(javax.sql.DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            this.connections = dataSource::getConnection;
            return this;
        }

        /** Connections from {@link DriverManager} for a JDBC URL. */
        public Builder url(String jdbcUrl) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.connections = () -> DriverManager.getConnection(jdbcUrl);
            return this;
        }

        /** Connections from any factory; the source closes each connection it opens. */
        public Builder connections(ConnectionFactory factory) {
            this.connections = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** The query to read, with {@code ?} placeholders bound to {@code parameters} in order. */
        public Builder query(String query, Object... params) {
            this.sql = Objects.requireNonNull(query, "query");
            this.parameters.clear();
            this.parameters.addAll(java.util.Arrays.asList(params));
            return this;
        }

        /** A whole table (a plain or schema-qualified name: letters, digits, {@code _}, {@code $}, dots). */
        public Builder table(String tableName) {
            this.table = Objects.requireNonNull(tableName, "table");
            return this;
        }

        /** The name used in reports and messages (default: the table or the query). */
        public Builder name(String newName) {
            this.name = Objects.requireNonNull(newName, "name");
            return this;
        }

        /** Replaces every option with these. */
        public Builder options(JdbcOptions newOptions) {
            this.options = newOptions.toBuilder();
            return ingest(newOptions.ingest());
        }

        /** See {@link JdbcOptions.Builder#fetchSize(int)}. */
        public Builder fetchSize(int rows) {
            options.fetchSize(rows);
            return this;
        }

        /**
         * The source.
         *
         * @throws IllegalStateException when connections, or exactly one of query and table, are missing
         * @throws IllegalArgumentException when the table name is not a plain identifier or an option is out of range
         */
        public JdbcSource build() {
            if (connections == null) {
                throw new IllegalStateException("Give the JdbcSource connections: dataSource(...), url(...) or"
                        + " connections(...)");
            }
            if ((sql == null) == (table == null)) {
                throw new IllegalStateException("Give the JdbcSource exactly one of query(...) and table(...)");
            }
            if (table != null && !TABLE_NAME.matcher(table).matches()) {
                throw new IllegalArgumentException("Table name '" + table + "' is not a plain identifier; use"
                        + " query(\"SELECT * FROM ...\") for quoted names");
            }
            String statement = sql != null ? sql : "SELECT * FROM " + table;
            String label = name != null ? name : table != null ? "table " + table : "query [" + sql + "]";
            return new JdbcSource(label, connections, statement,
                    java.util.Collections.unmodifiableList(new ArrayList<>(parameters)), options.ingest(ingestSettings()).build());
        }
    }
}
