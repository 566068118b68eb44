package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.tracking.ResourceMeter;
import dev.mlops.api.tracking.ResourceUsage;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.serve.ModelServer;
import dev.mlops.train.Trainer;
import dev.mlops.train.scoping.CapacityPlan;
import dev.mlops.train.scoping.Requirement;
import dev.mlops.train.scoping.Scoping;
import dev.mlops.train.scoping.ScopingReport;
import dev.mlops.train.scoping.ScopingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scoping and capacity in the main job. Before training: does the credit data need machine learning (baselines,
 * readable rules and quick models cross-validated, requirements checked, representativeness and bias), printed and
 * written as {@code scoping.json} and {@code scoping.html}. After serving: how training time and memory grow with
 * rows, and how many cores a target request rate needs. Both are tracked runs that record their resources.
 */
public final class ScopingStage {
    private static final double TARGET_RPS = 2000;
    private static final Duration TARGET_P99 = Duration.ofMillis(10);

    private ScopingStage() {
    }

    /** Scopes the credit data (label {@code class}), prints the report and writes it under {@code output}. */
    public static ScopingReport run(Frame credit, Path output) {
        CreditPipeline.section("1b. Scope: is the data there, does it need ML, can it meet the requirements?");
        ScopingSettings settings = ScopingSettings.newBuilder()
                .requirements(Requirement.atLeast("roc_auc", 0.75), Requirement.maxP99Latency(Duration.ofMillis(10)),
                        Requirement.maxModelBytes(1 << 20),
                        Requirement.minDisparateImpact("personal_status", "good", 0.8))
                .population("foreign_worker", Map.of("yes", 0.9, "no", 0.1))
                .biasBy("personal_status", "good").build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RunTracker tracker = RunTracker.inDirectory(output.resolve("runs")).measuringResources();
             Run run = tracker.start("credit", "scope")) {
            ScopingReport report = Scoping.newBuilder().settings(settings).executor(pool).build()
                    .assess(credit, "class");
            System.out.println(report.summary());
            Path json = output.resolve("scoping.json");
            Path html = output.resolve("scoping.html");
            report.writeJson(json);
            report.writeHtml(html);
            run.setTag("stage", "scope").setTag("verdict", report.verdict().name())
                    .logParam("settings", settings.toJson()).logDataFingerprint("all", credit.fingerprint())
                    .logArtifact("scoping.json", json.toString()).logArtifact("scoping.html", html.toString());
            for (ScopingReport.CandidateScore c : report.candidates()) {
                run.logMetric("cv_" + report.metric() + "." + c.name().replace(' ', '_'), c.mean());
            }
            System.out.println("Verdict " + report.verdict() + " written to " + json + " and " + html);
            return report;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The capacity plan: XGBoost measured at four fractions of the training rows and extrapolated, then the
     * production model served one record at a time to measure latency and throughput per core.
     */
    public static CapacityPlan capacity(Frame train, ModelRepository repository, String model, Frame test,
                                        Path output) {
        CreditPipeline.section("9. Capacity: time and memory against rows, cores for " + (int) TARGET_RPS
                + " requests/s");
        try (RunTracker tracker = RunTracker.inDirectory(output.resolve("runs")).measuringResources();
             Run run = tracker.start("credit", "capacity")) {
            CapacityPlan plan = CapacityPlan.measure(Trainer.xgboostClassifier().with("eta", 0.1), train, "class",
                    0.125, 0.25, 0.5, 1.0);
            int rows = train.rowCount();
            System.out.print(plan.describe(10L * rows, 100L * rows, 10_000L * rows, 1_000_000L * rows));
            run.setTag("stage", "capacity").logMetric("cpu_exponent", plan.cpuTime().exponent())
                    .logMetric("cpu_fit_r2", plan.cpuTime().r2())
                    .logMetric("heap_exponent", plan.heapGrowth().exponent());

            long loadStart = System.nanoTime();
            try (ModelServer server = ModelServer.load(repository, model + "@production")) {
                double loadMillis = (System.nanoTime() - loadStart) / 1e6;
                List<Map<String, Object>> records = ServeStage.records(test, server.info().signature().inputs());
                for (int i = 0; i < 500; i++) {
                    server.predict(records.get(i % records.size()));
                }
                int calls = 3000;
                long[] nanos = new long[calls];
                ResourceMeter meter = ResourceMeter.start();
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    server.predict(records.get(i % records.size()));
                    nanos[i] = System.nanoTime() - t0;
                }
                ResourceUsage used = meter.stop();
                Arrays.sort(nanos);
                double p50 = nanos[calls / 2] / 1000.0;
                double p99 = nanos[(int) Math.ceil(calls * 0.99) - 1] / 1000.0;
                double cpuSeconds = (used.threadCpuNanos() > 0 ? used.threadCpuNanos() : used.wallNanos()) / 1e9;
                double perCore = calls / cpuSeconds;
                System.out.printf("Serving on %s: loaded in %.0f ms; one record at a time: p50 %.0f us, p99 %.0f us,"
                        + " %.0f predictions per CPU second%n", server.info().provider(), loadMillis, p50, p99, perCore);
                CapacityPlan.ServingPlan serving = CapacityPlan.serving(perCore, p99, TARGET_RPS, TARGET_P99);
                System.out.println("For " + (int) TARGET_RPS + " requests/s at p99 <= " + TARGET_P99.toMillis()
                        + " ms: " + serving.advice());
                run.setTag("provider", String.valueOf(server.info().provider())).logMetric("serve_load_ms", loadMillis)
                        .logMetric("serve_p50_us", p50).logMetric("serve_p99_us", p99)
                        .logMetric("serve_throughput_per_core", perCore).logMetric("serve_cores_needed",
                                serving.cores());
            }
            return plan;
        }
    }
}
