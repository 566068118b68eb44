package dev.mlops.monitor;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Ingest;
import dev.mlops.api.IngestReport;
import dev.mlops.api.PredictionEvent;
import dev.mlops.api.PredictionListener;
import dev.mlops.api.Schema;
import dev.mlops.data.JsonLinesSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Every observed prediction (request id, time, model@version, inputs, outputs, latency) as JSON Lines files,
 * written off the caller's thread through a bounded queue and rotated by size and age. {@link #read(Path)} reads a
 * log directory back as one {@link Frame} with the data module's JSON Lines source, so windows can be rebuilt from
 * logs; a partly written last line (a crash mid-write) is a rejection in the report, not a failure.
 *
 * <p>Nothing is dropped silently: a full queue blocks the publisher or drops the event and counts it, by
 * {@link Overflow}; {@link #close()} flushes everything queued. Thread-safe.
 *
 * <p>One line: {@code {"requestId":"…","time":"2026-…Z","model":"credit","version":3,"latencyMicros":412,
 * "input":{"age":35.0,…},"output":{"label":"good",…}}} (nested objects read back as {@code input.age}).
 */
public interface PredictionLog extends PredictionListener, AutoCloseable {

    /** What a full queue does with a new event. */
    enum Overflow {
        /** The publisher waits until the writer has room (nothing is lost, the publisher slows down). */
        BLOCK,
        /** The event is dropped and counted in {@link LogStats#dropped()} (the publisher never waits). */
        DROP
    }

    /**
     * The counts of a log.
     *
     * @param received events handed to the log
     * @param written  rows written to files
     * @param dropped  events dropped because the queue was full
     * @param queued   events waiting now
     * @param files    files opened so far
     * @param failures events that could not be written (I/O errors; logged)
     */
    record LogStats(long received, long written, long dropped, int queued, int files, long failures) {
    }

    /**
     * A log read back: every row of every file in order, with one ingest report per file.
     *
     * @param frame   the rows: {@code requestId}, {@code time}, {@code model}, {@code version},
     *                {@code latencyMicros}, {@code input.*}, {@code output.*}
     * @param reports the report of each file, in order (a partly written last line is a rejection there)
     */
    record Read(Frame frame, List<IngestReport> reports) {
        /** Copies the list. */
        public Read {
            reports = List.copyOf(reports);
        }

        /** The input columns, named as the model's inputs. */
        public Frame inputs() {
            return part("input.");
        }

        /** The output columns, named as the model's outputs. */
        public Frame outputs() {
            return part("output.");
        }

        /** The request id of every row. */
        public List<String> requestIds() {
            Column c = frame.column("requestId");
            List<String> out = new ArrayList<>(c.size());
            for (int i = 0; i < c.size(); i++) {
                out.add(c.format(i));
            }
            return out;
        }

        /** The time of every row. */
        public List<Instant> times() {
            Column c = frame.column("time");
            List<Instant> out = new ArrayList<>(c.size());
            for (int i = 0; i < c.size(); i++) {
                Object v = c.value(i);
                out.add(v instanceof Instant t ? t : Instant.parse(c.format(i)));
            }
            return out;
        }

        /** Rows rejected across all files (partly written lines among them). */
        public long rowsRejected() {
            return reports.stream().mapToLong(IngestReport::rowsRejected).sum();
        }

        private Frame part(String prefix) {
            List<Column> cols = new ArrayList<>();
            for (Column c : frame.columns()) {
                if (c.name().startsWith(prefix)) {
                    cols.add(c.rename(c.name().substring(prefix.length())));
                }
            }
            return Frame.of(cols);
        }
    }

    /** A builder writing into a directory (created if absent). */
    static Builder newBuilder(Path directory) {
        return new Builder(directory);
    }

    /**
     * Reads every {@code .jsonl} file of a log directory, oldest first, as one frame; bad lines are skipped and
     * reported.
     *
     * @throws UncheckedIOException when the directory cannot be listed
     */
    static Read read(Path directory) {
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(JsonLinesPredictionLog.SUFFIX)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the prediction log " + directory + ": " + e.getMessage(), e);
        }
        List<Frame> frames = new ArrayList<>();
        List<IngestReport> reports = new ArrayList<>();
        Map<String, FieldType> types = null;
        for (Path f : files) {
            if (types == null) {
                types = logTypes(JsonLinesSource.newBuilder(f).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT).build()
                        .ingest().frame().schema());
            }
            JsonLinesSource.Builder source = JsonLinesSource.newBuilder(f).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT);
            types.forEach(source::type);
            Ingest in = source.build().ingest();
            reports.add(in.report());
            if (in.frame().rowCount() > 0) {
                frames.add(in.frame());
            }
        }
        return new Read(frames.isEmpty() ? Frame.of(List.of()) : Frame.concat(frames), reports);
    }

    /**
     * The types every file of a log is read with, so files whose own inference would differ (a request id column
     * that looks categorical in a small file, a score that happens to be integral) concatenate: request ids are
     * text, counts are integers, other numbers are numeric, labels categorical.
     */
    private static Map<String, FieldType> logTypes(Schema first) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (Field field : first.fields()) {
            String name = field.name();
            FieldType t = field.type();
            types.put(name, name.equals("requestId") ? FieldType.TEXT
                    : name.equals("version") || name.equals("latencyMicros") ? FieldType.INTEGER
                    : t == FieldType.INTEGER ? FieldType.NUMERIC
                    : t == FieldType.TEXT && !name.equals("time") ? FieldType.CATEGORICAL
                    : t);
        }
        return types;
    }

    /** Queues an event for writing (the listener entry point). */
    @Override
    void onPrediction(PredictionEvent event);

    /** The counts so far. */
    LogStats stats();

    /** Waits until everything queued so far is written and flushed to the operating system. */
    void flush();

    /** Stops taking events, writes and flushes what is queued, and closes the file; idempotent. */
    @Override
    void close();

    /** Builds a {@link PredictionLog}. */
    final class Builder {
        private final Path directory;
        private int queueCapacity = 10_000;
        private Overflow overflow = Overflow.DROP;
        private long maxFileBytes = 64L << 20;
        private Duration maxFileAge = Duration.ofHours(1);
        private Clock clock = Clock.systemUTC();
        private Executor executor;
        private io.micrometer.core.instrument.MeterRegistry meterRegistry;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** Events buffered between publisher and writer (10000). */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /** What a full queue does (DROP: serving never waits for the disk). */
        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** A new file once the current one reaches this size (64 MiB). */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        /** A new file once the current one is this old by the clock (1 hour). */
        public Builder maxFileAge(Duration age) {
            this.maxFileAge = Objects.requireNonNull(age, "age");
            return this;
        }

        /** The clock that stamps file names and ages files (tests pass their own). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs the writer loop on this executor instead of the log's own daemon thread. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Registers {@code mlops.prediction.log.queue} (events waiting) and {@code mlops.prediction.log.rows}
         * ({@code outcome} written or dropped) in a host's registry.
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Creates the directory and starts the writer.
         *
         * @throws IllegalArgumentException for a capacity or size below 1 or a non-positive age
         * @throws UncheckedIOException when the directory cannot be created
         */
        public PredictionLog build() {
            if (queueCapacity < 1 || maxFileBytes < 1 || maxFileAge.isNegative() || maxFileAge.isZero()) {
                throw new IllegalArgumentException("A prediction log needs queueCapacity >= 1, maxFileBytes >= 1 and "
                        + "a positive maxFileAge; got " + queueCapacity + ", " + maxFileBytes + ", " + maxFileAge);
            }
            PredictionLog log = new JsonLinesPredictionLog(directory, queueCapacity, overflow, maxFileBytes,
                    maxFileAge, clock, executor);
            if (meterRegistry != null) {
                io.micrometer.core.instrument.Gauge.builder("mlops.prediction.log.queue", log, l -> l.stats().queued())
                        .description("prediction events waiting to be written").register(meterRegistry);
                io.micrometer.core.instrument.FunctionCounter.builder("mlops.prediction.log.rows", log,
                        l -> l.stats().written()).tag("outcome", "written").register(meterRegistry);
                io.micrometer.core.instrument.FunctionCounter.builder("mlops.prediction.log.rows", log,
                        l -> l.stats().dropped()).tag("outcome", "dropped").register(meterRegistry);
            }
            return log;
        }
    }
}
