package dev.mlops.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON Lines prediction log built by {@link PredictionLog.Builder}: one writer loop, one open file. */
final class JsonLinesPredictionLog implements PredictionLog {
    static final String SUFFIX = ".jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesPredictionLog.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();
    /** Wakes the writer to flush; never written. */
    private static final PredictionEvent FLUSH = PredictionEvent.of("", 0, Instant.EPOCH, 0, List.of(),
            Frame.of(List.of()), Frame.of(List.of()));

    private final Path directory;
    private final ArrayBlockingQueue<Object> queue;
    private final Overflow overflow;
    private final long maxFileBytes;
    private final Duration maxFileAge;
    private final Clock clock;
    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object done = new Object();
    private volatile boolean stopped;
    private long flushRequests;
    private long flushesDone;
    private volatile int files;
    private int sequence;
    private OutputStream out;
    private long fileBytes;
    private Instant fileOpened;

    JsonLinesPredictionLog(Path directory, int capacity, Overflow overflow, long maxFileBytes, Duration maxFileAge,
                           Clock clock, Executor executor) {
        this.directory = directory;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // one slot kept for the close marker
        this.overflow = overflow;
        this.maxFileBytes = maxFileBytes;
        this.maxFileAge = maxFileAge;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the prediction log directory " + directory + ": "
                    + e.getMessage() + "; check the path and its permissions", e);
        }
        if (executor == null) {
            Thread t = new Thread(this::loop, "mlops-prediction-log");
            t.setDaemon(true);
            t.start();
        } else {
            executor.execute(this::loop);
        }
    }

    @Override
    public void onPrediction(PredictionEvent event) {
        if (closed.get()) {
            throw new IllegalStateException("The prediction log " + directory + " is closed");
        }
        received.increment();
        if (overflow == Overflow.BLOCK) {
            try {
                while (!queue.offer(event, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        dropped.increment();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropped.increment();
            }
        } else if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
            dropped.increment();
        }
    }

    private void loop() {
        List<Object> batch = new ArrayList<>();
        try {
            while (true) {
                Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                boolean stop = false;
                for (Object o : batch) {
                    if (o == FLUSH) {
                        continue;
                    }
                    if (o == this) {
                        stop = true;
                        continue;
                    }
                    write((PredictionEvent) o);
                }
                flushFile();
                synchronized (done) {
                    flushesDone += batch.stream().filter(o -> o == FLUSH).count();
                    done.notifyAll();
                }
                batch.clear();
                if (stop) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeFile();
            stopped = true;
            synchronized (done) {
                done.notifyAll();
            }
        }
    }

    private void write(PredictionEvent e) {
        try {
            List<String> ids = e.requestIds();
            Frame in = e.inputs();
            Frame outFrame = e.outputs();
            for (int r = 0; r < e.rows(); r++) {
                byte[] line = line(e, ids.get(r), in, outFrame, r);
                rotateIfDue(line.length);
                out.write(line);
                fileBytes += line.length;
                written.increment();
            }
        } catch (IOException | RuntimeException ex) {
            failures.increment();
            if (failures.sum() <= 10) {
                LOG.warn("Could not write a prediction of {}@{} to {}: {}", e.model(), e.version(), directory,
                        ex.toString());
            }
        }
    }

    private static byte[] line(PredictionEvent e, String id, Frame in, Frame out, int r) throws IOException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("requestId", id);
            g.writeStringField("time", e.time().toString());
            g.writeStringField("model", e.model());
            g.writeNumberField("version", e.version());
            g.writeNumberField("latencyMicros", e.latencyNanos() / 1000);
            cells(g, "input", in, r);
            cells(g, "output", out, r);
            g.writeEndObject();
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    private static void cells(JsonGenerator g, String name, Frame f, int r) throws IOException {
        g.writeObjectFieldStart(name);
        for (Column c : f.columns()) {
            Object v = c.value(r);
            g.writeFieldName(c.name());
            if (v == null) {
                g.writeNull();
            } else if (v instanceof Double d) {
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeNull();
                }
            } else if (v instanceof Long l) {
                g.writeNumber(l);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                g.writeString(v.toString());
            }
        }
        g.writeEndObject();
    }

    private void rotateIfDue(int nextLine) throws IOException {
        Instant now = clock.instant();
        if (out != null && (fileBytes + nextLine > maxFileBytes && fileBytes > 0
                || !now.isBefore(fileOpened.plus(maxFileAge)))) {
            closeFile();
        }
        if (out == null) {
            Path file = directory.resolve("predictions-" + NAME.format(now) + "-" + String.format("%05d", sequence++)
                    + SUFFIX);
            out = new java.io.BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16);
            fileBytes = 0;
            fileOpened = now;
            files++;
        }
    }

    private void flushFile() {
        if (out != null) {
            try {
                out.flush();
            } catch (IOException e) {
                failures.increment();
                LOG.warn("Could not flush the prediction log {}: {}", directory, e.toString());
            }
        }
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                failures.increment();
                LOG.warn("Could not close a prediction log file in {}: {}", directory, e.toString());
            }
            out = null;
        }
    }

    @Override
    public LogStats stats() {
        return new LogStats(received.sum(), written.sum(), dropped.sum(),
                (int) queue.stream().filter(o -> o instanceof PredictionEvent && o != FLUSH).count(), files,
                failures.sum());
    }

    @Override
    public void flush() {
        if (stopped) {
            return;
        }
        long target;
        synchronized (done) {
            target = ++flushRequests;
        }
        try {
            queue.put(FLUSH);
            synchronized (done) {
                while (flushesDone < target && !stopped) {
                    done.wait(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            queue.put(this);
            synchronized (done) {
                while (!stopped) {
                    done.wait(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PredictionLog[" + directory + ", " + stats() + "]";
    }
}
