package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import dev.mlops.data.profile.Profile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionLogTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static PredictionEvent event(int i) {
        Frame in = Frame.of(DoubleColumn.of("x", i * 0.5), CategoricalColumn.of("color", i % 2 == 0 ? "red" : "blue"));
        Frame out = Frame.of(CategoricalColumn.of("label", i % 3 == 0 ? "good" : "bad"),
                DoubleColumn.of("probabilities.good", i / 1000.0));
        return PredictionEvent.of("credit", 3, T0.plusSeconds(i), (1500 + i) * 1000L, List.of("req-" + i), in, out);
    }

    @Test
    void log_writesEveryPrediction_andReadsBackAsAFrame(@TempDir Path dir) {
        try (PredictionLog log = PredictionLog.newBuilder(dir).overflow(PredictionLog.Overflow.BLOCK).build()) {
            for (int i = 0; i < 500; i++) {
                log.onPrediction(event(i));
            }
            log.flush();
            assertEquals(500, log.stats().written());
        }
        PredictionLog.Read read = PredictionLog.read(dir);
        assertEquals(500, read.frame().rowCount());
        assertEquals(0, read.rowsRejected());
        assertEquals("req-7", read.requestIds().get(7));
        assertEquals(T0.plusSeconds(7), read.times().get(7));
        assertEquals(3.5, read.inputs().doubles("x").getDouble(7), 1e-12);
        assertEquals("blue", read.inputs().column("color").format(7));
        assertEquals(List.of("label", "probabilities.good"), read.outputs().columnNames());
        assertEquals(1507L, ((Number) read.frame().column("latencyMicros").value(7)).longValue());
    }

    @Test
    void log_rotatesBySizeAndByAge_andReadsFilesInOrder(@TempDir Path bySize, @TempDir Path byAge) {
        try (PredictionLog log = PredictionLog.newBuilder(bySize).overflow(PredictionLog.Overflow.BLOCK)
                .maxFileBytes(2_000).build()) {
            for (int i = 0; i < 100; i++) {
                log.onPrediction(event(i));
            }
            log.close();
            assertTrue(log.stats().files() > 3, log.stats().toString());
        }
        PredictionLog.Read read = PredictionLog.read(bySize);
        assertEquals(100, read.frame().rowCount());
        assertEquals("req-99", read.requestIds().get(99), "files are read oldest first");

        TestClock clock = new TestClock(T0);
        try (PredictionLog log = PredictionLog.newBuilder(byAge).overflow(PredictionLog.Overflow.BLOCK)
                .maxFileAge(Duration.ofMinutes(10)).clock(clock).build()) {
            log.onPrediction(event(1));
            log.flush();
            clock.advance(Duration.ofMinutes(10));
            log.onPrediction(event(2));
            log.flush();
            assertEquals(2, log.stats().files());
        }
    }

    @Test
    void read_filesWhoseOwnInferenceDiffers_stillConcatenate(@TempDir Path dir) {
        TestClock clock = new TestClock(T0);
        try (PredictionLog log = PredictionLog.newBuilder(dir).overflow(PredictionLog.Overflow.BLOCK)
                .maxFileAge(Duration.ofMinutes(10)).clock(clock).build()) {
            for (int i = 0; i < 300; i++) {
                log.onPrediction(event(i)); // 300 distinct ids read as text; x has halves
            }
            log.flush();
            clock.advance(Duration.ofMinutes(10));
            log.onPrediction(event(1000)); // one id, x = 500.0: alone it would read as categorical and integer
            log.onPrediction(event(1002));
        }
        PredictionLog.Read read = PredictionLog.read(dir);
        assertEquals(302, read.frame().rowCount());
        assertEquals("req-1002", read.requestIds().get(301));
        assertEquals(501.0, read.inputs().doubles("x").getDouble(301), 1e-12);
    }

    @Test
    void log_whenTheQueueIsFull_dropsAndCounts_andCloseFlushesTheRest(@TempDir Path dir) throws Exception {
        AtomicReference<Runnable> writer = new AtomicReference<>();
        PredictionLog log = PredictionLog.newBuilder(dir).queueCapacity(10).executor(writer::set).build();
        for (int i = 0; i < 25; i++) {
            log.onPrediction(event(i)); // the writer has not started: the queue fills
        }
        assertEquals(15, log.stats().dropped());
        assertEquals(10, log.stats().queued());
        CountDownLatch finished = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            writer.get().run();
            finished.countDown();
        });
        t.start();
        log.close();
        finished.await();
        PredictionLog.LogStats s = log.stats();
        assertEquals(25, s.received());
        assertEquals(s.received(), s.written() + s.dropped(), "nothing lost silently: " + s);
        assertEquals(10, PredictionLog.read(dir).frame().rowCount());
    }

    @Test
    void read_aPartlyWrittenLastLine_isReportedNotFatal(@TempDir Path dir) throws Exception {
        try (PredictionLog log = PredictionLog.newBuilder(dir).overflow(PredictionLog.Overflow.BLOCK).build()) {
            for (int i = 0; i < 20; i++) {
                log.onPrediction(event(i));
            }
        }
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        Files.writeString(file, "{\"requestId\":\"req-20\",\"time\":\"2026-01-01T00:00:20Z\",\"inp",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        PredictionLog.Read read = PredictionLog.read(dir);
        assertEquals(20, read.frame().rowCount());
        assertEquals(1, read.rowsRejected());
        assertEquals(21, read.reports().get(0).sample().get(0).line());
    }

    @Test
    void windows_rebuiltFromALog_equalTheWindowsObservedLive(@TempDir Path dir) {
        Profile reference = Profile.of(Samples.inputs(500, 1, 0, 0));
        DriftMonitor live = DriftMonitor.against(reference).windowRows(50).build();
        try (PredictionLog log = PredictionLog.newBuilder(dir).overflow(PredictionLog.Overflow.BLOCK).build()) {
            Frame traffic = Samples.inputs(100, 3, 0.5, 0);
            for (int i = 0; i < 100; i++) {
                PredictionEvent e = PredictionEvent.of("m", 1, T0.plusSeconds(i), 10, List.of("r" + i),
                        traffic.slice(i, i + 1), Frame.of(List.of()));
                live.observe(e);
                log.onPrediction(e);
            }
        }
        PredictionLog.Read read = PredictionLog.read(dir);
        DriftMonitor replay = DriftMonitor.against(reference).windowRows(50).build();
        replay.observe(read.inputs(), Frame.of(List.of()), read.times().get(0), read.requestIds());
        for (int w = 0; w < 2; w++) {
            WindowPropertiesTest.assertSameStatistics(live.windows().get(w).profile(),
                    replay.windows().get(w).profile());
        }
    }
}
