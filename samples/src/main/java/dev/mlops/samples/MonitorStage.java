package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.monitor.Alert;
import dev.mlops.monitor.AlertRouter;
import dev.mlops.monitor.AlertSink;
import dev.mlops.monitor.ChangeDetector;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftOptions;
import dev.mlops.monitor.DriftReport;
import dev.mlops.monitor.EstimatedPerformance;
import dev.mlops.monitor.FeatureDrift;
import dev.mlops.monitor.PerformanceSpec;
import dev.mlops.monitor.PredictionLog;
import dev.mlops.monitor.WindowPerformance;
import dev.mlops.monitor.WindowReport;
import dev.mlops.monitor.WindowSpec;
import dev.mlops.serve.ModelServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Monitor stage of the main job: serves {@code model@production} with a drift monitor and a prediction log
 * attached, replays half of the test rows as traffic (one request every 15 minutes, by a replay clock), then a
 * shifted copy (applicants 15 years older asking for twice the amount), feeds the delayed labels, and prints per
 * six-hour window which features drifted, which alerts fired, and measured against estimated accuracy. The other
 * half of the test rows is the labelled reference set that checks the model's calibration.
 */
public final class MonitorStage {
    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    static final Duration EVERY = Duration.ofMinutes(15);
    static final Duration WINDOW = Duration.ofHours(6);

    private MonitorStage() {
    }

    /**
     * What the stage saw.
     *
     * @param reports  one per window, in time order
     * @param alerts   the alerts that fired
     * @param report   where the HTML drift report was written
     */
    public record Result(List<WindowReport> reports, List<Alert> alerts, Path report) {
    }

    /** A clock the replay moves by hand, shared by the server (event times) and the monitor (window closing). */
    static final class ReplayClock extends Clock {
        private volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Runs the act against the training frame (the reference) and the test frame (calibration set and traffic). */
    public static Result run(ModelRepository repository, String model, Frame train, Frame test, Path output) {
        CreditPipeline.section("Monitor: replay traffic, then a shifted copy; drift, alerts, labels, performance");
        int half = test.rowCount() / 2;
        Frame calibration = test.slice(0, half);
        Frame traffic = test.slice(half, test.rowCount());
        ReplayClock clock = new ReplayClock();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        AlertRouter router = AlertRouter.newBuilder().sink(alerts::add).sink(AlertSink.slf4j())
                .cooldown(Duration.ofHours(12)).build();
        PerformanceSpec spec = PerformanceSpec.binary("label", "good", "probabilities.good");
        Path logDir = output.resolve("prediction-log");
        clear(logDir); // the log of an earlier run would be read back with this one
        try (ModelServer server = ModelServer.newBuilder().repository(repository, model + "@production").clock(clock)
                .build();
             PredictionLog log = PredictionLog.newBuilder(logDir).overflow(PredictionLog.Overflow.BLOCK)
                     .maxFileAge(Duration.ofDays(1)).clock(clock).build()) {
            // The reference is what the model sees: its inputs, as the training rows hold them.
            Frame inputs = train.select(server.info().signature().inputs().stream().map(t -> t.name()).toList());
            DriftMonitor monitor = DriftMonitor.against(inputs)
                    .predictionReference(server.predict(train))
                    .options(DriftOptions.newBuilder().calibrationChunks(30).build())
                    .window(WindowSpec.tumbling(WINDOW)).clock(clock)
                    .labels(spec, Duration.ofDays(7), 10_000)
                    .estimatePerformance(spec, server.predict(calibration), labels(calibration))
                    .detectErrors(ChangeDetector.pageHinkley(0.005, 8, 20)).performanceFloor(0.6)
                    .alerts(router).build();
            System.out.println("Reference: " + inputs.rowCount() + " training rows; calibration checked on "
                    + calibration.rowCount() + " held-out test rows: " + monitor.calibration().orElseThrow());
            server.onPrediction(monitor);
            server.onPrediction(log);

            List<Map<String, Object>> records = ServeStage.records(traffic, server.info().signature().inputs());
            List<String> truth = labels(traffic);
            Map<String, String> pending = new HashMap<>();
            int sent = replay(server, monitor, clock, records, truth, pending, "r");
            System.out.println("Replayed " + sent + " test rows as traffic from " + START + ", one every "
                    + EVERY.toMinutes() + " minutes");
            List<Map<String, Object>> shifted = new ArrayList<>();
            for (Map<String, Object> r : records) {
                Map<String, Object> s = new HashMap<>(r);
                s.put("age", ((Number) r.get("age")).doubleValue() + 15);
                s.put("credit_amount", ((Number) r.get("credit_amount")).doubleValue() * 2);
                shifted.add(s);
            }
            sent += replay(server, monitor, clock, shifted, truth, pending, "s");
            System.out.println("Replayed the shifted copy (age + 15 years, credit_amount x 2): " + sent
                    + " requests in all");
            clock.now = clock.now.plus(WINDOW);
            monitor.advance();
            pending.forEach(monitor::label); // the delayed labels arrive after the traffic
            log.flush();

            print(monitor, alerts, log);
            DriftReport report = DriftReport.of("Credit model monitoring", monitor, clock.instant());
            report.writeTo(output);
            Path html = output.resolve("drift-report.html");
            System.out.println("Drift report: " + html + " (and drift-report.json); prediction log: "
                    + logDir + " (" + PredictionLog.read(logDir).frame().rowCount() + " rows read back)");
            return new Result(monitor.reports(), List.copyOf(alerts), html);
        }
    }

