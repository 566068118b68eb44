package dev.mlops.benchmarks.train;

import dev.mlops.benchmarks.Floor;
import dev.mlops.train.ParamSpace;
import dev.mlops.train.Trainer;
import dev.mlops.train.Tuner;
import dev.mlops.train.TuningResult;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 4-trial grid search with 4-fold cross-validation on two threads against the same search on the calling thread:
 * the ratio is the parallel time over the serial time (0.5 would be a perfect 2x speed-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(1)
public class TuneBenchmark {
    private TrainData data;
    private ExecutorService pool;
    private Tuner serial;
    private Tuner parallel;

    @Setup
    public void setUp() {
        data = new TrainData(4000, 7);
        pool = Executors.newFixedThreadPool(2);
        ParamSpace space = ParamSpace.of().values("maxDepth", 4, 8).values("minChildWeight", 2.0, 10.0);
        serial = Tuner.grid(Trainer.cartClassifier(), space).folds(4);
        parallel = serial.executor(pool);
    }

    @TearDown
    public void tearDown() {
        pool.shutdown();
    }

    /** Trials on the calling thread. */
    @Benchmark
    public TuningResult tuneSerial() {
        return serial.tune(data.frame, "class");
    }

    /** Trials on a two-thread pool. */
    @Benchmark
    @Floor("tuneSerial")
    public TuningResult tuneTwoThreads() {
        return parallel.tune(data.frame, "class");
    }
}
