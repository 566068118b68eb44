package dev.mlops.api.tracking;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlops.api.Json;
import dev.mlops.api.MlopsException;
import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded tracker: {@code root/runs/<id>/run.json} and {@code metrics.jsonl}.
 *
 * <p>Concurrency: run ids are unique across processes (time plus 64 random bits), so writers never share a
 * folder unless they share a run; {@code run.json} is written to a temporary file and renamed atomically, so a
 * reader sees the old or the new version, never half of one; each metric is one {@code O_APPEND} write of one
 * line or of several whole lines, which concurrent appenders cannot interleave. A reader skips a torn last line.
 *
 * <p>Metric points are buffered per run and appended at most {@value #FLUSH_MILLIS} ms or {@value #FLUSH_BYTES}
 * bytes apart, when the run ends, and before this tracker reads, so logging costs formatting, not a system call
 * per point; a crash loses at most the last {@value #FLUSH_MILLIS} ms of points.
 */
final class DirectoryRunTracker implements RunTracker {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper LINES = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final long FLUSH_MILLIS = 200;
    static final int FLUSH_BYTES = 32 * 1024;

    private final Path runs;
    private final Clock clock;
    private final java.util.Set<DirRun> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DirectoryRunTracker(Path root, Clock clock) {
        this.runs = root.resolve("runs");
        this.clock = clock;
        try {
            Files.createDirectories(runs);
        } catch (IOException e) {
            throw new MlopsException("Cannot create the tracking folder " + runs + ": " + e.getMessage()
                    + ". Choose a writable folder", e);
        }
    }

    @Override
    public Run start(String experiment, String name) {
        checkOpen();
        return create(experiment, name, null);
    }

    private DirRun create(String experiment, String name, String parentId) {
        byte[] rnd = new byte[8];
        RANDOM.nextBytes(rnd);
        String id = ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(rnd);
        Path dir = runs.resolve(id);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new MlopsException("Cannot create the run folder " + dir + ": " + e.getMessage(), e);
        }
        DirRun run = new DirRun(id, experiment, name, parentId, dir);
        run.persistMeta(run.snapshot());
        open.add(run);
        return run;
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        flushOpen();
        if (!ID.matcher(runId).matches()) {
            return Optional.empty();
        }
        return read(runs.resolve(runId));
    }

    @Override
    public List<RunRecord> search(RunQuery query) {
        flushOpen();
        List<RunRecord> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                read(d).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new MlopsException("Cannot list the runs in " + runs + ": " + e.getMessage(), e);
        }
        return query.apply(all);
    }

    private Optional<RunRecord> read(Path dir) {
        RunRecord meta;
        try {
            meta = Json.read(Files.readString(dir.resolve("run.json")), RunRecord.class);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // not a run folder, or one being created right now
        } catch (IOException e) {
            throw new MlopsException("Cannot read " + dir.resolve("run.json") + ": " + e.getMessage(), e);
        }
        List<MetricPoint> points = readMetrics(dir.resolve("metrics.jsonl"));
        return Optional.of(new RunRecord(meta.id(), meta.experiment(), meta.name(), meta.parentId(), meta.status(),
                meta.startMillis(), meta.endMillis(), meta.params(), meta.tags(), points, meta.artifacts(),
                meta.dataFingerprints()));
    }

    private static List<MetricPoint> readMetrics(Path file) {
        List<MetricPoint> out = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new MlopsException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break; // a torn last line: a writer is mid-way, or crashed; it is not a point yet
            }
            try {
                JsonNode n = LINES.readTree(text.substring(start, nl));
                out.add(new MetricPoint(n.get("key").asText(), n.get("value").asDouble(), n.get("step").asLong(),
                        n.get("timeMillis").asLong()));
            } catch (IOException e) {
                throw new MlopsException("Line '" + text.substring(start, nl) + "' of " + file
                        + " is not a metric point: " + e.getMessage(), e);
            }
            start = nl + 1;
        }
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This tracker is closed; open a new one with RunTracker.inDirectory(...)");
        }
    }

    private void flushOpen() {
        for (DirRun r : open) {
            r.flush();
        }
    }

    @Override
    public void close() {
        flushOpen();
        closed = true;
    }

    private final class DirRun extends AbstractRun {
        private final Path dir;
        private final StringBuilder pending = new StringBuilder();
        private long lastFlush = System.nanoTime();
        private FileChannel metrics;

        DirRun(String id, String experiment, String name, String parentId, Path dir) {
            super(id, experiment, name, parentId, DirectoryRunTracker.this.clock);
            this.dir = dir;
        }

        @Override
        void persistMeta(RunRecord meta) {
            Path tmp = dir.resolve("run.json." + Thread.currentThread().getId() + ".tmp");
            try {
                Files.writeString(tmp, Json.write(meta));
                Files.move(tmp, dir.resolve("run.json"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + dir.resolve("run.json") + ": " + e.getMessage(), e);
            }
        }

        @Override
        void persistMetric(MetricPoint p) {
            StringBuilder sb = new StringBuilder(80).append("{\"key\":\"");
            JsonStringEncoder.getInstance().quoteAsString(p.key(), sb);
            sb.append("\",\"value\":").append(p.value()).append(",\"step\":").append(p.step())
                    .append(",\"timeMillis\":").append(p.timeMillis()).append("}\n");
            synchronized (this) {
                pending.append(sb);
                if (pending.length() >= FLUSH_BYTES || System.nanoTime() - lastFlush >= FLUSH_MILLIS * 1_000_000) {
                    flush();
                }
            }
        }

        /** Appends the buffered whole lines in one write. */
        synchronized void flush() {
            lastFlush = System.nanoTime();
            if (pending.length() == 0) {
                return;
            }
            ByteBuffer buf = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
            pending.setLength(0);
            try {
                FileChannel ch = channel();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append metrics to " + dir.resolve("metrics.jsonl") + ": "
                        + e.getMessage(), e);
            }
        }

        private synchronized FileChannel channel() throws IOException {
            if (metrics == null) {
                metrics = FileChannel.open(dir.resolve("metrics.jsonl"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            return metrics;
        }

        @Override
        Run newChild(String childName) {
            return create(experiment, childName, id);
        }

        @Override
        synchronized void release() {
            flush();
            open.remove(this);
            if (metrics != null) {
                try {
                    metrics.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                metrics = null;
            }
        }
    }
}
