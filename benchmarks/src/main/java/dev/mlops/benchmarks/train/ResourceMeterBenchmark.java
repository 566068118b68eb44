package dev.mlops.benchmarks.train;

import dev.mlops.api.tracking.ResourceMeter;
import dev.mlops.api.tracking.ResourceUsage;
import dev.mlops.benchmarks.Floor;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The overhead of measuring a stage's resources (decision 122: under 2 %). {@code trainMeasured} trains a
 * logistic regression inside a {@link ResourceMeter}, its floor {@code trainBare} trains the same model unmeasured;
 * the ratio is the overhead on a small real stage. {@code meterStartStop} times the meter alone (microseconds), so
 * its share of any stage is {@code meterStartStop / stage time}; {@code trainBare} is in milliseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResourceMeterBenchmark {
    @Param({"2000"})
    public int rows;

    private TrainData data;
    private Trainer trainer;

    @Setup
    public void setUp() {
        data = new TrainData(rows, 42);
        trainer = Trainer.logisticRegression().with("epochs", 5);
    }

    /** Training inside a meter. */
    @Benchmark
    @Floor("trainBare")
    public ResourceUsage trainMeasured() {
        ResourceMeter meter = ResourceMeter.start();
        trainer.train(data.frame, "class");
        return meter.stop();
    }

    /** The same training, unmeasured. */
    @Benchmark
    public TrainedModel trainBare() {
        return trainer.train(data.frame, "class");
    }

    /** Starting and stopping a meter around nothing: its fixed cost. */
    @Benchmark
    public ResourceUsage meterStartStop() {
        return ResourceMeter.start().stop();
    }
}
