package dev.mlops.api.tracking;

import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRunTrackerTest extends RunTrackerContract {
    @TempDir
    Path dir;

    @Override
    RunTracker open() {
        return RunTracker.jdbc("jdbc:sqlite:" + dir.resolve("runs.db"), null, null);
    }
}
