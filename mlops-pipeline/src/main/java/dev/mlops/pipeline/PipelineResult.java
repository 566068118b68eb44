package dev.mlops.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one run of a pipeline produced.
 *
 * @param runId the id of the run in the pipeline's tracking store
 * @param metrics the test metrics of the trained model
 * @param dataFingerprint the fingerprint of the data the source read
 * @param registeredName the model name registered under, or {@code null} when the file registers nothing
 * @param registeredVersion the version registered, or 0
 * @param alias the alias set, or {@code null}
 * @param outputs the paths written, by what they hold ({@code "repository"}, {@code "tracking"})
 */
public record PipelineResult(String runId, Map<String, Double> metrics, String dataFingerprint, String registeredName,
                             int registeredVersion, String alias, Map<String, Path> outputs) {

    /** Copies the maps. */
    public PipelineResult {
        metrics = Map.copyOf(metrics);
        outputs = Map.copyOf(outputs);
    }
}
