package dev.mlops.benchmarks.monitor;

import dev.mlops.api.Frame;
import dev.mlops.benchmarks.Floor;
import dev.mlops.data.drift.Distances;
import dev.mlops.data.profile.Profile;
import dev.mlops.monitor.DriftMethod;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftOptions;
import dev.mlops.monitor.Window;
import dev.mlops.monitor.WindowReport;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Drift of a 1M-row x 20-column window against a 1M-row reference: the monitor's way (profile the window, then KS
 * with bounds from the sketches) against the exact two-sample KS on the raw values (the floor, and what
 * {@code scipy.stats.ks_2samp} computes in {@code peers/drift_scipy.py}). Seconds per evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DriftBenchmark {
    private double[][] reference;
    private double[][] window;
    private Frame windowFrame;
    private DriftMonitor monitor;

    @Setup(Level.Trial)
    public void setUp() {
        reference = DriftData.columns(false);
        window = DriftData.columns(true);
        windowFrame = DriftData.frame(window);
        DriftOptions.Builder options = DriftOptions.newBuilder().calibrationChunks(0);
        for (int c = 0; c < DriftData.COLUMNS; c++) {
            options.method("x" + c, DriftMethod.KS);
        }
        monitor = DriftMonitor.against(Profile.of(DriftData.frame(reference))).options(options.build()).build();
    }

    /** Profiles the window (what the monitor does as rows arrive) and evaluates KS with bounds on all 20 columns. */
    @Benchmark
    @Floor("exactKs")
    public WindowReport profileAndEvaluate() {
        Window w = new Window("w", Instant.EPOCH, Instant.EPOCH, Profile.of(windowFrame));
        return monitor.evaluate(w);
    }

    /** Exact two-sample KS (sort both samples, merge) on every column, as SciPy computes it. */
    @Benchmark
    public double exactKs() {
        double sum = 0;
        for (int c = 0; c < DriftData.COLUMNS; c++) {
            sum += Distances.ks(reference[c], window[c]).statistic();
        }
        return sum;
    }
}
