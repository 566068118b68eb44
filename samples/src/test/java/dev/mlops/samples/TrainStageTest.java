package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.tracking.Trackers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modelling stage on the bundled credit data. */
class TrainStageTest {

    @Test
    void run_creditData_tunesEvaluatesAndRecordsRuns(@TempDir Path dir) throws Exception {
        Frame credit = FeatureStageTest.credit();
        Frame train = credit.slice(0, 800);
        Frame test = credit.slice(800, 1000);
        FeatureStage.Result features = FeatureStage.run(train);
        TrainStage.Result r = TrainStage.run(train, test, features.preprocessing(), dir);
        assertTrue(r.evaluation().baselineVerdict().beats(), r.evaluation().baselineVerdict().text());
        assertTrue(r.evaluation().slices().stream().anyMatch(s -> s.column().equals("personal_status")));
        assertEquals(4, r.tuning().trials().size());
        assertTrue(r.model().referenceProfile().isPresent());
        TrainedModel back = TrainedModel.load(dir.resolve("models").resolve(r.runId()));
        assertEquals(r.model().settings(), back.settings());
        assertTrue(Files.exists(dir.resolve("runs").resolve(r.runId()).resolve("run.json")));
        try (RunTracker t = Trackers.directory(dir)) {
            List<RunRecord> runs = t.search(RunQuery.all().experiment("credit"));
            assertEquals(1 + 4 + 1, runs.size(), "the search, its 4 trials and the final training");
            assertTrue(runs.stream().allMatch(run -> run.resources().isPresent()), "every tracked run measures itself");
            RunRecord trained = t.get(r.runId());
            assertFalse(trained.params().isEmpty());
            assertEquals(test.fingerprint(), trained.dataFingerprints().get("test"));
        }
    }
}
