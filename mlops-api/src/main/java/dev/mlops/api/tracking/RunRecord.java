package dev.mlops.api.tracking;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a tracker knows about one run: a snapshot, immutable and safe to share.
 *
 * @param id the run id
 * @param experiment the experiment (group of runs) it belongs to
 * @param name a human name ("train", "trial-3")
 * @param parentId the parent run's id, or null for a top-level run
 * @param status the life-cycle state
 * @param startMillis start time in milliseconds since the epoch
 * @param endMillis end time in milliseconds since the epoch, or 0 while running
 * @param params every parameter, flattened to text
 * @param tags free-form labels
 * @param metrics every logged metric value, in logging order
 * @param artifacts artifact name to location
 * @param dataFingerprints data role (train, test) to fingerprint
 */
public record RunRecord(String id, String experiment, String name, String parentId, RunStatus status,
                        long startMillis, long endMillis, Map<String, String> params, Map<String, String> tags,
                        List<MetricPoint> metrics, Map<String, String> artifacts,
                        Map<String, String> dataFingerprints) {

    /** Copies the collections. */
    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        metrics = List.copyOf(metrics);
        artifacts = Map.copyOf(artifacts);
        dataFingerprints = Map.copyOf(dataFingerprints);
    }

    /** The parent run's id, empty for a top-level run. */
    @JsonIgnore
    public Optional<String> parent() {
        return Optional.ofNullable(parentId);
    }

    /** The start time. */
    @JsonIgnore
    public Instant startTime() {
        return Instant.ofEpochMilli(startMillis);
    }

    /** How long the run took, or has taken so far when {@code now} is given for a running run. */
    public Duration duration(Instant now) {
        long end = status.isTerminal() ? endMillis : now.toEpochMilli();
        return Duration.ofMillis(Math.max(0, end - startMillis));
    }

    /** The last logged value of a metric (the one with the highest step, the latest among equal steps). */
    public OptionalDouble latestMetric(String key) {
        MetricPoint best = null;
        for (MetricPoint p : metrics) {
            if (p.key().equals(key) && (best == null || p.step() >= best.step())) {
                best = p;
            }
        }
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(best.value());
    }

    /** The resources the run recorded with {@link Run#logResources}, if it did (the latest values). */
    public Optional<ResourceUsage> resources() {
        java.util.Map<String, Double> latest = new java.util.HashMap<>();
        for (MetricPoint p : metrics) {
            if (p.key().startsWith(ResourceUsage.PREFIX)) {
                latest.put(p.key(), p.value());
            }
        }
        return ResourceUsage.fromMetrics(latest);
    }

    /** Every value of one metric in logging order. */
    public List<MetricPoint> metricHistory(String key) {
        List<MetricPoint> out = new ArrayList<>();
        for (MetricPoint p : metrics) {
            if (p.key().equals(key)) {
                out.add(p);
            }
        }
        return out;
    }
}
