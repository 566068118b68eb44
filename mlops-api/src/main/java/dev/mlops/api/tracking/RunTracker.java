package dev.mlops.api.tracking;

import dev.mlops.api.MlopsException;
import java.util.List;
import java.util.Optional;

/**
 * Records runs and finds them again. The embedded directory store and the JDBC store in {@code mlops-train}
 * implement it, and so does {@link #disabled()}.
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

    /** A tracker that records nothing and finds nothing, for code that does not track. */
    static RunTracker disabled() {
        return DisabledRunTracker.INSTANCE;
    }
}
