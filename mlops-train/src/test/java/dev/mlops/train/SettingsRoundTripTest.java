package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/** Issue 10 item 4: evaluator and tuner settings are values that round-trip through JSON and are recorded. */
class SettingsRoundTripTest {

    private static Gen<ParamSpace> spaces() {
        return integers().between(0, 4).zip(doubles().between(0.001, 10), doubles().between(0, 5),
                integers().between(1, 20), (kind, lo, width, n) -> switch (kind) {
                    case 0 -> ParamSpace.of();
                    case 1 -> ParamSpace.of().values("trees", n, n + 1).values("eta", lo).values("type", "L2R_LR");
                    case 2 -> ParamSpace.of().uniform("eta", lo, lo + width);
                    case 3 -> ParamSpace.of().logUniform("eta", lo, lo + width).intRange("trees", n, n + 5);
                    default -> ParamSpace.of().values("maxDepth", n).intRange("trees", n, n * 2);
                });
    }

    @Test
    void paramSpace_json_roundTripsAndSamplesTheSame() {
        qt().forAll(spaces(), longs().all()).checkAssert((space, seed) -> {
            ParamSpace back = ParamSpace.fromJson(space.toJson());
            assertEquals(space, back);
            assertEquals(space.sample(new java.util.Random(seed)), back.sample(new java.util.Random(seed)));
        });
    }

    @Test
    void tunerSettings_json_roundTrips() {
        qt().forAll(spaces(), integers().between(0, 30), integers().between(2, 10), longs().all())
                .checkAssert((space, trials, folds, seed) -> {
                    TunerSettings.Builder b = TunerSettings.newBuilder().space(space).folds(folds).seed(seed)
                            .metric(trials % 3 == 0 ? null : "roc_auc");
                    boolean gridable = space.names().isEmpty() || space.toJson().contains("\"values\"")
                            && !space.toJson().contains("Range") && !space.toJson().contains("niform");
                    TunerSettings s = (trials == 0 && gridable ? b.grid() : b.random(Math.max(1, trials))).build();
                    assertEquals(s, TunerSettings.fromJson(s.toJson()));
                });
    }

    @Test
    void evaluatorSettings_json_roundTrips() {
        qt().forAll(lists().of(strings().basicLatinAlphabet().ofLengthBetween(1, 8)).ofSizeBetween(0, 3),
                integers().between(2, 10), doubles().between(-1, 1), longs().all())
                .checkAssert((slices, buckets, margin, seed) -> {
                    EvaluatorSettings s = EvaluatorSettings.newBuilder().sliceBy(slices.toArray(String[]::new))
                            .buckets(buckets).minMargin(margin).seed(seed).mistakes(buckets)
                            .learningCurve(buckets % 2 == 0 ? new double[] {0.25, 1.0} : new double[0])
                            .thresholds(List.of(MetricThreshold.atLeast("roc_auc", margin),
                                    MetricThreshold.noWorseThan("accuracy", 0.01)))
                            .primaryMetric(buckets % 3 == 0 ? null : "roc_auc")
                            .significanceLevel(0.01).requireSignificance(buckets % 2 == 1).build();
                    assertEquals(s, EvaluatorSettings.fromJson(s.toJson()));
                });
        qt().forAll(booleans().all()).checkAssert(b -> assertEquals(EvaluatorSettings.defaults(),
                EvaluatorSettings.fromJson(EvaluatorSettings.defaults().toJson())));
    }

    @Test
    void evaluator_fluentMethods_setTheSettingsRecord() {
        Evaluator e = Evaluator.classification().sliceBy("a", "b").buckets(3).learningCurve(0.5, 1.0)
                .thresholds(MetricThreshold.atLeast("roc_auc", 0.7)).requireSignificance(0.01).seed(7);
        EvaluatorSettings expected = EvaluatorSettings.newBuilder().sliceBy("a", "b").buckets(3)
                .learningCurve(0.5, 1.0).thresholds(List.of(MetricThreshold.atLeast("roc_auc", 0.7)))
                .significanceLevel(0.01).requireSignificance(true).seed(7).build();
        assertEquals(expected, e.settings());
        assertEquals(List.of(), e.learningCurve().settings().learningCurve(), "an empty call skips the curve again");
    }

    @Test
    void builders_outOfRange_failInBuildNamingTheSetting() {
        IllegalArgumentException folds = assertThrows(IllegalArgumentException.class,
                () -> TunerSettings.newBuilder().folds(1).build());
        assertTrue(folds.getMessage().contains("at least 2 folds"), folds.getMessage());
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class,
                () -> TunerSettings.newBuilder().space(ParamSpace.of().uniform("eta", 0.1, 0.2)).build());
        assertTrue(grid.getMessage().contains("'eta' is a range"), grid.getMessage());
        IllegalArgumentException curve = assertThrows(IllegalArgumentException.class,
                () -> EvaluatorSettings.newBuilder().learningCurve(0.5, 1.5).build());
        assertTrue(curve.getMessage().contains("1.5"), curve.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.classification().requireSignificance(1.0));
        assertTrue(level.getMessage().contains("significance level"), level.getMessage());
    }

    @Test
    void tune_tracked_recordIsEnoughToRepeatTheSearch(@TempDir Path dir) {
        Frame data = TestFrames.synthetic(200, 3).drop("y");
        Trainer trainer = Trainer.cartClassifier();
        TuningResult first;
        RunRecord parent;
        try (RunTracker tracker = RunTracker.inDirectory(dir)) {
            first = Tuner.random(trainer, ParamSpace.of().intRange("maxDepth", 1, 6), 3).folds(3).seed(9)
                    .tracking(tracker, "repeat").tune(data, "class");
            parent = tracker.get(first.parentRunId().orElseThrow());
        }
        Tuner again = Tuner.of(Trainer.of(TrainerSettings.fromJson(parent.params().get("trainer"))),
                TunerSettings.fromJson(parent.params().get("tuner")));
        assertEquals(first.table(), again.tune(data, "class").table());
    }
}
