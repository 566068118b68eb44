package dev.mlops.pipeline;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.api.MlopsException;
import dev.mlops.api.ValidationException;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.ModelVersion;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.data.CsvSource;
import dev.mlops.data.JdbcSource;
import dev.mlops.data.JsonLinesSource;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.data.validate.Contract;
import dev.mlops.data.validate.InferenceOptions;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import dev.mlops.train.Evaluation;
import dev.mlops.train.Evaluator;
import dev.mlops.train.MetricThreshold;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.TrainerSettings;
import dev.mlops.train.TrainingListener;
import dev.mlops.train.Tuner;
import dev.mlops.train.TuningResult;
import dev.mlops.train.onnx.ModelPackager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline as a file: read a source, split it, train, evaluate, track the run and register the model, all from
 * one YAML or JSON file that is validated as a whole before anything runs.
 *
 * <pre>{@code
 * PipelineResult result = Pipeline.fromFile(Path.of("credit.yaml")).run();
 * }</pre>
 *
 * <p>Strings may be {@code ${env:NAME}} references, resolved from the environment when the pipeline runs and never
 * written back resolved: the run record keeps the file with its references ({@link #PIPELINE_PARAM}), which is what
 * {@link #fromRun(RunTracker, String)} reads to repeat a run.
 */
public final class Pipeline {

    /** The run parameter holding the pipeline file (as JSON, secrets as references). */
    public static final String PIPELINE_PARAM = "pipeline.file";
    /** The data fingerprint role the source is recorded under. */
    public static final String SOURCE_ROLE = "source";

    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    /** The SDK's one JSON configuration, so the settings records read here as their own fromJson reads them. */
    private static final ObjectMapper JSON = Json.mapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final PipelineFile file;
    private final Path baseDir;
    private final Map<String, String> environment;
    private final String expectedFingerprint;
    private final PipelineListener listener;

    private Pipeline(PipelineFile file, Path baseDir, Map<String, String> environment, String expectedFingerprint,
                     PipelineListener listener) {
        this.file = file;
        this.baseDir = baseDir;
        this.environment = Map.copyOf(environment);
        this.expectedFingerprint = expectedFingerprint;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Reads a pipeline file: YAML for {@code .yaml}/{@code .yml}, JSON for {@code .json}. Relative paths in it are
     * resolved against the file's folder.
     *
     * @throws PipelineException listing every problem in the file
     */
    public static Pipeline fromFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        if (!yaml && !name.endsWith(".json")) {
            throw new MlopsException("Cannot tell the format of the pipeline file " + path
                    + ": name it .yaml, .yml or .json");
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pipeline file " + path, e);
        }
        Path base = path.toAbsolutePath().getParent();
        return parse(yaml ? YAML : JSON, text, path.toString(), base);
    }

    /** A pipeline from JSON text; relative paths resolve against the working directory. */
    public static Pipeline fromJson(String json) {
        return parse(JSON, json, "JSON", Path.of("").toAbsolutePath());
    }

    /** A pipeline from YAML text; relative paths resolve against the working directory. */
    public static Pipeline fromYaml(String yaml) {
        return parse(YAML, yaml, "YAML", Path.of("").toAbsolutePath());
    }

    /**
     * The pipeline of an earlier run, read from its run record, which repeats that run exactly. Running it refuses
     * when the source's data no longer has the fingerprint the run recorded.
     *
     * @throws MlopsException when the run has no pipeline file recorded
     */
    public static Pipeline fromRun(RunTracker tracker, String runId) {
        RunRecord record = tracker.get(runId);
        String json = record.params().get(PIPELINE_PARAM);
        if (json == null) {
            throw new MlopsException("Run " + runId + " was not started from a pipeline file (it has no '"
                    + PIPELINE_PARAM + "' parameter); only runs of Pipeline.run() can be repeated");
        }
        String base = record.params().get("pipeline.baseDir");
        Pipeline p = parse(JSON, json, "of run " + runId, base == null ? Path.of("").toAbsolutePath() : Path.of(base));
        return new Pipeline(p.file, p.baseDir, p.environment, record.dataFingerprints().get(SOURCE_ROLE),
                p.listener);
    }

    /** This pipeline resolving {@code ${env:NAME}} references from {@code env} instead of the process environment. */
    public Pipeline withEnvironment(Map<String, String> env) {
        return new Pipeline(file, baseDir, env, expectedFingerprint, listener);
    }

    /**
     * This pipeline reporting its progress to {@code newListener}: its steps, the tuning trials and folds, and the
     * trainer's own events (a command line draws them as progress bars).
     */
    public Pipeline withListener(PipelineListener newListener) {
        return new Pipeline(file, baseDir, environment, expectedFingerprint, newListener);
    }

    /** The folder relative paths of the file resolve against. */
    public Path baseDirectory() {
        return baseDir;
    }

    /**
     * A path written in the file (such as {@code serve.tokenFile}), its {@code ${env:NAME}} references resolved and
     * made absolute against the file's folder.
     *
     * @throws PipelineException when a reference names an unset variable
     */
    public Path path(String value) {
        Matcher m = ENV.matcher(value);
        List<PipelineProblem> problems = new ArrayList<>();
        while (m.find()) {
            if (environment.get(m.group(1)) == null) {
                problems.add(new PipelineProblem("(path)", value, "the environment variable " + m.group(1)
                        + " is not set; set it before running"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineException("(environment)", problems);
        }
        return baseDir.resolve(resolve(value));
    }

    /** The file as bound, secrets still as references. */
    public PipelineFile file() {
        return file;
    }

    /** The file as JSON, secrets still as references: what the run record stores. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new MlopsException("Cannot write the pipeline as JSON: " + e.getMessage(), e);
        }
    }

    private static Pipeline parse(ObjectMapper mapper, String text, String where, Path base) {
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PipelineException(where, List.of(new PipelineProblem("(file)", null,
                    "not valid " + (mapper == YAML ? "YAML" : "JSON") + ": " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()))));
        }
        List<PipelineProblem> problems = new ArrayList<>();
        if (tree == null || !tree.isObject()) {
            throw new PipelineException(where, List.of(new PipelineProblem("(file)", null,
                    "expected an object with " + names(PipelineFile.class))));
        }
        Validation.check(tree, problems);
        if (!problems.isEmpty()) {
            throw new PipelineException(where, problems);
        }
        PipelineFile bound;
        try {
            bound = JSON.treeToValue(tree, PipelineFile.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PipelineException(where, List.of(new PipelineProblem("(file)", null, e.getMessage())));
        }
        Map<String, String> env = System.getenv();
        return new Pipeline(bound, base, env, null, PipelineListener.none());
    }

    static String names(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return String.join(", ", names);
    }

    /**
     * Runs the pipeline: reads the source, splits, checks the data, trains (through the feature steps, with the
     * tuning's best settings), evaluates on the test rows, applies the release gate, tracks the run (the file, the
     * trainer's settings, the metrics and the data fingerprint) and registers the model when the file says where and
     * the gate lets it.
     *
     * @throws PipelineException when an {@code ${env:NAME}} reference names an unset variable, or the contract file
     *     cannot be read
     * @throws ValidationException when an ERROR check of the data fails (the message names the report written)
     * @throws MlopsException when the data differs from the run this pipeline was rebuilt from
     */
    public PipelineResult run() {
        checkEnvironment();
        PipelineFile.Source source = file.source();
        step("read", 0, 1, describe(source));
        Frame data = read(source);
        step("read", 1, 1, data.rowCount() + " rows from " + describe(source));
        String fingerprint = data.fingerprint();
        if (expectedFingerprint != null && !expectedFingerprint.equals(fingerprint)) {
            throw new MlopsException("Refusing to repeat the run: the source " + describe(source)
                    + " now has data fingerprint " + fingerprint + ", but the run recorded " + expectedFingerprint
                    + ". Restore the data the run read, or run the pipeline file as a new run");
        }
        PipelineFile.Split s = file.split() == null ? new PipelineFile.Split(null, null, null) : file.split();
        double testShare = s.testShare() == null ? 0.2 : s.testShare();
        long seed = s.seed() == null ? 42 : s.seed();
        TrainerSettings settings = file.trainer();
        boolean stratified = s.stratified() == null ? settings.task() == ModelTask.CLASSIFICATION : s.stratified();
        TrainTestSplit split = (stratified ? Splitter.stratified(source.label(), testShare, seed)
                : Splitter.random(testShare, seed)).split(data);

        Map<String, Path> outputs = new LinkedHashMap<>();
        try (RunTracker tracker = openTracker(file.tracking(), outputs)) {
            Run run = tracker.start(file.experiment() == null ? "pipeline" : file.experiment(), "pipeline");
            try {
                run.logParam(PIPELINE_PARAM, toJson());
                run.logParam("pipeline.baseDir", baseDir.toString());
                run.logDataFingerprint(SOURCE_ROLE, fingerprint);
                if (file.serve() != null) {
                    run.logParam("pipeline.serve", Json.write(file.serve()));
                }
                if (file.monitor() != null) {
                    run.logParam("pipeline.monitor", Json.write(file.monitor()));
                }
                if (file.checks() != null) {
                    check(file.checks(), data, split, outputs, run);
                }
                TrainingListener progress = trainingListener();
                // The profile travels in the artifact: the reference a drift monitor of the served model compares with.
                Trainer trainer = Trainer.of(settings).listener(progress).recordProfile(true);
                PipelineFile.Features features = file.features();
                if (features != null && features.selection() != null) {
                    trainer = trainer.selection(features.selection());
                }
                if (features != null && features.preprocessing() != null) {
                    trainer = trainer.preprocessing(features.preprocessing());
                }
                Map<String, Object> tuned = Map.of();
                if (file.tuning() != null) {
                    TuningResult tuning = Tuner.of(trainer, file.tuning()).listener(progress)
                            .tune(split.train(), source.label());
                    TuningResult.Trial best = tuning.best();
                    trainer = trainer.withSettings(best.settings());
                    tuned = best.changes();
                    run.logParam("tuning.metric", tuning.metric()).setTag("tuning.best_trial",
                            String.valueOf(best.index()));
                    run.logMetric("tuning.best_" + tuning.metric(), best.mean());
                }
                run.logParams(new TreeMap<>(trainer.settings().toParams()));
                run.logParams(Tuner.pipelineParams(trainer));
                step("train", 0, 1, trainer.settings().algorithm());
                TrainedModel model = trainer.train(split.train(), source.label());
                step("train", 1, 1, trainer.settings().algorithm());
                step("evaluate", 0, 1, split.test().rowCount() + " test rows");
                TrainedModel current = file.gate() == null ? null : currentModel(file.register(), run);
                Evaluator gate = file.gate() == null ? null : current == null ? Evaluator.of(file.gate())
                        : Evaluator.of(file.gate()).compareWith(current,
                                file.gate().thresholds().toArray(MetricThreshold[]::new));
                Evaluation evaluation = gate != null
                        ? gate.listener(progress).evaluate(model, split.train(), split.test())
                        : (settings.task() == ModelTask.CLASSIFICATION ? Evaluator.classification()
                        : Evaluator.regression()).evaluate(model, split.test());
                step("evaluate", 1, 1, split.test().rowCount() + " test rows");
                Map<String, Double> metrics = new TreeMap<>(evaluation.metrics().values());
                run.logMetrics(metrics, 0);
                boolean released = file.gate() == null || evaluation.comparison().blessed();
                List<String> reasons = file.gate() == null ? List.of() : evaluation.comparison().reasons();
                if (file.gate() != null) {
                    run.setTag("released", String.valueOf(released));
                }
                String name = null;
                String alias = null;
                int version = 0;
                PipelineFile.Register register = file.register();
                if (register != null && !released) {
                    run.setTag("not_registered", "the release gate failed: " + String.join(" ", reasons.stream()
                            .filter(r -> r.startsWith("FAIL")).toList()));
                } else if (register != null) {
                    step("register", 0, 1, register.name());
                    Path root = baseDir.resolve(resolve(register.repository()));
                    ModelPackager.Builder packager = ModelPackager.newBuilder().trainedModel(model).metrics(metrics)
                            .runId(run.id()).dataFingerprint(SOURCE_ROLE, fingerprint);
                    ModelArtifact artifact = packager.build();
                    ModelRepository repository = ModelRepository.onFileSystem(root);
                    ModelVersion registered = repository.register(register.name(), artifact);
                    name = register.name();
                    version = registered.version();
                    if (register.alias() != null) {
                        repository.setAlias(name, register.alias(), version);
                        alias = register.alias();
                    }
                    outputs.put("repository", root);
                    // The trained model too, so that the next run's gate can compare with it (the repository holds
                    // the ONNX artifact, which the evaluator cannot score like a candidate).
                    Path trained = trainedModelDir(root, name, version);
                    model.save(trained);
                    run.logArtifact("trained-model", trained.toUri().toString());
                    run.setTag("registered", name + "@" + version);
                    step("register", 1, 1, name + " version " + version);
                }
                run.end(RunStatus.FINISHED);
                return new PipelineResult(run.id(), metrics, fingerprint, name, version, alias, outputs, released,
                        reasons, tuned, file);
            } catch (RuntimeException e) {
                run.end(RunStatus.FAILED);
                throw e;
            }
        }
    }

    /**
     * The model the file's alias points at now, as trained, for the release gate's comparison; {@code null} when
     * nothing is registered under it yet or that version was not registered by a pipeline (its run then records
     * why the change thresholds were not checked).
     */
    private TrainedModel currentModel(PipelineFile.Register register, Run run) {
        if (register == null || register.alias() == null) {
            return null;
        }
        Path root = baseDir.resolve(resolve(register.repository()));
        if (!Files.isDirectory(root)) {
            return null;
        }
        int version;
        try {
            version = ModelRepository.onFileSystem(root).resolve(register.name() + "@" + register.alias()).version();
        } catch (dev.mlops.api.ModelLoadException e) {
            return null; // the first model under this alias
        }
        Path dir = trainedModelDir(root, register.name(), version);
        if (!Files.isDirectory(dir)) {
            run.setTag("gate.current", register.name() + "@" + version + " has no trained model stored beside it "
                    + "(not registered by a pipeline): change thresholds not checked");
            return null;
        }
        run.setTag("gate.current", register.name() + "@" + version);
        return TrainedModel.load(dir);
    }

    /** Where a pipeline keeps the trained model of a registered version: beside the repository, not inside it. */
    static Path trainedModelDir(Path repositoryRoot, String name, int version) {
        return repositoryRoot.resolveSibling(repositoryRoot.getFileName() + ".trained").resolve(name)
                .resolve(Integer.toString(version));
    }

    /**
     * The data checks: the contract file on all the rows read, the contract inferred from the training rows on the
     * test rows. Each report is written, and recorded as an artifact of the run, before a failed ERROR check stops
     * the run.
     */
    private void check(PipelineFile.Checks checks, Frame data, TrainTestSplit split, Map<String, Path> outputs,
                       Run run) {
        Path dir = baseDir.resolve(resolve(checks.reports() == null ? "validation" : checks.reports()));
        outputs.put("validation", dir);
        boolean infer = Boolean.TRUE.equals(checks.infer());
        int total = (checks.contract() == null ? 0 : 1) + (infer ? 1 : 0);
        int done = 0;
        List<String> failures = new ArrayList<>();
        if (checks.contract() != null) {
            Path path = baseDir.resolve(resolve(checks.contract()));
            step("check", done, total, "contract " + path.getFileName());
            Contract contract;
            try {
                contract = Contract.fromJson(Files.readString(path));
            } catch (IOException | RuntimeException e) {
                throw new PipelineException("(checks)", List.of(new PipelineProblem("checks.contract",
                        checks.contract(), "cannot read the contract " + path + " (" + e.getMessage() + "); give a"
                        + " contract file as 'mlops infer-contract' writes it, relative to the pipeline file")));
            }
            ValidationReport report = Validator.of(contract).validate(data, describe(file.source()));
            failures.addAll(report(report, dir.resolve("contract-report.json"), "contract", run));
            step("check", ++done, total, "contract " + path.getFileName());
        }
        if (infer) {
            step("check", done, total, "test rows against the training rows");
            InferenceOptions options = checks.inference() == null ? InferenceOptions.DEFAULTS : checks.inference();
            ValidationReport report = Validator.inferFrom(split.train(), options)
                    .validate(split.test(), "the test rows of " + describe(file.source()));
            failures.addAll(report(report, dir.resolve("test-report.json"), "test", run));
            step("check", ++done, total, "test rows against the training rows");
        }
        if (!failures.isEmpty()) {
            run.setTag("failed_checks", String.valueOf(failures.size()));
            throw new ValidationException("The data failed its checks, so the pipeline stopped before training:\n"
                    + String.join("\n", failures) + "\nFix the data, or the contract (checks in the pipeline file),"
                    + " and run again");
        }
    }

    /** Writes one report and records it; the failure text (summary and report path) when an ERROR check failed. */
    private static List<String> report(ValidationReport report, Path path, String role, Run run) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, report.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the validation report " + path, e);
        }
        run.logArtifact("validation." + role, path.toString());
        return report.passed() ? List.of() : List.of(report.summary() + "\n  The validation report is at " + path);
    }

    /** The trainer's, tuner's and evaluator's events as pipeline steps. */
    private TrainingListener trainingListener() {
        return e -> listener.onProgress(new PipelineEvent(switch (e.phase()) {
            case TRIAL -> "tune";
            case FOLD -> "fold";
            case FIT -> "fit";
            case CONVERT -> "convert";
            case LEARNING_CURVE -> "learning-curve";
        }, e.done(), e.total(), e.detail()));
    }

    private void step(String step, int done, int total, String detail) {
        listener.onProgress(new PipelineEvent(step, done, total, detail));
    }

    /** The one place a tracking store is opened (repointed to RunTracker's own factories once they exist). */
    private RunTracker openTracker(PipelineFile.Tracking tracking, Map<String, Path> outputs) {
        if (tracking == null) {
            return RunTracker.disabled();
        }
        if (tracking.directory() != null) {
            Path dir = baseDir.resolve(resolve(tracking.directory()));
            outputs.put("tracking", dir);
            return RunTracker.inDirectory(dir);
        }
        return RunTracker.jdbc(resolve(tracking.jdbcUrl()), resolve(tracking.user()), resolve(tracking.password()));
    }

    private Frame read(PipelineFile.Source source) {
        String type = source.type();
        if (type.equals("jdbc")) {
            String url = resolve(source.url());
            String user = resolve(source.user());
            String password = resolve(source.password());
            return JdbcSource.newBuilder()
                    .connections(() -> user == null ? DriverManager.getConnection(url)
                            : DriverManager.getConnection(url, user, password))
                    .query(resolve(source.query())).name(source.url())
                    .role(source.label(), FieldRole.LABEL).build().ingest().frame();
        }
        Path path = baseDir.resolve(resolve(source.path()));
        if (type.equals("csv")) {
            return CsvSource.newBuilder(path).role(source.label(), FieldRole.LABEL).build().ingest().frame();
        }
        return JsonLinesSource.newBuilder(path).role(source.label(), FieldRole.LABEL).build().ingest().frame();
    }

    private static String describe(PipelineFile.Source source) {
        return source.type().equals("jdbc") ? source.url() + " (" + source.query() + ")" : source.path();
    }

    private void checkEnvironment() {
        List<PipelineProblem> problems = new ArrayList<>();
        JsonNode tree = JSON.valueToTree(file);
        walkStrings(tree, "", (path, value) -> {
            Matcher m = ENV.matcher(value);
            while (m.find()) {
                if (environment.get(m.group(1)) == null) {
                    problems.add(new PipelineProblem(path, value, "the environment variable " + m.group(1)
                            + " is not set; set it before running"));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new PipelineException("(environment)", problems);
        }
    }

    private static void walkStrings(JsonNode node, String path, java.util.function.BiConsumer<String, String> f) {
        if (node.getNodeType() == JsonNodeType.STRING) {
            f.accept(path, node.asText());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walkStrings(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), f);
            }
        }
    }

    /** Resolves the {@code ${env:NAME}} references in one value; only ever used at the point of use. */
    String resolve(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Objects.requireNonNull(environment.get(m.group(1)),
                    m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The subtypes of TrainerSettings by algorithm name, from its Jackson annotations. */
    static Map<String, Class<?>> algorithms() {
        Map<String, Class<?>> byName = new TreeMap<>();
        for (JsonSubTypes.Type t : TrainerSettings.class.getAnnotation(JsonSubTypes.class).value()) {
            byName.put(t.name(), t.value());
        }
        return byName;
    }
}
