package dev.mlops.benchmarks.train;

import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.benchmarks.Floor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Logging 10 000 metric points into one run of the embedded directory store (one operation = start a run, log
 * 10 000 points, end it) against appending the same 10 000 JSON lines to a file by hand, in 32 KB writes as the
 * store does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackingBenchmark {
    private static final int POINTS = 10_000;
    private Path dir;
    private RunTracker tracker;
    private int file;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("mlops-tracking-bench");
        tracker = RunTracker.inDirectory(dir);
    }

    @TearDown
    public void tearDown() throws IOException {
        tracker.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** 10 000 points through the tracker. */
    @Benchmark
    @Floor("rawAppend10k")
    public String log10kMetrics() {
        try (Run run = tracker.start("bench", "log")) {
            for (int i = 0; i < POINTS; i++) {
                run.logMetric("loss", 1.0 / (i + 1), i);
            }
            return run.id();
        }
    }

    /** The same lines appended to a file by hand. */
    @Benchmark
    public long rawAppend10k() throws IOException {
        Path f = dir.resolve("raw-" + (file++) + ".jsonl");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < POINTS; i++) {
                sb.append("{\"key\":\"loss\",\"value\":").append(1.0 / (i + 1)).append(",\"step\":").append(i)
                        .append(",\"timeMillis\":").append(System.currentTimeMillis()).append("}\n");
                if (sb.length() >= 32 * 1024) {
                    ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
                    sb.setLength(0);
                }
            }
            ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            return ch.size();
        }
    }
}
