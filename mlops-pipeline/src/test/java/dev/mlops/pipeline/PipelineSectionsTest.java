package dev.mlops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.ValidationException;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.data.CsvSource;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.data.validate.Validator;
import dev.mlops.features.Transform;
import dev.mlops.monitor.WindowSpec;
import dev.mlops.serve.endpoint.EndpointConfig;
import dev.mlops.train.Evaluator;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.Tuner;
import dev.mlops.train.TuningResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sections past source, split and trainer: checks, features, tuning, gate, serve and monitor (issue 15). */
class PipelineSectionsTest {
    static final Path FULL = Path.of("..", "samples", "src", "main", "resources", "pipelines", "credit-full.yaml");

    /** The shipped full sample, its data and outputs pointed at absolute paths (outputs in a temporary folder). */
    static String full(Path out) throws IOException {
        return Files.readString(FULL)
                .replace("../datasets/credit-g.csv", PipelineTest.CREDIT.toAbsolutePath().toString())
                .replace("target/credit-pipeline-full", out.toAbsolutePath().toString());
    }

    /** A small file around a section: credit data, logistic regression, tracked in {@code dir}. */
    static String small(Path dir, String sections) {
        return """
                experiment: sections
                source: {type: csv, path: %s, label: class}
                trainer: {algorithm: logistic-regression}
                tracking: {directory: %s}
                """.formatted(PipelineTest.CREDIT.toAbsolutePath(), dir.resolve("runs").toAbsolutePath()) + sections;
    }