    private static int replay(ModelServer server, DriftMonitor monitor, ReplayClock clock,
                              List<Map<String, Object>> records, List<String> truth, Map<String, String> pending,
                              String prefix) {
        for (int i = 0; i < records.size(); i++) {
            String id = prefix + "-" + i;
            server.predict(id, records.get(i));
            pending.put(id, truth.get(i));
            awaitObserved(server, monitor, pending.size());
            clock.now = clock.now.plus(EVERY);
        }
        return records.size();
    }

    /** Waits until the monitor, on the server's listener thread, has observed every prediction sent so far. */
    private static void awaitObserved(ModelServer server, DriftMonitor monitor, long sent) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (monitor.labelStats().observed() < sent) {
            if (server.stats().listenerFailures() > 0 || System.nanoTime() > deadline) {
                throw new IllegalStateException("The monitor did not observe prediction " + sent + ": "
                        + server.stats() + " (see the listener's warning above)");
            }
            Thread.onSpinWait();
        }
    }

    private static void clear(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.delete(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot clear the old prediction log in " + dir, e);
        }
    }

    private static List<String> labels(Frame f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.rowCount(); i++) {
            out.add(f.column("class").format(i));
        }
        return out;
    }

    private static void print(DriftMonitor monitor, List<Alert> alerts, PredictionLog log) {
        Map<String, WindowPerformance> measured = new HashMap<>();
        monitor.performance().forEach(p -> measured.put(p.key(), p));
        Map<String, EstimatedPerformance> estimated = new HashMap<>();
        monitor.estimatedPerformance().forEach(p -> estimated.put(p.key(), p));
        System.out.printf("%-22s %5s %-34s %8s %9s %-22s%n", "window", "rows", "drifted features", "recon.",
                "accuracy", "estimated (95% band)");
        for (WindowReport r : monitor.reports()) {
            WindowPerformance m = measured.get(r.key());
            EstimatedPerformance e = estimated.get(r.key());
            List<String> drifted = new ArrayList<>(r.driftedColumns());
            System.out.printf("%-22s %5d %-34s %8s %9s %-22s%n", r.key(), r.rows(),
                    drifted.isEmpty() ? "-" : String.join(", ", drifted),
                    String.format("%.2f%s", r.reconstruction().error(), r.reconstruction().drifted() ? "*" : ""),
                    m == null ? "-" : String.format("%.2f", m.accuracy()),
                    e == null ? "-" : String.format("%.2f [%.2f, %.2f]", e.accuracy().estimate(),
                            e.accuracy().lower(), e.accuracy().upper()));
        }
        WindowReport last = monitor.reports().get(monitor.reports().size() - 1);
        System.out.println("Last window, per feature (method, statistic [bound], threshold, verdict):");
        for (FeatureDrift f : last.features()) {
            if (f.drifted() || f.output()) {
                System.out.printf("  %-24s %-14s %.3f [%.3f, %.3f] %s %.3f -> %s%n", f.column()
                        + (f.output() ? " (output)" : ""), f.method(), f.statistic(), f.statisticLower(),
                        f.statisticUpper(), f.calibrated() ? "calibrated" : "fixed", f.threshold(), f.verdict());
            }
        }
        System.out.println("Alerts fired (" + alerts.size() + "):");
        alerts.forEach(a -> System.out.println("  [" + a.kind() + "] " + a.message()));
        System.out.println("Labels: " + monitor.labelStats() + "; prediction log: " + log.stats());
    }
}
