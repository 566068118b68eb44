package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.test.Datasets;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job's own steps that are not a stage class of their own. */
class CreditPipelineTest {

    /** Issue 14: every tracked stage records its resources; packaging also records the artifact and graph sizes. */
    @Test
    void packageModel_recordsArtifactAndGraphSizesAndResourcesInATrackedRun(@TempDir Path dir) throws Exception {
        Frame credit = Datasets.credit().slice(0, 300);
        FeatureStage.Result features = FeatureStage.run(credit);
        TrainedModel model = Trainer.logisticRegression().seed(1).preprocessing(features.preprocessing())
                .train(credit, "class");
        RunTracker tracker = RunTracker.inDirectory(dir.resolve("runs"));
        ModelArtifact artifact = CreditPipeline.packageModel(model, Map.of(), "train-1", dir.resolve("artifact"),
                tracker);

        List<RunRecord> runs = tracker.search(RunQuery.all());
        assertEquals(1, runs.size());
        RunRecord run = runs.get(0);
        double graph = run.latestMetric("onnx_graph_bytes").orElseThrow();
        assertEquals(artifact.modelSize(), graph, 0.0);
        assertEquals(Files.size(dir.resolve("artifact/model.onnx")),
                run.latestMetric("artifact_bytes.model.onnx").orElseThrow(), 0.0);
        assertTrue(run.latestMetric("artifact_bytes").orElseThrow() > graph, "the graph is one file of the artifact");
        assertTrue(run.resources().isPresent(), "the package run records what it used");
    }
}
