package dev.mlops.api.tracking;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.mlops.api.tracking.RunTracker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against a real PostgreSQL server. Set {@code MLOPS_PG_URL} (and {@code MLOPS_PG_USER},
 * {@code MLOPS_PG_PASSWORD}) to run it; under {@code CI=true} it must run and fails when the server is unreachable.
 */
class PostgresRunTrackerTest extends RunTrackerContract {
    static final String URL = System.getenv("MLOPS_PG_URL");

    @BeforeAll
    static void needsServer() {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeTrue(URL != null, "PostgreSQL tracker test skipped: set MLOPS_PG_URL (e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/mlops_test) with MLOPS_PG_USER and MLOPS_PG_PASSWORD to run"
                    + " it against a server; .ci/run does this with CI=true");
        }
        assertNotNull(URL, "CI=true but MLOPS_PG_URL is unset: the CI script must start PostgreSQL and export it");
    }

    @Override
    RunTracker open() {
        return RunTracker.jdbc(URL, System.getenv("MLOPS_PG_USER"), System.getenv("MLOPS_PG_PASSWORD"));
    }
}
