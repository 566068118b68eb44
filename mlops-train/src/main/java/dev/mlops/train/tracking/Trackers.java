package dev.mlops.train.tracking;

import dev.mlops.api.MlopsException;
import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

/** Factories for the run tracker stores. */
public final class Trackers {
    private Trackers() {
    }

    /**
     * The embedded store: one folder per run under {@code root/runs}, holding {@code run.json} (replaced
     * atomically) and {@code metrics.jsonl} (appended). Several threads and processes may write to one root.
     */
    public static RunTracker directory(Path root) {
        return new DirectoryRunTracker(root, Clock.systemUTC());
    }

    /** The embedded store with an injected clock (for tests of timing). */
    public static RunTracker directory(Path root, Clock clock) {
        return new DirectoryRunTracker(root, clock);
    }

    /**
     * A SQL store through JDBC (tested on SQLite and PostgreSQL); creates its {@code mlops_*} tables when missing.
     *
     * @throws MlopsException naming the URL when the database cannot be reached
     */
    public static RunTracker jdbc(String url, String user, String password) {
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
    public static RunTracker jdbc(Connection connection) {
        return new JdbcRunTracker(connection, Clock.systemUTC());
    }
}