    @Test
    void theFullSampleChecksSelectsTunesGatesAndRegistersWhatTheSameStepsInCodeGive(@TempDir Path dir)
            throws IOException {
        List<PipelineEvent> events = Collections.synchronizedList(new ArrayList<>());
        Pipeline pipeline = Pipeline.fromYaml(full(dir)).withListener(events::add);
        PipelineResult result = pipeline.run();

        // the same steps in code: split, the feature steps in the trainer, the grid search, the gate's evaluator
        PipelineFile file = pipeline.file();
        Frame credit = CsvSource.newBuilder(PipelineTest.CREDIT).role("class", FieldRole.LABEL).build().ingest()
                .frame();
        TrainTestSplit split = Splitter.stratified("class", 0.2, 42).split(credit);
        Trainer base = Trainer.xgboostClassifier().with("eta", 0.1).seed(42)
                .selection(file.features().selection()).preprocessing(file.features().preprocessing());
        TuningResult tuning = Tuner.of(base, file.tuning()).tune(split.train(), "class");
        TrainedModel model = base.withSettings(tuning.bestSettings()).train(split.train(), "class");
        Map<String, Double> expected = Evaluator.of(file.gate()).evaluate(model, split.train(), split.test())
                .metrics().values();

        assertEquals(tuning.best().changes(), result.tuning(), "the best trial trains the model");
        assertEquals(expected.keySet(), result.metrics().keySet());
        expected.forEach((k, v) -> assertEquals(v, result.metrics().get(k), 1e-9, k));
        assertTrue(result.released(), String.join("\n", result.gateReasons()));
        assertTrue(result.gateReasons().stream().anyMatch(r -> r.startsWith("PASS roc_auc")), result.gateReasons()
                .toString());
        ModelRepository repository = ModelRepository.onFileSystem(result.outputs().get("repository"));
        assertEquals(1, repository.resolve("credit@production").version());
        // the artifact carries the fitted feature steps: it takes the selected raw columns, not encoded features
        List<String> inputs = repository.load("credit@production").signature().inputs().stream()
                .map(t -> t.name()).toList();
        assertEquals(model.preprocessing().orElseThrow().inputFields().stream().map(f -> f.name()).toList(), inputs);
        assertTrue(inputs.size() < credit.columnNames().size() - 1 && credit.columnNames().containsAll(inputs),
                inputs.toString());
        assertTrue(Files.isRegularFile(result.outputs().get("validation").resolve("test-report.json")));

        // serving and monitoring settings are returned as the records the server and monitor take
        assertEquals(EndpointConfig.defaults().toBuilder().host("127.0.0.1").httpPort(8080).grpcPort(-1)
                .maxConcurrentRequests(64).build(), result.file().serve().endpoint());
        assertTrue(result.file().serve().server().batching());
        assertEquals(32, result.file().serve().server().maxBatchSize());
        assertEquals(WindowSpec.rows(500), result.file().monitor().window());
        assertEquals(0.15, result.file().monitor().drift().thresholds().get("credit_amount"));

        try (RunTracker tracker = RunTracker.inDirectory(result.outputs().get("tracking"))) {
            RunRecord run = tracker.get(result.runId());
            assertNotNull(run.params().get("pipeline.selection"), run.params().toString());
            assertNotNull(run.params().get("pipeline.preprocessing"), run.params().toString());
            assertEquals("roc_auc", run.params().get("tuning.metric"));
            assertEquals(String.valueOf(tuning.best().index()), run.tags().get("tuning.best_trial"));
            assertEquals("true", run.tags().get("released"));
            assertTrue(run.params().get("pipeline.serve").contains("\"maxBatchSize\" : 32"), run.params().toString());
            assertTrue(run.artifacts().containsKey("validation.test"), run.artifacts().toString());
            // the run repeats from its record: the same file, every section completed with its defaults
            assertEquals(file, Pipeline.fromRun(tracker, result.runId()).file());
        }

        assertTrue(events.stream().anyMatch(e -> e.step().equals("tune") && e.total() == 4 && e.finished()),
                events.toString());
        assertTrue(events.stream().anyMatch(e -> e.step().equals("check") && e.finished()), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.step().equals("register") && e.finished()), events.toString());
    }

    @Test
    void everySectionRoundTripsThroughJsonAndYaml() throws IOException {
        Pipeline pipeline = Pipeline.fromYaml(Files.readString(FULL));
        PipelineFile file = pipeline.file();
        assertEquals(file, Pipeline.fromJson(pipeline.toJson()).file());
        String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(
                new ObjectMapper().readTree(pipeline.toJson()));
        assertEquals(file, Pipeline.fromYaml(yaml).file());
        // the defaults are filled in, so the record says what ran
        assertEquals(10, file.gate().minSliceRows(), "a default the file left out is filled in");
        assertEquals(List.of("trees", "maxDepth"), file.tuning().space().names());
        assertEquals(Transform.Kind.ONE_HOT, file.features().preprocessing().steps().get(3).kind());
        assertEquals(0.99, file.checks().inference().confidence());
    }

    @Test
    void everyProblemInTheNewSectionsNamesItsPathAndWhatIsAllowed() {
        String yaml = """
                source: {type: csv, path: x.csv, label: class}
                trainer: {algorithm: xgboost-classifier}
                checks: {reports: out}
                features:
                  selection: {method: mutual_info, minScore: 0.01}
                  preprocessing:
                    steps:
                      - {kind: IMPUT, columns: [age]}
                      - {kind: SCALE, scalling: STANDARD, columns: [age]}
                tuning:
                  serch: GRID
                  space: {maxDept: {values: [2, 4]}}
                gate:
                  thresholds: [{metrc: accuracy, absolute: 0.7}]
                serve:
                  endpoint: {httpPort: eighty}
                  server: {provider: GPU}
                  tokenFle: tokens.txt
                monitor:
                  drift: {methods: {age: KS2}}
                  window: {rows: 100}
                """;
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromYaml(yaml));
        Map<String, PipelineProblem> byPath = new LinkedHashMap<>();
        e.problems().forEach(p -> byPath.put(p.path(), p));
        assertTrue(byPath.get("checks").message().contains("infer: true"), e.getMessage());
        assertTrue(byPath.get("features.selection.method").message().contains("did you mean 'mutual_information'"),
                e.getMessage());
        assertTrue(byPath.get("features.preprocessing.steps[0].kind").message().contains("did you mean 'IMPUTE'"),
                e.getMessage());
        assertTrue(byPath.get("features.preprocessing.steps[1].scalling").message()
                .contains("did you mean 'scaling'"), e.getMessage());
        assertTrue(byPath.get("tuning.serch").message().contains("did you mean 'search'"), e.getMessage());
        assertTrue(byPath.get("gate.thresholds[0].metrc").message().contains("did you mean 'metric'"),
                e.getMessage());
        assertEquals("\"eighty\"", byPath.get("serve.endpoint.httpPort").value());
        assertTrue(byPath.get("serve.endpoint.httpPort").message().contains("whole number"), e.getMessage());
        assertTrue(byPath.get("serve.server.provider").message().contains("allowed: AUTO, CPU, CUDA"),
                e.getMessage());
        assertTrue(byPath.get("serve.tokenFle").message().contains("did you mean 'tokenFile'"), e.getMessage());
        assertTrue(byPath.get("monitor.drift.methods.age").message().contains("KS"), e.getMessage());
        assertTrue(byPath.get("monitor.window.kind").message().contains("required; allowed: ROWS"),
                e.getMessage());
        for (PipelineProblem p : e.problems()) {
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        }
        assertTrue(e.getMessage().contains("fix them and run again"), e.getMessage());
    }

    @Test
    void theRecordsOwnChecksNameTheSettingAndTheSpaceNamesTheTrainersSettings() {
        PipelineException e = assertThrows(PipelineException.class, () -> Pipeline.fromYaml("""
                source: {type: csv, path: x.csv, label: class}
                trainer: {algorithm: xgboost-classifier}
                tuning: {folds: 1, space: {maxDept: {values: [2, 4]}}}
                features:
                  preprocessing: {steps: [{kind: IMPUTE, columns: [age]}]}
                serve: {server: {maxBatchSize: 0}}
                """));
        Map<String, PipelineProblem> byPath = new LinkedHashMap<>();
        e.problems().forEach(p -> byPath.put(p.path(), p));
        assertEquals("1", byPath.get("tuning.folds").value(), e.getMessage());
        assertTrue(byPath.get("tuning.folds").message().contains("at least 2 folds"), e.getMessage());
        assertTrue(byPath.get("features.preprocessing.steps[0].imputation").message()
                .contains("required; allowed: MEAN, MEDIAN"), e.getMessage());
        assertTrue(byPath.get("serve.server.maxBatchSize").message().contains("at least 1"), e.getMessage());

        PipelineException space = assertThrows(PipelineException.class, () -> Pipeline.fromYaml("""
                source: {type: csv, path: x.csv, label: class}
                trainer: {algorithm: xgboost-classifier}
                tuning: {space: {maxDept: {values: [2, 4]}, eta: {kind: logUniformm, lo: 0.01, hi: 0.3}}}
                """));
        Map<String, PipelineProblem> spaceByPath = new LinkedHashMap<>();
        space.problems().forEach(p -> spaceByPath.put(p.path(), p));
        assertTrue(spaceByPath.get("tuning.space.eta.kind").message().contains("did you mean 'logUniform'"),
                space.getMessage());

        PipelineException names = assertThrows(PipelineException.class, () -> Pipeline.fromYaml("""
                source: {type: csv, path: x.csv, label: class}
                trainer: {algorithm: xgboost-classifier}
                tuning: {space: {maxDept: {values: [2, 4]}}}
                """));
        assertEquals("tuning.space.maxDept", names.problems().get(0).path(), names.getMessage());
        assertTrue(names.problems().get(0).message().contains("did you mean 'maxDepth'"), names.getMessage());
    }

    @Test
    void aFailedErrorCheckStopsTheRunBeforeTrainingAndNamesTheReport(@TempDir Path dir) throws IOException {
        Path contract = Files.writeString(dir.resolve("contract.json"),
                Validator.create().expect("age").between(18, 30).contract().toJson());
        Pipeline pipeline = Pipeline.fromYaml(small(dir, """
                checks: {contract: %s, reports: %s}
                register: {repository: %s, name: credit}
                """.formatted(contract, dir.resolve("reports"), dir.resolve("models"))));
        ValidationException e = assertThrows(ValidationException.class, pipeline::run);
        Path report = dir.resolve("reports").resolve("contract-report.json");
        assertTrue(e.getMessage().contains("stopped before training") && e.getMessage().contains("age")
                && e.getMessage().contains(report.toString()) && e.getMessage().contains("Fix the data"),
                e.getMessage());
        assertTrue(Files.readString(report).contains("\"age\""), "the report is written");
        assertFalse(Files.exists(dir.resolve("models")), "nothing is registered");
        try (RunTracker tracker = RunTracker.inDirectory(dir.resolve("runs"))) {
            RunRecord run = tracker.search(RunQuery.all().experiment("sections")).get(0);
            assertEquals(RunStatus.FAILED, run.status());
            assertEquals("1", run.tags().get("failed_checks"));
            assertEquals(report.toString(), run.artifacts().get("validation.contract"));
        }

        Pipeline missing = Pipeline.fromYaml(small(dir, "checks: {contract: no-such-contract.json}\n"));
        PipelineException absent = assertThrows(PipelineException.class, missing::run);
        assertEquals("checks.contract", absent.problems().get(0).path());
        assertTrue(absent.getMessage().contains("no-such-contract.json")
                && absent.getMessage().contains("mlops infer-contract"), absent.getMessage());
    }

    @Test
    void aModelThatFailsTheGateIsNotRegisteredAndTheResultSaysWhy(@TempDir Path dir) throws IOException {
        PipelineResult result = Pipeline.fromYaml(small(dir, """
                gate: {thresholds: [{metric: accuracy, absolute: 0.99}]}
                register: {repository: %s, name: credit, alias: production}
                """.formatted(dir.resolve("models")))).run();
        assertFalse(result.released());
        assertNull(result.registeredName());
        assertEquals(0, result.registeredVersion());
        assertTrue(result.gateReasons().stream().anyMatch(r -> r.startsWith("FAIL accuracy")
                && r.contains("misses minimum 0.99")), result.gateReasons().toString());
        assertFalse(Files.exists(dir.resolve("models")), "nothing is registered");
        try (RunTracker tracker = RunTracker.inDirectory(dir.resolve("runs"))) {
            RunRecord run = tracker.get(result.runId());
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals("false", run.tags().get("released"));
            assertTrue(run.tags().get("not_registered").contains("FAIL accuracy"), run.tags().toString());
        }
    }

    @Test
    void theGateComparesWithTheModelTheAliasPointsAt_fromTheSecondRunOn(@TempDir Path dir) throws IOException {
        String yaml = small(dir, """
                gate: {thresholds: [{metric: accuracy, minAbsoluteChange: 0.0}]}
                register: {repository: %s, name: credit, alias: production}
                """.formatted(dir.resolve("models")));
        PipelineResult first = Pipeline.fromYaml(yaml).run();
        assertTrue(first.gateReasons().stream().anyMatch(r -> r.contains("there is no current model: not checked")),
                first.gateReasons().toString());
        assertTrue(Files.isDirectory(Pipeline.trainedModelDir(dir.resolve("models"), "credit", 1)),
                "the trained model is kept beside the repository for the next comparison");

        PipelineResult second = Pipeline.fromYaml(yaml).run();
        assertTrue(second.released(), second.gateReasons().toString());
        assertEquals(2, second.registeredVersion());
        assertTrue(second.gateReasons().stream().anyMatch(r -> r.startsWith("PASS accuracy")
                && r.contains("change +0.0000 vs current")), "the same data and seed: no change, which the gate"
                + " allows: " + second.gateReasons());
        try (RunTracker tracker = RunTracker.inDirectory(dir.resolve("runs"))) {
            assertEquals("credit@1", tracker.get(second.runId()).tags().get("gate.current"));
        }
    }
}
