package dev.mlops.api.tracking;

import dev.mlops.api.MlopsException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Records runs and finds them again. Two stores come with it: {@link #inDirectory(Path)}, the embedded default
 * (human-readable JSON files, safe for concurrent writers and processes), and {@link #jdbc(String, String, String)}
 * for a SQL database (tested on SQLite and PostgreSQL); {@link #disabled()} records nothing. Neither store needs more
 * than the JDK and Jackson, so a service can track without the training module.
 *
 * <p>Implementations are thread-safe and close idempotently.
 */
public interface RunTracker extends AutoCloseable {

    /** Starts a top-level run in an experiment. */
    Run start(String experiment, String name);

    /** A snapshot of one run, if the tracker has it. */
    Optional<RunRecord> find(String runId);

    /** The runs a query selects, in its order. */
    List<RunRecord> search(RunQuery query);

    /** A snapshot of one run. @throws MlopsException naming the id when there is no such run */
    default RunRecord get(String runId) {
        return find(runId).orElseThrow(() -> new MlopsException("No run with id '" + runId
                + "' in this tracker; list runs with search(RunQuery.all())"));
    }

    /** The children of a run, oldest first. */
    default List<RunRecord> children(String parentId) {
        return search(RunQuery.all().childrenOf(parentId));
    }

    /** Releases files or connections; closing twice does nothing. */
    @Override
    void close();

    /**
     * This tracker with every run measuring itself: each run (children included) records the {@link ResourceUsage}
     * from its start to its end, logged just before it ends. Closing the returned tracker closes this one.
     */
    default RunTracker measuringResources() {
        return new MeasuringRunTracker(this);
    }

    /**
     * The embedded store: one folder per run under {@code root/runs}, holding {@code run.json} (replaced
     * atomically) and {@code metrics.jsonl} (appended). Several threads and processes may write to one root.
     */
    static RunTracker inDirectory(Path root) {
        return new DirectoryRunTracker(root, Clock.systemUTC());
    }

    /** The embedded store with an injected clock (for tests of timing). */
    static RunTracker inDirectory(Path root, Clock clock) {
        return new DirectoryRunTracker(root, clock);
    }

    /**
     * A SQL store through JDBC; creates its {@code mlops_*} tables when missing. {@code user} may be null when the
     * URL carries the credentials or the database needs none (SQLite).
     *
     * @throws MlopsException naming the URL when the database cannot be reached
     */
    static RunTracker jdbc(String url, String user, String password) {
        try {
            Connection c = user == null ? DriverManager.getConnection(url)
                    : DriverManager.getConnection(url, user, password);
            return new JdbcRunTracker(c, Clock.systemUTC());
        } catch (SQLException e) {
            throw new MlopsException("Cannot open the tracking database at " + url + ": " + e.getMessage()
                    + ". Check that the server runs, the URL, user and password, and that its JDBC driver is on the"
                    + " class path", e);
        }
    }

    /** A SQL store over a connection the tracker takes ownership of (it closes it on {@code close()}). */
    static RunTracker jdbc(Connection connection) {
        return new JdbcRunTracker(connection, Clock.systemUTC());
    }

    /** A tracker that records nothing and finds nothing, for code that does not track. */
    static RunTracker disabled() {
        return DisabledRunTracker.INSTANCE;
    }
}
