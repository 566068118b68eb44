package example;

import dev.mlops.api.tracking.RunTracker;
import dev.mlops.pipeline.PipelineResult;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a pipeline file over the bundled credit data, runs it, and repeats the run from its record. */
public final class Pipeline {
    public static void main(String[] args) throws Exception {
        Path credit = Path.of(args[0], "samples", "src", "main", "resources", "datasets", "credit-g.csv")
                .toAbsolutePath().normalize();
        Path dir = Files.createDirectories(Path.of(args[1], "pipeline"));
        Path file = Files.writeString(dir.resolve("credit.yaml"), """
                experiment: consumer
                source: {type: csv, path: "%s", label: class}
                split: {testShare: 0.2, seed: 7}
                trainer: {algorithm: cart-classifier, maxDepth: 4}
                register: {repository: models, name: credit, alias: production}
                tracking: {directory: runs}
                """.formatted(credit.toString().replace('\\', '/')));
        PipelineResult result = dev.mlops.pipeline.Pipeline.fromFile(file).run();
        double accuracy = result.metrics().get("accuracy");
        if (!(accuracy > 0.6) || result.registeredVersion() != 1) {
            throw new AssertionError("expected a registered model better than chance, got " + result);
        }
        try (var tracker = dev.mlops.api.tracking.RunTracker.inDirectory(result.outputs().get("tracking"))) {
            PipelineResult again = dev.mlops.pipeline.Pipeline.fromRun(tracker, result.runId()).run();
            if (!again.metrics().equals(result.metrics())) {
                throw new AssertionError("the repeated run differs: " + again.metrics() + " vs " + result.metrics());
            }
        }
        System.out.println("mlops-pipeline consumer: accuracy " + accuracy + ", run " + result.runId() + " repeated");
    }
}
