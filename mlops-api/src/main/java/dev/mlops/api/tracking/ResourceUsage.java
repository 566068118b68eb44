package dev.mlops.api.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one stage used: wall time, CPU time, allocation, peak heap and resident memory, threads and I/O. Measured by
 * a {@link ResourceMeter}; recorded in a run as metrics under {@value #PREFIX} ({@link Run#logResources}) and read
 * back with {@link RunRecord#resources()}. A value that could not be measured on this JVM or OS is {@code -1}.
 *
 * <p>Process-wide values (process CPU, I/O, resident memory) cover everything the process did while the stage ran,
 * other threads included; thread CPU time is the measuring thread's alone.
 *
 * @param wallNanos elapsed wall-clock time
 * @param processCpuNanos CPU time of the whole process (all threads) during the stage
 * @param threadCpuNanos CPU time of the thread that started and stopped the meter
 * @param allocatedBytes heap bytes allocated by the threads alive at the end (a lower bound: threads that ended
 *     during the stage are not counted)
 * @param peakHeapBytes the highest heap use seen: before each garbage collection during the stage, and at start
 *     and end (garbage not yet collected included)
 * @param liveHeapBytes the highest heap in use just after a garbage collection during the stage: what the stage kept
 *     reachable, an estimate of the heap it needs ({@code -1} when no collection ran)
 * @param peakResidentBytes the process's resident-memory high-water mark ({@code VmHWM}, native memory included;
 *     since the process started)
 * @param residentBytes resident memory at the end ({@code VmRSS})
 * @param threads live threads, the larger of the counts at start and end
 * @param bytesRead bytes the process read through system calls ({@code rchar}: files, sockets, page cache included)
 * @param bytesWritten bytes the process wrote through system calls ({@code wchar})
 */
public record ResourceUsage(long wallNanos, long processCpuNanos, long threadCpuNanos, long allocatedBytes,
                            long peakHeapBytes, long liveHeapBytes, long peakResidentBytes, long residentBytes, int threads,
                            long bytesRead, long bytesWritten) {

    /** The prefix of the metric names a usage is recorded under. */
    public static final String PREFIX = "resources.";

    private static final List<String> KEYS = List.of("wall_nanos", "process_cpu_nanos", "thread_cpu_nanos",
            "allocated_bytes", "peak_heap_bytes", "live_heap_bytes", "peak_resident_bytes", "resident_bytes", "threads", "bytes_read",
            "bytes_written");

    /** The usage as metrics, {@code resources.wall_nanos} and so on; unmeasured values are left out. */
    public Map<String, Double> toMetrics() {
        long[] v = values();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] >= 0) {
                out.put(PREFIX + KEYS.get(i), (double) v[i]);
            }
        }
        return out;
    }

    /** The usage recorded in metrics by {@link #toMetrics()}, empty when there is no wall time among them. */
    public static Optional<ResourceUsage> fromMetrics(Map<String, Double> metrics) {
        if (!metrics.containsKey(PREFIX + KEYS.get(0))) {
            return Optional.empty();
        }
        long[] v = new long[KEYS.size()];
        for (int i = 0; i < v.length; i++) {
            Double d = metrics.get(PREFIX + KEYS.get(i));
            v[i] = d == null ? -1 : d.longValue();
        }
        return Optional.of(new ResourceUsage(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], (int) v[8], v[9],
                v[10]));
    }

    /** Process CPU time over wall time: about how many cores the stage kept busy ({@code NaN} when unmeasured). */
    public double coresBusy() {
        return processCpuNanos < 0 || wallNanos <= 0 ? Double.NaN : (double) processCpuNanos / wallNanos;
    }

    /** One line for a person: "wall 1.24 s, cpu 2.10 s (1.7 cores), alloc 310 MiB, heap 120 MiB, ...". */
    public String summary() {
        return String.format(Locale.ROOT, "wall %s, cpu %s (%.1f cores), thread cpu %s, alloc %s, peak heap %s,"
                        + " live heap %s, peak rss %s, rss %s, %d threads, read %s, written %s", seconds(wallNanos),
                seconds(processCpuNanos), coresBusy(), seconds(threadCpuNanos), bytes(allocatedBytes),
                bytes(peakHeapBytes), bytes(liveHeapBytes), bytes(peakResidentBytes), bytes(residentBytes), threads, bytes(bytesRead),
                bytes(bytesWritten));
    }

    /** A table with one row per stage, in the map's order. */
    public static String table(Map<String, ResourceUsage> stages) {
        StringBuilder sb = new StringBuilder();
        String row = "%-28s %9s %9s %6s %10s %10s %10s %10s %8s %10s %10s%n";
        sb.append(String.format(Locale.ROOT, row, "stage", "wall", "cpu", "cores", "allocated", "peak heap",
                "live heap", "peak rss", "threads", "read", "written"));
        stages.forEach((name, u) -> sb.append(String.format(Locale.ROOT, row, name, seconds(u.wallNanos),
                seconds(u.processCpuNanos), Double.isNaN(u.coresBusy()) ? "-" : String.format(Locale.ROOT, "%.1f",
                        u.coresBusy()), bytes(u.allocatedBytes), bytes(u.peakHeapBytes), bytes(u.liveHeapBytes), bytes(u.peakResidentBytes),
                u.threads, bytes(u.bytesRead), bytes(u.bytesWritten))));
        return sb.toString();
    }

    private long[] values() {
        return new long[] {wallNanos, processCpuNanos, threadCpuNanos, allocatedBytes, peakHeapBytes, liveHeapBytes,
            peakResidentBytes, residentBytes, threads, bytesRead, bytesWritten};
    }

    static String seconds(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String bytes(long b) {
        if (b < 0) {
            return "-";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / (1024.0 * 1024 * 1024));
    }
}
