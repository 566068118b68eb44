package dev.mlops.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one run of a pipeline produced.
 *
 * @param runId the id of the run in the pipeline's tracking store
 * @param metrics the test metrics of the trained model
 * @param dataFingerprint the fingerprint of the data the source read
 * @param registeredName the model name registered under, or {@code null} when the file registers nothing or the
 *     release gate refused the model
 * @param registeredVersion the version registered, or 0
 * @param alias the alias set, or {@code null}
 * @param outputs the paths written, by what they hold ({@code "repository"}, {@code "tracking"},
 *     {@code "validation"})
 * @param released whether the model passed the release gate ({@code true} when the file has no gate)
 * @param gateReasons the gate's reasons, each check with PASS or FAIL (empty when the file has no gate)
 * @param tuning the best trial's changes to the trainer's settings, by name (empty when the file does not tune)
 * @param file the pipeline file that ran, completed with every default, secrets as references: its
 *     {@code serve} and {@code monitor} sections say how the model is to be served and monitored
 */
public record PipelineResult(String runId, Map<String, Double> metrics, String dataFingerprint, String registeredName,
                             int registeredVersion, String alias, Map<String, Path> outputs, boolean released,
                             List<String> gateReasons, Map<String, Object> tuning, PipelineFile file) {

    /** Copies the maps and lists. */
    public PipelineResult {
        metrics = Map.copyOf(metrics);
        outputs = Map.copyOf(outputs);
        gateReasons = List.copyOf(gateReasons);
        tuning = Map.copyOf(tuning);
    }

    /** A result of the first format's sections (no gate, no tuning, no file). */
    public PipelineResult(String runId, Map<String, Double> metrics, String dataFingerprint, String registeredName,
                          int registeredVersion, String alias, Map<String, Path> outputs) {
        this(runId, metrics, dataFingerprint, registeredName, registeredVersion, alias, outputs, true, List.of(),
                Map.of(), null);
    }
}
