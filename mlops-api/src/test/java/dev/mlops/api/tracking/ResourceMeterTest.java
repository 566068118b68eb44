package dev.mlops.api.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceMeterTest {

    @Test
    void stop_afterAllocatingAnArray_countsAtLeastItsBytes() {
        ResourceMeter meter = ResourceMeter.start();
        long[] big = new long[4 * 1024 * 1024];
        big[big.length - 1] = 1;
        ResourceUsage u = meter.stop();
        assertTrue(u.allocatedBytes() >= 32L * 1024 * 1024, u.summary());
        assertTrue(u.peakHeapBytes() > 0, u.summary());
        assertTrue(u.threads() > 0, u.summary());
        assertTrue(u.wallNanos() > 0, u.summary());
    }

    @Test
    void stop_afterWork_countsThreadCpuTimeWithinProcessCpuTime() {
        ResourceMeter meter = ResourceMeter.start();
        double x = 0;
        for (int i = 0; i < 5_000_000; i++) {
            x += Math.sqrt(i);
        }
        ResourceUsage u = meter.stop();
        assertTrue(x > 0);
        assertTrue(u.threadCpuNanos() > 0, u.summary());
        // the process's CPU time covers the measuring thread's (both counters tick at their own granularity)
        assertTrue(u.processCpuNanos() >= u.threadCpuNanos() / 2, u.summary());
    }

    @Test
    void stop_onLinux_readsResidentMemoryAndIo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of(
                "/proc/self/status")), "needs /proc");
        ResourceUsage u = ResourceMeter.start().stop();
        assertTrue(u.residentBytes() > 0 && u.peakResidentBytes() >= u.residentBytes(), u.summary());
    }

    @Test
    void stop_calledTwice_returnsTheFirstMeasurement() {
        ResourceMeter meter = ResourceMeter.start();
        assertSame(meter.stop(), meter.stop());
    }

    @Test
    void toMetrics_fromMetrics_roundTripsAndLeavesOutUnmeasuredValues() {
        qt().forAll(longs().between(-1, 1L << 53), longs().between(-1, 1L << 50),
                integers().between(0, 10_000)).checkAssert((a, b, t) -> {
                    ResourceUsage u = new ResourceUsage(Math.max(0, a), b, -1, a, b, a, a, b, t, -1, b);
                    Map<String, Double> m = u.toMetrics();
                    assertFalse(m.containsKey("resources.thread_cpu_nanos"));
                    ResourceUsage back = ResourceUsage.fromMetrics(m).orElseThrow();
                    // doubles hold these integers exactly up to 2^53
                    assertEquals(u, back);
                });
    }

    @Test
    void resources_ofARecordWithoutThem_isEmpty() {
        RunRecord r = new RunRecord("1", "e", "n", null, RunStatus.FINISHED, 0, 1, Map.of(), Map.of(),
                List.of(new MetricPoint("accuracy", 0.8, 0, 0)), Map.of(), Map.of());
        assertTrue(r.resources().isEmpty());
    }

    @Test
    void table_namesEveryStageAndMarksUnmeasuredValues() {
        ResourceUsage u = new ResourceUsage(2_000_000_000L, 3_000_000_000L, -1, 5L << 20, 64L << 20, -1, 1L << 30,
                512L << 20, 12, 4096, -1);
        String table = ResourceUsage.table(Map.of("train", u));
        for (String part : List.of("train", "2.00 s", "3.00 s", "1.5", "5.0 MiB", "64.0 MiB", "1.00 GiB", "4.0 KiB")) {
            assertTrue(table.contains(part), part + " in\n" + table);
        }
        assertTrue(u.summary().contains("thread cpu -") && u.summary().contains("written -"), u.summary());
    }
}
