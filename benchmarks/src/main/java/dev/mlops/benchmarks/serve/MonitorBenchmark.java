package dev.mlops.benchmarks.serve;

import dev.mlops.api.Frame;
import dev.mlops.benchmarks.Floor;
import dev.mlops.data.profile.Profile;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import dev.mlops.serve.ServerConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The monitor's cost on the serving path (mlp20): one-row predict with a drift monitor subscribed, against the
 * same server without one (the budget: at most 5% slower, because observing runs on the listener thread);
 * and window profiling of a 1024-row batch against the server predicting that batch (the monitor keeps up when
 * observing takes less time than serving).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MonitorBenchmark {
    private static final int ROTATION = 256; // as ServeBenchmark.Cursor rotates

    private ModelServer plain;
    private ModelServer monitored;
    private DriftMonitor monitor;
    private DriftMonitor batchMonitor;
    private List<Map<String, Object>> records;
    private Frame frame1024;
    private Frame outputs1024;

    @Setup
    public void setUp() {
        ServerConfig oneThread = ServerConfig.newBuilder().threads(1, 1).build();
        plain = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(oneThread).build();
        monitored = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(oneThread).build();
        Frame reference = ServeFixtures.frame(ServeFixtures.values(4096, 3));
        monitor = DriftMonitor.against(Profile.of(reference)).windowRows(10_000).build();
        monitored.onPrediction(monitor);
        batchMonitor = DriftMonitor.against(Profile.of(reference)).windowRows(1 << 20).history(1).build();
        records = ServeFixtures.records(ServeFixtures.values(ROTATION, 1));
        frame1024 = ServeFixtures.frame(ServeFixtures.values(1024, 2));
        outputs1024 = plain.predict(frame1024);
    }

    @TearDown
    public void tearDown() {
        plain.close();
        monitored.close();
    }

    @Benchmark
    @Floor("predictOneRowUnmonitored")
    public Prediction predictOneRowMonitored(ServeBenchmark.Cursor c) {
        return monitored.predict(records.get(c.advance()));
    }

    @Benchmark
    public Prediction predictOneRowUnmonitored(ServeBenchmark.Cursor c) {
        return plain.predict(records.get(c.advance()));
    }

    /** Profiles a 1024-row batch of inputs and outputs into the open window. */
    @Benchmark
    @Floor("predict1024")
    public DriftMonitor observe1024() {
        batchMonitor.observe(frame1024, outputs1024, java.time.Instant.EPOCH);
        return batchMonitor;
    }

    @Benchmark
    public Frame predict1024() {
        return plain.predict(frame1024);
    }
}
