package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
    private static final Frame DATA = TestFrames.synthetic(300, 5).drop("y");

    @Test
    void grid_everyCombination_bestIsTheHighestMean() {
        TuningResult r = Tuner.grid(Trainer.cartClassifier(), ParamSpace.of().values("maxDepth", 1, 4)
                .values("minChildWeight", 1.0, 20.0)).folds(3).tune(DATA, "class");
        assertEquals(4, r.trials().size());
        assertEquals(Map.of("maxDepth", 1, "minChildWeight", 1.0), r.trials().get(0).changes());
        double bestMean = r.trials().stream().mapToDouble(TuningResult.Trial::mean).max().orElseThrow();
        assertEquals(bestMean, r.best().mean());
        assertEquals(3, r.best().foldScores().length);
        assertTrue(r.table().contains("*" + r.best().index()));
    }

    @Test
    void random_sameSeed_sameTrialsAndScores_parallelOrNot() {
        ParamSpace space = ParamSpace.of().logUniform("learningRate", 0.05, 2.0).intRange("epochs", 1, 4);
        TuningResult serial = Tuner.random(Trainer.logisticRegression(), space, 4).folds(3).seed(3)
                .tune(DATA, "class");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            TuningResult parallel = Tuner.random(Trainer.logisticRegression(), space, 4).folds(3).seed(3)
                    .executor(pool).tune(DATA, "class");
            for (int i = 0; i < 4; i++) {
                assertEquals(serial.trials().get(i).changes(), parallel.trials().get(i).changes());
                assertEquals(serial.trials().get(i).mean(), parallel.trials().get(i).mean());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void tune_withTracker_recordsEachTrialAsChildRun(@TempDir Path dir) {
        try (RunTracker tracker = RunTracker.inDirectory(dir)) {
            TuningResult r = Tuner.grid(Trainer.cartClassifier(), ParamSpace.of().values("maxDepth", 2, 3)).folds(2)
                    .metric("roc_auc").tracking(tracker, "tune-test").tune(DATA, "class");
            String parentId = r.parentRunId().orElseThrow();
            List<RunRecord> children = tracker.children(parentId);
            assertEquals(2, children.size());
            for (RunRecord c : children) {
                assertEquals(RunStatus.FINISHED, c.status());
                assertEquals("cart-classifier", c.params().get("algorithm"));
                assertEquals(2, c.metricHistory("roc_auc_fold").size());
                assertTrue(c.latestMetric("roc_auc").isPresent());
            }
            RunRecord parent = tracker.get(parentId);
            assertEquals(r.best().mean(), parent.latestMetric("best_roc_auc").getAsDouble());
            assertEquals(DATA.fingerprint(), parent.dataFingerprints().get("tune"));
            List<RunRecord> ordered = tracker.search(RunQuery.all().childrenOf(parentId).orderBy("roc_auc", true));
            assertEquals(r.best().runId(), ordered.get(0).id());
        }
    }

    @Test
    void grid_unknownSetting_failsBeforeTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tuner.grid(Trainer.cartClassifier(), ParamSpace.of().values("depth", 1)).tune(DATA, "class"));
        assertTrue(e.getMessage().contains("maxDepth"), e.getMessage());
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> Tuner.grid(Trainer.cartClassifier(), ParamSpace.of().uniform("minChildWeight", 1, 2)));
        assertTrue(thrown.getMessage().contains("'minChildWeight' is a range")
                && thrown.getMessage().contains("ParamSpace.values"), thrown.getMessage());
    }

    @Test
    void tune_regression_usesPlainFoldsAndR2() {
        Frame r = TestFrames.synthetic(200, 6).drop("class");
        TuningResult res = Tuner.grid(Trainer.cartRegressor(), ParamSpace.of().values("maxDepth", 1, 6)).folds(3)
                .tune(r, "y");
        assertEquals("r2", res.metric());
        assertEquals(6, ((TrainerSettings.CartRegressor) res.bestSettings()).maxDepth());
    }
}
