package dev.mlops.benchmarks.serve;

import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import dev.mlops.data.profile.Profile;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The monitor's cost on the serving path in CPU time of the measuring thread (best of 7, or of 14 runs of each taken in turn for the ratios), beside
 * {@link MonitorBenchmark}: CPU time survives a shared, overloaded machine better than wall time. Prints summary rows
 * without a header:
 * <ul>
 *   <li>the caller's CPU per one-row predict with a monitor subscribed against the same server without one (the
 *   caller only hands the event to the listener thread), and with a listener that does nothing (the cost of the
 *   server's hand-off alone);</li>
 *   <li>the listener thread's CPU per one-row event (building the event's frames and {@code observe}) against the
 *   caller's CPU per one-row predict: below 1, one spare core keeps up with one caller;</li>
 *   <li>window profiling rows per CPU-second of a 1024-row batch against the server's batch predict rows per
 *   CPU-second (one ONNX Runtime thread, so its work is on the measuring thread): above 1, profiling keeps up.
 *   Windows of 2^20 rows, with the default sampling (decision 114), with every value sketched, and at 1/8 and
 *   1/16.</li>
 * </ul>
 */
public final class MonitorCpuTime {
    private static final int EVENTS = 4096;
    private static final int REPEATS = 7;
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private MonitorCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig oneThread = ServerConfig.newBuilder().threads(1, 1).build();
        Frame reference = ServeFixtures.frame(ServeFixtures.values(4096, 3));
        List<Map<String, Object>> records = ServeFixtures.records(ServeFixtures.values(EVENTS, 1));
        Frame frame1024 = ServeFixtures.frame(ServeFixtures.values(1024, 2));
        try (ModelServer plain = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(oneThread).build();
             ModelServer monitored = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(oneThread)
                     .build();
             ModelServer noOp = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(oneThread).build();
             ModelServer capturing = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(oneThread)
                     .build();
             DriftMonitor monitor = DriftMonitor.against(Profile.of(reference)).windowRows(10_000).build();
             DriftMonitor replayed = DriftMonitor.against(Profile.of(reference)).windowRows(10_000).build();
             DriftMonitor batches = DriftMonitor.against(Profile.of(reference)).windowRows(1 << 20).history(1)
                     .build();
             DriftMonitor exactBatches = DriftMonitor.against(Profile.of(reference)).windowRows(1 << 20).history(1)
                     .windowSampling(1).build();
             DriftMonitor eighth = DriftMonitor.against(Profile.of(reference)).windowRows(1 << 20).history(1)
                     .windowSampling(1.0 / 8).build();
             DriftMonitor sixteenth = DriftMonitor.against(Profile.of(reference)).windowRows(1 << 20).history(1)
                     .windowSampling(1.0 / 16).build()) {
            monitored.onPrediction(monitor);
            double[] calls = bestOfEach(i -> predictAll(plain, records), i -> predictAll(monitored, records));
            double unmonitored = calls[0] / EVENTS;
            double withMonitor = calls[1] / EVENTS;
            row("predictOneRowMonitored", "cpu per call (lower is better)", "us", withMonitor * 1e6,
                    "predictOneRowUnmonitored", unmonitored * 1e6);
            noOp.onPrediction(e -> { });
            double[] handOff = bestOfEach(i -> predictAll(plain, records), i -> predictAll(noOp, records));
            row("predictOneRowNoOpListener", "cpu per call (lower is better)", "us", handOff[1] / EVENTS * 1e6,
                    "predictOneRowUnmonitored", handOff[0] / EVENTS * 1e6);
            List<List<PredictionEvent>> captured = new ArrayList<>();
            for (int i = 0; i <= REPEATS; i++) {
                captured.add(capture(capturing, records));
            }
            double observe = best(i -> observeAll(replayed, captured.get(i))) / EVENTS;
            row("observeOneRowEvent", "cpu per event (lower is better)", "us", observe * 1e6,
                    "predictOneRowUnmonitored", unmonitored * 1e6);
            Frame outputs1024 = plain.predict(frame1024);
            // Batch predict, then window profiling of 2^20-row windows: the default (1/32 of the values sketched,
            // decision 114), every value (as before decision 114), and 1/8 and 1/16; all taken in turn so they see
            // the same machine.
            double[] batch = bestOfEach(i -> {
                for (int k = 0; k < 64; k++) {
                    plain.predict(frame1024);
                }
            }, i -> observe64(batches, frame1024, outputs1024), i -> observe64(exactBatches, frame1024, outputs1024),
                    i -> observe64(eighth, frame1024, outputs1024),
                    i -> observe64(sixteenth, frame1024, outputs1024));
            double predict = 1024 * 64 / batch[0];
            row("observe1024", "cpu thrpt (higher is better)", "rows/cpu-s", 1024 * 64 / batch[1], "predict1024",
                    predict);
            row("observe1024Unsampled", "cpu thrpt (higher is better)", "rows/cpu-s", 1024 * 64 / batch[2],
                    "predict1024", predict);
            row("observe1024Rate8th", "cpu thrpt (higher is better)", "rows/cpu-s", 1024 * 64 / batch[3],
                    "predict1024", predict);
            row("observe1024Rate16th", "cpu thrpt (higher is better)", "rows/cpu-s", 1024 * 64 / batch[4],
                    "predict1024", predict);
        }
    }

    private static void observe64(DriftMonitor monitor, Frame inputs, Frame outputs) {
        for (int k = 0; k < 64; k++) {
            monitor.observe(inputs, outputs, Instant.EPOCH);
        }
    }

    private static void predictAll(ModelServer server, List<Map<String, Object>> records) {
        for (Map<String, Object> r : records) {
            server.predict(r);
        }
    }

    private static void observeAll(DriftMonitor monitor, List<PredictionEvent> events) {
        for (PredictionEvent e : events) {
            monitor.observe(e);
        }
    }

    /** Fresh events (their frames not yet built) from one-row predicts, as the listener thread receives them. */
    private static List<PredictionEvent> capture(ModelServer server, List<Map<String, Object>> records)
            throws InterruptedException {
        List<PredictionEvent> events = new ArrayList<>(EVENTS);
        CountDownLatch all = new CountDownLatch(EVENTS);
        try (AutoCloseable sub = server.onPrediction(e -> {
            events.add(e);
            all.countDown();
        })) {
            predictAll(server, records);
            all.await();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    interface Work {
        void run(int repeat) throws Exception;
    }

    /** The least CPU seconds of the measuring thread over repeats 0 to 6, after a warm-up run as repeat 7. */
    private static double best(Work work) throws Exception {
        work.run(REPEATS);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < REPEATS; i++) {
            long t0 = MX.getCurrentThreadCpuTime();
            work.run(i);
            best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        return best;
    }

    /** The least CPU seconds of each work, all run in turn (so all see the same machine), after a warm-up. */
    private static double[] bestOfEach(Work... works) throws Exception {
        for (Work w : works) {
            w.run(REPEATS);
        }
        double[] best = new double[works.length];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < 2 * REPEATS; i++) {
            for (int w = 0; w < works.length; w++) {
                long t0 = MX.getCurrentThreadCpuTime();
                works[w].run(i);
                best[w] = Math.min(best[w], (MX.getCurrentThreadCpuTime() - t0) / 1e9);
            }
        }
        return best;
    }

    private static void row(String name, String metric, String unit, double value, String floorName, double floor) {
        System.out.printf(Locale.ROOT, "serve.MonitorCpuTime.%s,%s,%s,%.4g,serve.MonitorCpuTime.%s,%.4g,%.4g%n",
                name, metric, unit, value, floorName, floor, value / floor);
    }
}
