package dev.mlops.api.tracking;

import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The state every store keeps for an open run; stores persist it through the hooks. Thread-safe. */
abstract class AbstractRun implements Run {
    final String id;
    final String experiment;
    final String name;
    final String parentId;
    final Clock clock;
    final long startMillis;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, String> artifacts = new LinkedHashMap<>();
    private final Map<String, String> fingerprints = new LinkedHashMap<>();
    private RunStatus status = RunStatus.RUNNING;
    private long endMillis;

    AbstractRun(String id, String experiment, String name, String parentId, Clock clock) {
        this.id = id;
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.name = Objects.requireNonNull(name, "name");
        this.parentId = parentId;
        this.clock = clock;
        this.startMillis = clock.millis();
    }

    /** Writes the run's metadata (called under the run's lock after every change). */
    abstract void persistMeta(RunRecord meta);

    /** Writes one metric point. */
    abstract void persistMetric(MetricPoint point);

    /** Creates, persists and returns a child run. */
    abstract Run newChild(String childName);

    /** Releases what the run holds once it has ended. */
    abstract void release();

    @Override
    public String id() {
        return id;
    }

    @Override
    public Run logParam(String key, String value) {
        return put(params, "parameter", key, value);
    }

    @Override
    public Run setTag(String key, String value) {
        return put(tags, "tag", key, value);
    }

    @Override
    public Run logArtifact(String artifactName, String uri) {
        return put(artifacts, "artifact", artifactName, uri);
    }

    @Override
    public Run logDataFingerprint(String role, String fingerprint) {
        return put(fingerprints, "data fingerprint", role, fingerprint);
    }

    @Override
    public synchronized Run logParams(Map<String, ?> values) {
        checkOpen("parameters");
        values.forEach((k, v) -> params.put(checkKey("parameter", k), String.valueOf(v)));
        persistMeta(snapshot());
        return this;
    }

    @Override
    public Run logMetric(String key, double value, long step) {
        MetricPoint p = new MetricPoint(key, value, step, clock.millis());
        synchronized (this) {
            checkOpen("metric '" + key + "'");
        }
        persistMetric(p);
        return this;
    }

    @Override
    public Run startChild(String childName) {
        synchronized (this) {
            checkOpen("child run");
        }
        return newChild(childName);
    }

    @Override
    public void end(RunStatus endStatus) {
        Objects.requireNonNull(endStatus, "status");
        if (endStatus == RunStatus.RUNNING) {
            throw new IllegalArgumentException("A run ends as FINISHED, FAILED or KILLED, not RUNNING");
        }
        synchronized (this) {
            if (status.isTerminal()) {
                return;
            }
            status = endStatus;
            endMillis = clock.millis();
            persistMeta(snapshot());
        }
        release();
    }

    synchronized RunRecord snapshot() {
        return new RunRecord(id, experiment, name, parentId, status, startMillis, endMillis, params, tags, List.of(),
                artifacts, fingerprints);
    }

    private synchronized Run put(Map<String, String> map, String what, String key, String value) {
        checkOpen(what + " '" + key + "'");
        map.put(checkKey(what, key), Objects.requireNonNull(value, what + " value"));
        persistMeta(snapshot());
        return this;
    }

    private static String checkKey(String what, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A " + what + " needs a non-blank name");
        }
        return key;
    }

    private void checkOpen(String what) {
        if (status.isTerminal()) {
            throw new IllegalStateException("Run " + id + " (" + name + ") has ended as " + status
                    + "; cannot log the " + what + " into it. Start a new run");
        }
    }
}
