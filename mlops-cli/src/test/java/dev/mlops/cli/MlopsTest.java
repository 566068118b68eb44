package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.pipeline.Pipeline;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ModelPackager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Each command as a user runs it: its exit code, what it prints, and the files it writes. */
class MlopsTest {
    static final Path CREDIT = Path.of(System.getProperty("datasets.dir", "../samples/src/main/resources/datasets"),
            "credit-g.csv");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    static Result run(String... args) {
        CommandLine cli = Mlops.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void profile_printsRowsAndEveryColumn_andJsonForScripts() throws Exception {
        Result r = run("profile", CREDIT.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1000 rows, 21 columns"), r.out());
        assertTrue(r.out().contains("credit_amount") && r.out().contains("checking_status"), r.out());
        Result json = run("profile", CREDIT.toString(), "--json", "--out", dir.resolve("p.json").toString());
        assertEquals(0, json.code(), json.err());
        assertEquals(1000, json.json().get("rowCount").asLong());
        assertEquals(json.json(), Json.mapper().readTree(Files.readString(dir.resolve("p.json"))));
    }

    @Test
    void badInput_exitsTwo_withAMessageSayingWhatToFix() {
        Result missing = run("profile", dir.resolve("nope.csv").toString());
        assertEquals(Mlops.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("No data file at") && missing.err().contains("nope.csv"), missing.err());
        Result format = run("profile", CREDIT.resolveSibling("README.md").toString());
        assertEquals(Mlops.BAD_INPUT, format.code());
        assertTrue(format.err().contains("Cannot tell the format"), format.err());
        Result option = run("profile", CREDIT.toString(), "--jsn");
        assertEquals(Mlops.BAD_INPUT, option.code());
        assertTrue(option.err().contains("Unknown option: '--jsn'"), option.err());
        Result column = run("rank", CREDIT.toString(), "--label", "klass");
        assertEquals(Mlops.BAD_INPUT, column.code());
        assertTrue(column.err().contains("No column 'klass'") && column.err().contains("class"), column.err());
        Result noContract = run("validate", CREDIT.toString());
        assertEquals(Mlops.BAD_INPUT, noContract.code());
        assertTrue(noContract.err().contains("--contract"), noContract.err());
    }

    @Test
    void inferThenValidate_passesOnTheReference_andFailsWithExitOneOnBadRows() throws Exception {
        Path contract = dir.resolve("contract.json");
        Result infer = run("infer-contract", CREDIT.toString(), "--out", contract.toString());
        assertEquals(0, infer.code(), infer.err());
        assertTrue(Files.size(contract) > 100 && infer.out().contains("constraints"), infer.out());
        Result ok = run("validate", CREDIT.toString(), "--contract", contract.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        List<String> lines = Files.readAllLines(CREDIT);
        String header = lines.get(0);
        int age = List.of(header.split(",")).indexOf("age");
        String[] cells = lines.get(1).split(",", -1);
        cells[age] = "-5";
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of(header, String.join(",", cells), lines.get(2)));
        Result fails = run("validate", bad.toString(), "--contract", contract.toString());
        assertEquals(Mlops.FAILED, fails.code(), fails.out());
        assertTrue(fails.out().contains("age"), "the report names the column: " + fails.out());
        Result json = run("validate", bad.toString(), "--contract", contract.toString(), "--json");
        assertEquals(Mlops.FAILED, json.code());
        assertTrue(json.json().has("results"), json.out());
    }

    @Test
    void rank_listsTheColumnsByScore() throws Exception {
        Result r = run("rank", CREDIT.toString(), "--label", "class");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("checking_status"), r.out());
        Result json = run("rank", CREDIT.toString(), "--label", "class", "--method", "chi2", "--json");
        assertEquals(0, json.code(), json.err());
        assertEquals("class", json.json().get("label").asText());
    }

    @Test
    void runs_listShowCompare_markTheRowsThatDiffer() throws Exception {
        Path store = dir.resolve("runs");
        String a;
        String b;
        try (RunTracker t = RunTracker.inDirectory(store)) {
            try (Run r = t.start("credit", "logreg")) {
                r.logParam("learningRate", "0.1").logParam("seed", "42").logMetric("accuracy", 0.75);
                a = r.id();
            }
            try (Run r = t.start("credit", "logreg")) {
                r.logParam("learningRate", "0.5").logParam("seed", "42").logMetric("accuracy", 0.77);
                b = r.id();
            }
        }
        Result list = run("runs", "list", "--store", store.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(a) && list.out().contains(b) && list.out().contains("2 runs"), list.out());
        Result show = run("runs", "show", a, "--store", store.toString());
        assertTrue(show.out().contains("learningRate = 0.1") && show.out().contains("accuracy = 0.750000"),
                show.out());
        Result compare = run("runs", "compare", a, b, "--store", store.toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("* param learningRate")), compare.out());
        assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("  param seed")), compare.out());
        assertTrue(compare.out().contains("2 of 3 rows differ"), compare.out());
        JsonNode json = run("runs", "compare", a, b, "--store", store.toString(), "--json").json();
        assertTrue(json.get("rows").get("metric accuracy").get("differs").asBoolean());
        Result unknown = run("runs", "show", "no-such-run", "--store", store.toString());
        assertEquals(Mlops.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("No run 'no-such-run'"), unknown.err());
        Result noStore = run("runs", "list");
        assertEquals(Mlops.BAD_INPUT, noStore.code());
        assertTrue(noStore.err().contains("--store") && noStore.err().contains("--jdbc"), noStore.err());
    }

    @Test
    void models_listShowPromoteArchive() throws Exception {
        Path repoDir = dir.resolve("repo");
        Frame credit = dev.mlops.api.DataSource.csv(CREDIT).read();
        ModelRepository repo = ModelRepository.onFileSystem(repoDir);
        List<String> numeric = credit.columns().stream().filter(c -> c.type().isNumeric()).map(c -> c.name())
                .toList();
        List<String> categorical = credit.columns().stream().filter(c -> !c.type().isNumeric()
                && !c.name().equals("class")).map(c -> c.name()).toList();
        dev.mlops.features.FittedPreprocessing prep = dev.mlops.features.Preprocessing.newBuilder()
                .scale(dev.mlops.features.Transform.Scaling.STANDARD, numeric.toArray(String[]::new))
                .oneHot(dev.mlops.features.Transform.UnseenCategories.IGNORE, categorical.toArray(String[]::new))
                .build().fit(credit.drop("class"));
        for (long seed = 1; seed <= 2; seed++) {
            repo.register("credit", ModelPackager.of(Trainer.cartClassifier().seed(seed).preprocessing(prep)
                    .train(credit, "class")));
        }
        Result promote = run("models", "promote", "credit", "2", "--repo", repoDir.toString());
        assertEquals(0, promote.code(), promote.err());
        assertEquals(2, repo.resolve("credit@production").version());
        Result list = run("models", "list", "--repo", repoDir.toString());
        assertTrue(list.out().contains("credit") && list.out().contains("2 versions")
                && list.out().contains("production=2"), list.out());
        Result archive = run("models", "archive", "credit", "1", "--repo", repoDir.toString());
        assertEquals(0, archive.code(), archive.err());
        JsonNode show = run("models", "show", "credit", "--repo", repoDir.toString(), "--json").json();
        assertTrue(show.get(0).get("archived").asBoolean());
        assertEquals("production", show.get(1).get("aliases").get(0).asText());
        Result missing = run("models", "promote", "credit", "7", "--repo", repoDir.toString());
        assertEquals(Mlops.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("No version 7"), missing.err());
    }

    @Test
    void drift_ofTheDataAgainstItself_isNone_andOfAShiftedCopyExitsOneNamingTheColumn() throws Exception {
        Result same = run("drift", CREDIT.toString(), CREDIT.toString());
        assertEquals(0, same.code(), same.out() + same.err());
        List<String> lines = Files.readAllLines(CREDIT);
        int age = List.of(lines.get(0).split(",")).indexOf("age");
        List<String> shifted = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            cells[age] = Integer.toString(Integer.parseInt(cells[age]) + 30);
            shifted.add(String.join(",", cells));
        }
        Path older = Files.write(dir.resolve("older.csv"), shifted);
        Path html = dir.resolve("drift.html");
        Result drift = run("drift", CREDIT.toString(), older.toString(), "--html", html.toString());
        assertEquals(Mlops.FAILED, drift.code(), drift.out() + drift.err());
        assertTrue(drift.out().contains("age"), drift.out());
        assertTrue(Files.readString(html).contains("age: share of rows"), "the drift report, with its charts");
    }

    @Test
    void run_aPipelineFile_trainsTracksAndRegisters_andABadFileListsEveryProblem() throws Exception {
        Path file = dir.resolve("credit.yaml");
        Files.writeString(file, "experiment: cli\nsource:\n  type: csv\n  path: " + CREDIT.toAbsolutePath()
                + "\n  label: class\ntrainer:\n  algorithm: cart-classifier\n  seed: 1\nregister:\n  repository: "
                + dir.resolve("models") + "\n  name: credit\n  alias: production\ntracking:\n  directory: "
                + dir.resolve("runs") + "\n");
        Result run = run("run", file.toString(), "--json");
        assertEquals(0, run.code(), run.out() + run.err());
        JsonNode result = run.json();
        assertTrue(result.get("metrics").has("accuracy"), run.out());
        assertEquals(1, ModelRepository.onFileSystem(dir.resolve("models")).resolve("credit@production").version());
        Result again = run("run", "--from-run", result.get("runId").asText(), "--store", dir.resolve("runs").toString(),
                "--json");
        assertEquals(0, again.code(), again.out() + again.err());
        assertEquals(result.get("metrics"), again.json().get("metrics"), "the run repeats exactly");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "experiment: cli\nsource:\n  type: csv\n  pathh: x.csv\ntrainer:\n  algorithm: "
                + "cart-classifier\n  maxDepth: -3\n");
        Result invalid = run("run", bad.toString());
        assertEquals(Mlops.BAD_INPUT, invalid.code(), invalid.out());
        assertTrue(invalid.err().contains("pathh") && invalid.err().contains("did you mean"), invalid.err());
    }

    @Test
    void profile_reportsItsStepsAsPlainLinesOnTheErrorStream_leavingTheJsonClean() throws Exception {
        Result r = run("profile", CREDIT.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("[                    ]   0% profiling 0/1000 credit-g.csv",
                "[####################] 100% profiling 1000/1000 rows read and profiled",
                "[####################] 100% profiling 1/1 1000 rows, 21 columns"), r.err().lines().toList());
        assertEquals(1000, r.json().get("rowCount").asLong(), "stdout is the profile's JSON alone");
    }

    @Test
    void profile_ofALargeFile_movesTheBarOnceABatch_andMergesTheBatchesIntoOneProfile() throws Exception {
        StringBuilder csv = new StringBuilder("x,colour\n");
        for (int i = 0; i < 250_000; i++) {
            csv.append(i % 1000).append(',').append(i % 3 == 0 ? "red" : "blue").append('\n');
        }
        Path file = Files.writeString(dir.resolve("large.csv"), csv);
        Result r = run("profile", file.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("[                    ]   0% profiling 0/250000 large.csv",
                "[########            ]  40% profiling 100000/250000 rows read and profiled",
                "[################    ]  80% profiling 200000/250000 rows read and profiled",
                "[####################] 100% profiling 250000/250000 rows read and profiled",
                "[####################] 100% profiling 1/1 250000 rows, 2 columns"), r.err().lines().toList());
        dev.mlops.data.profile.Profile merged = dev.mlops.data.profile.Profile.fromJson(r.out());
        assertEquals(250_000, merged.rowCount());
        assertEquals(999.0, merged.columns().get("x").moments().orElseThrow().max(), "the batches' ranges merged");
        assertEquals(0.0, merged.columns().get("x").moments().orElseThrow().min());
    }

    /** A pipeline file over the credit data with a CART trainer, tracked and registered under {@code dir}. */
    private Path pipelineFile(String name, String sections) throws Exception {
        return Files.writeString(dir.resolve(name), """
                experiment: cli
                source: {type: csv, path: %s, label: class}
                trainer: {algorithm: cart-classifier, seed: 1}
                register: {repository: %s, name: credit, alias: production}
                tracking: {directory: %s}
                """.formatted(CREDIT.toAbsolutePath(), dir.resolve("models"), dir.resolve("runs")) + sections);
    }

    @Test
    void run_printsPlainProgressLinesWhenNotATerminal_andAFailedGateExitsOneRegisteringNothing() throws Exception {
        Path file = pipelineFile("gated.yaml", """
                tuning: {folds: 2, space: {maxDepth: {values: [2, 4]}}}
                gate: {thresholds: [{metric: accuracy, absolute: 0.99}]}
                """);
        Result r = run("run", file.toString(), "--no-progress");
        assertEquals(Mlops.FAILED, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("[####################] 100% tuning trial 2/2"), r.err());
        assertTrue(r.err().contains("% reading 0/1") && r.err().contains("100% training 1/1"), r.err());
        assertTrue(!r.err().contains("\r"), "plain lines, no bars redrawn in place: " + r.err());
        assertTrue(r.out().contains("Release gate: FAILED, so the model was not registered")
                && r.out().contains("FAIL accuracy"), r.out());
        assertTrue(r.out().contains("Tuned: {maxDepth="), r.out());
        assertTrue(!Files.exists(dir.resolve("models")), "nothing is registered");

        JsonNode json = run("run", file.toString(), "--json").json();
        assertEquals(false, json.get("released").asBoolean());
        assertTrue(json.get("gate").toString().contains("FAIL accuracy"), json.toString());
    }

    @Test
    void run_failedDataChecksExitOne_namingTheValidationReport() throws Exception {
        Path contract = Files.writeString(dir.resolve("contract.json"),
                dev.mlops.data.validate.Validator.create().expect("age").between(18, 30).contract().toJson());
        Path file = pipelineFile("checked.yaml", "checks: {contract: " + contract + "}\n");
        Result r = run("run", file.toString());
        assertEquals(Mlops.FAILED, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("stopped before training") && r.err().contains("age")
                && r.err().contains(dir.resolve("validation").resolve("contract-report.json").toString()), r.err());
        assertTrue(Files.exists(dir.resolve("validation").resolve("contract-report.json")));
    }

    @Test
    void serve_withAPipelineFile_servesWhatItRegisters_withItsEndpointSettingsAndTokenFile() throws Exception {
        Files.writeString(dir.resolve("tokens.txt"), "t0ken\n");
        Path file = pipelineFile("served.yaml", """
                serve:
                  endpoint: {httpPort: 0, grpcPort: -1}
                  server: {batching: true, maxBatchSize: 8}
                  tokenFile: tokens.txt
                """);
        assertEquals(0, run("run", file.toString()).code());
        Result served = serving(() -> {
            java.net.URI uri = ServeCommand.running.httpUri().resolve("v2/models/credit");
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            var anonymous = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), "the file's token file is used: " + anonymous.body());
            var ok = http.send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer t0ken")
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
        }, "serve", "--pipeline", file.toString());
        assertEquals(0, served.code(), served.err());
        assertTrue(served.out().contains("Serving credit@production") && !served.out().contains("gRPC"),
                "REST only, as the file says: " + served.out());

        Path unregistered = Files.writeString(dir.resolve("unregistered.yaml"), "source: {type: csv, path: x.csv,"
                + " label: class}\ntrainer: {algorithm: cart-classifier}\n");
        Result bad = run("serve", "--pipeline", unregistered.toString());
        assertEquals(Mlops.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("registers no model") && bad.err().contains("REPO NAME@ALIAS"), bad.err());
    }

    @Test
    void serve_withAMonitorSection_watchesTheTrafficAgainstTheTrainingProfile_andPrintsItsAlerts() throws Exception {
        Path file = pipelineFile("monitored.yaml", """
                serve:
                  endpoint: {httpPort: 0, grpcPort: -1}
                monitor:
                  window: {kind: ROWS, rows: 200}
                """);
        assertEquals(0, run("run", file.toString()).code());
        Result served = serving(() -> { }, "serve", "--pipeline", file.toString());
        assertEquals(0, served.code(), served.err());
        assertTrue(served.out().contains("Drift monitored against the training profile, windows of 200 rows"),
                served.out());

        // The monitor the section builds: 200 rows unlike the training data close a window and fire its alert.
        java.io.StringWriter printed = new java.io.StringWriter();
        Pipeline p = Pipeline.fromFile(file);
        Frame credit = dev.mlops.api.DataSource.csv(CREDIT).read().drop("class");
        List<dev.mlops.api.Column> shifted = new java.util.ArrayList<>();
        for (dev.mlops.api.Column c : credit.columns()) {
            if (c.type().isNumeric()) {
                double[] v = credit.doubles(c.name()).toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = v[i] * 3 + 50;
                }
                shifted.add(dev.mlops.api.DoubleColumn.of(c.name(), v));
            } else {
                String[] one = new String[credit.rowCount()];
                java.util.Arrays.fill(one, credit.categorical(c.name()).getString(0));
                shifted.add(dev.mlops.api.CategoricalColumn.of(c.name(), one));
            }
        }
        try (dev.mlops.monitor.DriftMonitor monitor = ServeCommand.monitor(p.file().monitor(),
                ModelRepository.onFileSystem(dir.resolve("models")), "credit@production",
                new java.io.PrintWriter(printed, true))) {
            monitor.observe(Frame.of(shifted).rows(java.util.stream.IntStream.range(0, 200).toArray()), Frame.of(),
                    java.time.Instant.now());
        }
        assertTrue(printed.toString().contains("ALERT [DATASET_DRIFT]"), printed.toString());
    }

    /** Work done while {@code mlops serve} is up. */
    private interface WhileUp {
        void run() throws Exception;
    }

    /** Runs {@code mlops args} on a thread, does {@code whileUp} once its endpoint is up, stops it, returns its result. */
    private Result serving(WhileUp whileUp, String... args) throws Exception {
        ServeCommand.stop = new java.util.concurrent.CountDownLatch(1);
        ServeCommand.started = new java.util.concurrent.CountDownLatch(1);
        Result[] result = new Result[1];
        Thread serving = new Thread(() -> result[0] = run(args));
        serving.start();
        boolean up = false;
        try {
            up = ServeCommand.started.await(60, java.util.concurrent.TimeUnit.SECONDS);
            if (up) {
                whileUp.run();
            }
        } finally {
            ServeCommand.stop.countDown();
            serving.join(60_000);
        }
        assertTrue(up, "the endpoint came up: " + (result[0] == null ? "(still starting)"
                : result[0].out() + result[0].err()));
        return result[0];
    }

    @Test
    void serve_answersOverRestUntilStopped_andRefusesCallersWithoutAToken() throws Exception {
        Path repoDir = dir.resolve("repo");
        Frame credit = dev.mlops.api.DataSource.csv(CREDIT).read();
        List<String> numeric = credit.columns().stream().filter(c -> c.type().isNumeric()).map(c -> c.name())
                .toList();
        dev.mlops.features.FittedPreprocessing prep = dev.mlops.features.Preprocessing.newBuilder()
                .scale(dev.mlops.features.Transform.Scaling.STANDARD, numeric.toArray(String[]::new)).build()
                .fit(credit.select(numeric));
        ModelRepository repo = ModelRepository.onFileSystem(repoDir);
        repo.register("credit", ModelPackager.of(Trainer.logisticRegression().seed(1).preprocessing(prep)
                .train(credit.select(numeric).withColumn(credit.column("class")), "class")));
        repo.setAlias("credit", "production", 1);
        Path tokens = Files.writeString(dir.resolve("tokens"), "s3cret\n");
        ServeCommand.stop = new java.util.concurrent.CountDownLatch(1);
        ServeCommand.started = new java.util.concurrent.CountDownLatch(1);
        Result[] result = new Result[1];
        Thread serving = new Thread(() -> result[0] = run("serve", repoDir.toString(), "credit@production", "--port",
                "0", "--grpc-port", "-1", "--token-file", tokens.toString()));
        serving.start();
        assertTrue(ServeCommand.started.await(60, java.util.concurrent.TimeUnit.SECONDS), "the endpoint came up");
        java.net.URI uri = ServeCommand.running.httpUri().resolve("v2/models/credit");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var anonymous = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        var ok = http.send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"name\":\"credit\""), ok.body());
        ServeCommand.stop.countDown();
        serving.join(60_000);
        assertEquals(0, result[0].code(), result[0].err());
        assertTrue(result[0].out().contains("REST  http://127.0.0.1:"), result[0].out());
        Result bad = run("serve", repoDir.toString(), "credit");
        assertEquals(Mlops.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("NAME@ALIAS"), bad.err());
    }

    @Test
    void runsReport_isASelfContainedPage_thatChromiumRendersWithEveryChart() throws Exception {
        Path store = dir.resolve("runs");
        try (RunTracker t = RunTracker.inDirectory(store)) {
            for (int i = 0; i < 3; i++) {
                try (Run r = t.start("credit", "trial-" + i)) {
                    r.logParam("maxDepth", Integer.toString(2 + i)).logParam("seed", "42")
                            .logMetric("accuracy", 0.70 + 0.02 * i).logMetric("roc_auc", 0.75 + 0.01 * i);
                }
            }
        }
        Path page = dir.resolve("report.html");
        Result r = run("runs", "report", "--experiment", "credit", "--out", page.toString(), "--store",
                store.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(page);
        assertTrue(html.contains("<h1>Runs of credit</h1>") && html.contains("accuracy over the runs")
                && html.contains("Parameters that changed") && html.contains("maxDepth"), html.length() + " chars");
        assertTrue(!html.contains("<td>seed</td>"), "an unchanged parameter is not listed as changed");
        assertEquals(2, html.split("<svg", -1).length - 1, "a chart per metric");
        assertTrue(!html.contains("<script") && !java.util.regex.Pattern.compile("(src|href)=['\"]https?:")
                .matcher(html).find(), "self-contained");
        Path chromium = java.util.stream.Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (!"true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assumptions.assumeTrue(chromium != null, "Chromium is absent (apt-get install -y"
                    + " chromium); the rendering check is skipped");
        }
        assertTrue(chromium != null, "CI=true but Chromium is absent: .ci/run installs it");
        Path measured = dir.resolve("measure.html");
        Files.writeString(measured, html.replace("</body>", "<script>var s=[];document.querySelectorAll('svg')"
                + ".forEach(function(e){var b=e.getBoundingClientRect();s.push(Math.round(b.width)+'x'"
                + "+Math.round(b.height));});var p=document.createElement('pre');p.id='sizes';p.textContent="
                + "s.join(' ');document.body.appendChild(p);</script></body>"));
        Path profile = Files.createTempDirectory(dir, "chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                measured.toUri().toString()).redirectOutput(dir.resolve("dom.html").toFile())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, "chromium ran");
        String dom = Files.readString(dir.resolve("dom.html"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<pre id=\"sizes\">([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the page rendered and its script ran");
        List<String> sizes = List.of(m.group(1).trim().split(" "));
        assertEquals(2, sizes.size(), sizes.toString());
        sizes.forEach(sz -> assertTrue(!sz.startsWith("0x") && !sz.endsWith("x0"), "a chart with no size: " + sizes));
        assertTrue(Files.readString(dir.resolve("chromium.log")).lines().noneMatch(l -> l.contains("CONSOLE")),
                "no console errors");
    }

    @Test
    void help_listsEveryCommandAndTheExitCodes() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String c : List.of("profile", "infer-contract", "validate", "rank", "drift", "run", "runs", "models", "serve", "Exit codes")) {
            assertTrue(r.out().contains(c), r.out());
        }
    }
}
