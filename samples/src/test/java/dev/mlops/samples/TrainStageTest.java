package dev.mlops.samples;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.test.Datasets;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.SelectionRule;
import dev.mlops.train.Evaluation;
import dev.mlops.train.Evaluator;
import dev.mlops.train.EvaluatorSettings;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.TrainerSettings;
import dev.mlops.train.Tuner;
import dev.mlops.train.TunerSettings;
import dev.mlops.train.TuningResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modelling stage on the bundled credit data. */
class TrainStageTest {

    @Test
    void run_creditData_tunesEvaluatesAndRecordsRuns(@TempDir Path dir) throws Exception {
        Frame credit = Datasets.credit();
        Frame train = credit.slice(0, 800);
        Frame test = credit.slice(800, 1000);
        FeatureStage.Result features = FeatureStage.run(train);
        TrainStage.Result r = TrainStage.run(train, test, features, dir);
        assertThat(r.evaluation()).beatsBaseline().metric("roc_auc").isAtLeast(0.7);
        assertTrue(r.evaluation().slices().stream().anyMatch(s -> s.column().equals("personal_status")));
        assertEquals(4, r.tuning().trials().size());
        assertTrue(r.model().referenceProfile().isPresent());
        Path report = TrainStage.writeReport(r, features.ranking(), test, dir);
        assertTrue(Files.readString(report).contains("Tuning: 4 trials"), "the model report shows the tuning");
        assertTrue(Files.exists(dir.resolve("model-report.json")));
        TrainedModel back = TrainedModel.load(dir.resolve("models").resolve(r.runId()));
        assertEquals(r.model().settings(), back.settings());
        assertTrue(Files.exists(dir.resolve("runs").resolve(r.runId()).resolve("run.json")));
        try (RunTracker t = RunTracker.inDirectory(dir)) {
            List<RunRecord> runs = t.search(RunQuery.all().experiment("credit"));
            assertEquals(1 + 4 + 1, runs.size(), "the search, its 4 trials and the final training");
            assertTrue(runs.stream().allMatch(run -> run.resources().isPresent()), "every tracked run measures itself");
            RunRecord trained = t.get(r.runId());
            assertFalse(trained.params().isEmpty());
            assertEquals(test.fingerprint(), trained.dataFingerprints().get("test"));
            // the record is enough to repeat the evaluation and the tuning (issue 10 item 4)
            Evaluation again = Evaluator.of(EvaluatorSettings.fromJson(trained.params().get("evaluator")))
                    .evaluate(r.model(), train, test);
            assertEquals(r.evaluation().metrics().values(), again.metrics().values());
            assertEquals(r.evaluation().learningCurve(), again.learningCurve());
            assertEquals(features.rule(), SelectionRule.fromJson(trained.params().get("pipeline.selection")));
            RunRecord search = t.get(r.tuning().parentRunId().orElseThrow());
            Trainer pipeline = Trainer.of(TrainerSettings.fromJson(search.params().get("trainer")))
                    .selection(SelectionRule.fromJson(search.params().get("pipeline.selection")))
                    .preprocessing(Preprocessing.fromJson(search.params().get("pipeline.preprocessing")));
            TuningResult repeated = Tuner.of(pipeline, TunerSettings.fromJson(search.params().get("tuner")))
                    .tune(train, "class");
            assertEquals(r.tuning().table(), repeated.table());
        }
    }
}
