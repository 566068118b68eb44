package dev.mlops.api.tracking;

import java.util.Map;

/**
 * A run being recorded: the handle a stage logs into while it works. {@link #close()} ends it as
 * {@link RunStatus#FINISHED} unless it was already ended, so a try-with-resources block records one run.
 *
 * <pre>{@code
 * try (Run run = tracker.start("credit", "train")) {
 *     run.logParams(settings).logMetric("accuracy", 0.81, 0);
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe: parallel trials may log into one parent.
 */
public interface Run extends AutoCloseable {

    /** The run id, unique within its tracker. */
    String id();

    /** Records a parameter (a later value for the same key replaces the earlier one). */
    Run logParam(String key, String value);

    /** Records a metric value at a step, timed now. */
    Run logMetric(String key, double value, long step);

    /** Sets a tag (free-form label such as {@code stage=tune}). */
    Run setTag(String key, String value);

    /** Records an artifact by name and location (a path or URI the run produced). */
    Run logArtifact(String name, String uri);

    /** Records the fingerprint of a data set the run used, under a role such as {@code train} or {@code test}. */
    Run logDataFingerprint(String role, String fingerprint);

    /** Starts a child run (a trial, a fold) under this run, in the same experiment. */
    Run startChild(String name);

    /** Ends the run with a status; ending an ended run does nothing. */
    void end(RunStatus status);

    /** Records several parameters; values are written with {@code String.valueOf}. */
    default Run logParams(Map<String, ?> params) {
        params.forEach((k, v) -> logParam(k, String.valueOf(v)));
        return this;
    }

    /** Records a metric value at step 0. */
    default Run logMetric(String key, double value) {
        return logMetric(key, value, 0);
    }

    /** Records several metric values at one step. */
    default Run logMetrics(Map<String, Double> metrics, long step) {
        metrics.forEach((k, v) -> logMetric(k, v, step));
        return this;
    }

    /** Records what the stage used, as metrics under {@value ResourceUsage#PREFIX} at step 0. */
    default Run logResources(ResourceUsage usage) {
        return logMetrics(usage.toMetrics(), 0);
    }

    /** Ends the run as {@link RunStatus#FINISHED} if it is still running. */
    @Override
    default void close() {
        end(RunStatus.FINISHED);
    }
}
