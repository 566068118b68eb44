package dev.mlops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.MlopsException;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.data.CsvSource;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.train.Evaluator;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    static final Path SAMPLE = Path.of("..", "samples", "src", "main", "resources", "pipelines", "credit.yaml");
    static final Path CREDIT = Path.of("..", "samples", "src", "main", "resources", "datasets", "credit-g.csv");

    /** The shipped sample file, its data and outputs pointed at absolute paths (outputs in a temporary folder). */
    static String sample(Path out, Path data) throws IOException {
        return Files.readString(SAMPLE)
                .replace("../datasets/credit-g.csv", data.toAbsolutePath().toString())
                .replace("target/credit-pipeline-file", out.toAbsolutePath().toString());
    }

    @Test
    void theSampleFileGivesTheMetricsOfTheSameStepsInCode(@TempDir Path dir) throws IOException {
        PipelineResult result = Pipeline.fromYaml(sample(dir, CREDIT)).run();

        // the code-driven equivalent: CreditPipeline's collect, VerifyStage's split, TrainStage's base XGBoost
        Frame credit = CsvSource.newBuilder(CREDIT).role("class", FieldRole.LABEL).build().ingest().frame();
        TrainTestSplit split = Splitter.stratified("class", 0.2, 42).split(credit);
        TrainedModel model = Trainer.xgboostClassifier().with("eta", 0.1).seed(42).train(split.train(), "class");
        Map<String, Double> expected = Evaluator.classification().evaluate(model, split.test()).metrics().values();

        assertEquals(expected.keySet(), result.metrics().keySet());
        expected.forEach((k, v) -> assertEquals(v, result.metrics().get(k), 1e-9, k));
        assertTrue(result.metrics().get("accuracy") > 0.65, "accuracy " + result.metrics().get("accuracy"));
        assertEquals(credit.fingerprint(), result.dataFingerprint());

        assertEquals("credit", result.registeredName());
        assertEquals(1, result.registeredVersion());
        assertEquals("production", result.alias());
        ModelRepository repository = ModelRepository.onFileSystem(result.outputs().get("repository"));
        assertEquals(1, repository.resolve("credit@production").version());

        try (RunTracker tracker = RunTracker.inDirectory(result.outputs().get("tracking"))) {
            RunRecord run = tracker.get(result.runId());
            assertEquals("credit", run.experiment());
            assertEquals(credit.fingerprint(), run.dataFingerprints().get(Pipeline.SOURCE_ROLE));
            assertTrue(run.params().get(Pipeline.PIPELINE_PARAM).contains("xgboost-classifier"));
            assertEquals("0.1", run.params().get("eta"));
        }
    }

    @Test
    void aRunIsRepeatedFromItsRecordAndRefusedWhenTheDataChanged(@TempDir Path dir) throws IOException {
        Path data = Files.copy(CREDIT, dir.resolve("credit.csv"));
        String yaml = sample(dir, data).replace("xgboost-classifier", "logistic-regression").replace("eta: 0.1", "");
        PipelineResult first = Pipeline.fromYaml(yaml).run();
        Path runs = first.outputs().get("tracking");

        PipelineResult again;
        try (RunTracker tracker = RunTracker.inDirectory(runs)) {
            again = Pipeline.fromRun(tracker, first.runId()).run();
        }
        assertFalse(again.runId().equals(first.runId()));
        assertEquals(first.metrics(), again.metrics());
        assertEquals(2, again.registeredVersion());

        List<String> lines = Files.readAllLines(data);
        Files.write(data, lines.subList(0, lines.size() - 1));
        try (RunTracker tracker = RunTracker.inDirectory(runs)) {
            Pipeline repeat = Pipeline.fromRun(tracker, first.runId());
            MlopsException e = assertThrows(MlopsException.class, repeat::run);
            assertTrue(e.getMessage().contains("Refusing to repeat the run")
                    && e.getMessage().contains(first.dataFingerprint())
                    && e.getMessage().contains(data.toAbsolutePath().toString()), e.getMessage());
        }
    }

    @Test
    void secretsAreResolvedFromTheEnvironmentAndNeverWrittenToTheRunRecord(@TempDir Path dir) throws IOException {
        String secret = "s3cr3t-Pa55word-4711";
        Path db = dir.resolve("runs.db");
        String yaml = sample(dir, CREDIT).replace("xgboost-classifier", "logistic-regression").replace("eta: 0.1", "")
                .replace("  directory: " + dir.toAbsolutePath() + "/runs",
                        "  jdbcUrl: ${env:TRACKING_URL}\n  user: mlops\n  password: ${env:TRACKING_PASSWORD}");
        Pipeline pipeline = Pipeline.fromYaml(yaml);

        PipelineException missing = assertThrows(PipelineException.class, pipeline.withEnvironment(Map.of())::run);
        assertEquals(2, missing.problems().size(), missing.getMessage());
        assertTrue(missing.getMessage().contains("tracking.password")
                && missing.getMessage().contains("TRACKING_PASSWORD is not set"), missing.getMessage());

        PipelineResult result = pipeline.withEnvironment(Map.of("TRACKING_URL", "jdbc:sqlite:" + db,
                "TRACKING_PASSWORD", secret)).run();
        try (RunTracker tracker = RunTracker.jdbc("jdbc:sqlite:" + db, null, null)) {
            RunRecord run = tracker.get(result.runId());
            String file = run.params().get(Pipeline.PIPELINE_PARAM);
            assertTrue(file.contains("${env:TRACKING_PASSWORD}"), file);
            assertFalse(run.toString().contains(secret), "the secret leaked into the run record");
            assertFalse(run.toString().contains(db.toString()), "the resolved URL leaked into the run record");
        }
        assertFalse(new String(Files.readAllBytes(db), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
                "the secret is somewhere in the tracking database");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPathValueAndWhatIsAllowed() {
        String yaml = """
                experimnt: credit
                source:
                  type: csvv
                  lable: class
                split:
                  testShare: 1.5
                  seed: forty-two
                trainer:
                  algorithm: xgboost-classifier
                  maxDept: 4
                  eta: fast
                register:
                  name: credit
                tracking:
                  directory: runs
                  jdbcUrl: jdbc:sqlite:runs.db
                """;
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromYaml(yaml));
        Map<String, PipelineProblem> byPath = new java.util.LinkedHashMap<>();
        e.problems().forEach(p -> byPath.put(p.path(), p));
        assertTrue(byPath.get("experimnt").message().contains("did you mean 'experiment'"), e.getMessage());
        assertEquals("csvv", byPath.get("source.type").value());
        assertTrue(byPath.get("source.type").message().contains("did you mean 'csv'"), e.getMessage());
        assertTrue(byPath.get("source.lable").message().contains("did you mean 'label'"), e.getMessage());
        assertTrue(byPath.containsKey("source.label"), e.getMessage());
        assertEquals("1.5", byPath.get("split.testShare").value());
        assertTrue(byPath.get("split.testShare").message().contains("between 0 and 1"), e.getMessage());
        assertTrue(byPath.get("split.seed").message().contains("whole number"), e.getMessage());
        assertTrue(byPath.get("trainer.maxDept").message().contains("did you mean 'maxDepth'"), e.getMessage());
        assertTrue(byPath.get("trainer.eta").message().contains("expected a number"), e.getMessage());
        assertTrue(byPath.get("register.repository").message().contains("required"), e.getMessage());
        assertTrue(byPath.get("tracking").message().contains("exactly one"), e.getMessage());
        assertEquals(10, e.problems().size(), e.getMessage());
        for (PipelineProblem p : e.problems()) {
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        }
    }

    @Test
    void theTrainersOwnChecksNameTheSetting() {
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromJson("""
                {"source": {"type": "csv", "path": "x.csv", "label": "y"},
                 "trainer": {"algorithm": "xgboost-classifier", "maxDepth": -3},
                 "tracking": {"directory": "runs"}}
                """));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("trainer.maxDepth", e.problems().get(0).path(), e.getMessage());
        assertEquals("-3", e.problems().get(0).value());

        PipelineException unknown = assertThrows(PipelineException.class, () -> Pipeline.fromJson("""
                {"source": {"type": "csv", "path": "x.csv", "label": "y"}, "trainer": {"algorithm": "xgbost-classifier"}}
                """));
        assertTrue(unknown.getMessage().contains("did you mean 'xgboost-classifier'"), unknown.getMessage());
    }

    @Test
    void aFileIsReadByItsExtension(@TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("p.json"), """
                {"source": {"type": "csv", "path": "data.csv", "label": "y"},
                 "trainer": {"algorithm": "logistic-regression"}}""");
        Pipeline p = Pipeline.fromFile(json);
        assertEquals("logistic-regression", p.file().trainer().algorithm());
        assertNotNull(p.toJson());
        Path txt = Files.writeString(dir.resolve("p.txt"), "{}");
        MlopsException e = assertThrows(MlopsException.class, () -> Pipeline.fromFile(txt));
        assertTrue(e.getMessage().contains(".yaml, .yml or .json"), e.getMessage());
    }
}
