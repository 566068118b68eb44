package dev.mlops.api.tracking;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** The platform sources behind {@link ResourceMeter}; each answers -1 (or null) where it is unavailable. */
final class ResourceProbes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResourceProbes.class);
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path IO = Path.of("/proc/self/io");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU = THREADS.isCurrentThreadCpuTimeSupported();
    private static final com.sun.management.ThreadMXBean ALLOCATION = allocationBean();
    private static final com.sun.management.OperatingSystemMXBean OS = osBean();
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private static final Set<HeapWatch> WATCHES = ConcurrentHashMap.newKeySet();
    private static final boolean GC_NOTIFICATIONS = listenToCollections();

    private ResourceProbes() {
    }

    static long processCpuNanos() {
        return OS == null ? -1 : OS.getProcessCpuTime();
    }

    static long threadCpuNanos() {
        return THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    static int liveThreads() {
        return THREADS.getThreadCount();
    }

    /** Allocated bytes per live thread id, or null when the JVM does not count allocation. */
    static Map<Long, Long> allocatedByThread() {
        if (ALLOCATION == null) {
            return null;
        }
        long[] ids = ALLOCATION.getAllThreadIds();
        long[] bytes = ALLOCATION.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }

    /** {@code [rchar, wchar]} from {@code /proc/self/io}, -1 each where unreadable. */
    static long[] io() {
        Map<String, Long> v = keyValues(IO, "rchar", "wchar");
        return new long[] {v.getOrDefault("rchar", -1L), v.getOrDefault("wchar", -1L)};
    }

    /** {@code [VmHWM, VmRSS]} in bytes from {@code /proc/self/status}, -1 each where unreadable. */
    static long[] residentMemory() {
        Map<String, Long> v = keyValues(STATUS, "VmHWM", "VmRSS");
        return new long[] {kib(v.get("VmHWM")), kib(v.get("VmRSS"))};
    }

    private static long kib(Long value) {
        return value == null ? -1 : value * 1024;
    }

    /** Parses "key: 123 kB" lines, keeping the wanted keys. */
    static Map<String, Long> keyValues(Path file, String... keys) {
        Map<String, Long> out = new HashMap<>();
        if (!Files.isReadable(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon);
                for (String k : keys) {
                    if (k.equals(key)) {
                        String rest = line.substring(colon + 1).trim();
                        int space = rest.indexOf(' ');
                        out.put(k, Long.parseLong(space < 0 ? rest : rest.substring(0, space)));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Cannot read {}: {}", file, e.toString());
        }
        return out;
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static HeapWatch watchHeap() {
        HeapWatch w = new HeapWatch(heapUsed());
        if (GC_NOTIFICATIONS) {
            WATCHES.add(w);
        }
        return w;
    }

    /**
     * The heap of one meter: the peak (heap use at start and stop, and before every collection in between) and the
     * live peak (after every collection in between).
     */
    static final class HeapWatch {
        private final AtomicLong peak;
        private final AtomicLong live = new AtomicLong(-1);

        HeapWatch(long used) {
            peak = new AtomicLong(used);
        }

        void observe(long before, long after) {
            peak.accumulateAndGet(before, Math::max);
            if (after >= 0) {
                live.accumulateAndGet(after, Math::max);
            }
        }

        /** Stops watching: {@code [peak, live]}. */
        long[] stop() {
            WATCHES.remove(this);
            observe(heapUsed(), -1);
            return new long[] {peak.get(), live.get()};
        }
    }

    private static com.sun.management.ThreadMXBean allocationBean() {
        try {
            if (THREADS instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
                if (!t.isThreadAllocatedMemoryEnabled()) {
                    t.setThreadAllocatedMemoryEnabled(true);
                }
                return t;
            }
        } catch (LinkageError | UnsupportedOperationException | SecurityException e) {
            LOG.debug("Thread allocation counting unavailable: {}", e.toString());
        }
        return null;
    }

    private static com.sun.management.OperatingSystemMXBean osBean() {
        try {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o
                    ? o : null;
        } catch (LinkageError e) {
            return null;
        }
    }

    private static boolean listenToCollections() {
        try {
            boolean any = false;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(ResourceProbes::onCollection, null, null);
                    any = true;
                }
            }
            return any;
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Garbage collection notifications unavailable: {}", e.toString());
            return false;
        }
    }

    private static void onCollection(Notification n, Object handback) {
        if (WATCHES.isEmpty() || !com.sun.management.GarbageCollectionNotificationInfo
                .GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management
                .GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long before = heapOf(info.getGcInfo().getMemoryUsageBeforeGc());
        long after = heapOf(info.getGcInfo().getMemoryUsageAfterGc());
        for (HeapWatch w : WATCHES) {
            w.observe(before, after);
        }
    }

    private static long heapOf(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (HEAP_POOLS.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }
}
