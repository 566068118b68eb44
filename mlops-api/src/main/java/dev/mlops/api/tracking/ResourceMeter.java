package dev.mlops.api.tracking;

import java.util.Map;

/**
 * Measures the resources one stage uses, from {@link #start()} to {@link #stop()}, with the JDK's management beans
 * and {@code /proc/self} (see {@link ResourceUsage} for each value and what it covers).
 *
 * <pre>{@code
 * ResourceMeter meter = ResourceMeter.start();
 * TrainedModel model = trainer.train(frame, "class");
 * run.logResources(meter.stop());
 * }</pre>
 *
 * <p>Where a source is missing, the value is {@code -1} rather than a guess: thread CPU time and allocated bytes
 * need a JVM that supports them ({@code com.sun.management}, as HotSpot and OpenJ9 do); process CPU time needs
 * {@code com.sun.management.OperatingSystemMXBean}; resident memory and I/O need Linux's {@code /proc/self/status}
 * and {@code /proc/self/io}. Peak heap falls back to the larger of the heap use at start and at stop when garbage
 * collection notifications are unavailable. Starting and stopping costs tens of microseconds (benchmarked), and
 * meters nest: each sees every collection during its own span.
 *
 * <p>A meter is used by one thread; stopping it twice returns the first measurement again.
 */
public final class ResourceMeter {
    private final long startWall;
    private final long startCpu;
    private final long startThreadCpu;
    private final Thread thread;
    private final Map<Long, Long> startAllocated;
    private final long[] startIo;
    private final int startThreads;
    private final ResourceProbes.HeapWatch heap;
    private ResourceUsage result;

    private ResourceMeter() {
        thread = Thread.currentThread();
        heap = ResourceProbes.watchHeap();
        startThreads = ResourceProbes.liveThreads();
        startIo = ResourceProbes.io();
        startAllocated = ResourceProbes.allocatedByThread();
        startCpu = ResourceProbes.processCpuNanos();
        startThreadCpu = ResourceProbes.threadCpuNanos();
        startWall = System.nanoTime();
    }

    /** Starts measuring now, on the calling thread. */
    public static ResourceMeter start() {
        return new ResourceMeter();
    }

    /** Stops measuring and returns what the stage used (the same value when called again). */
    public ResourceUsage stop() {
        if (result != null) {
            return result;
        }
        long wall = System.nanoTime() - startWall;
        long threadCpu = Thread.currentThread() == thread ? minus(ResourceProbes.threadCpuNanos(), startThreadCpu)
                : -1;
        long cpu = minus(ResourceProbes.processCpuNanos(), startCpu);
        long allocated = allocatedSince(startAllocated);
        long[] io = ResourceProbes.io();
        long[] memory = ResourceProbes.residentMemory();
        long[] heapPeaks = heap.stop();
        int threads = Math.max(startThreads, ResourceProbes.liveThreads());
        result = new ResourceUsage(wall, cpu, threadCpu, allocated, heapPeaks[0], heapPeaks[1], memory[0], memory[1],
                threads,
                minus(io[0], startIo[0]), minus(io[1], startIo[1]));
        return result;
    }

    private static long allocatedSince(Map<Long, Long> start) {
        if (start == null) {
            return -1;
        }
        Map<Long, Long> now = ResourceProbes.allocatedByThread();
        if (now == null) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            sum += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    private static long minus(long end, long start) {
        return end < 0 || start < 0 ? -1 : Math.max(0, end - start);
    }
}
