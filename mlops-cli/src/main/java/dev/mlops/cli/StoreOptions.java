package dev.mlops.cli;

import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the runs are: a tracking folder, or a SQL database (password from {@code MLOPS_JDBC_PASSWORD}). */
final class StoreOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--store", paramLabel = "DIR", description = "a tracking folder (RunTracker.inDirectory)")
        Path dir;

        @Option(names = "--jdbc", paramLabel = "URL", description = "a SQL tracking store, e.g. jdbc:sqlite:runs.db")
        String url;
    }

    @Option(names = "--user", paramLabel = "USER", description = "the database user, with --jdbc (password from the"
            + " MLOPS_JDBC_PASSWORD environment variable)")
    String user;

    RunTracker open() {
        if (where.dir != null) {
            if (!Files.isDirectory(where.dir)) {
                throw new BadInputException("No tracking folder at " + where.dir.toAbsolutePath() + "; give the folder"
                        + " a tracker wrote (it holds runs/)");
            }
            return RunTracker.inDirectory(where.dir);
        }
        return RunTracker.jdbc(where.url, user, user == null ? null : System.getenv("MLOPS_JDBC_PASSWORD"));
    }
}
