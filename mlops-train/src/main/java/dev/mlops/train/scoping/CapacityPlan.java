package dev.mlops.train.scoping;

import dev.mlops.api.Frame;
import dev.mlops.api.tracking.ResourceMeter;
import dev.mlops.api.tracking.ResourceUsage;
import dev.mlops.data.split.Shuffle;
import dev.mlops.train.Trainer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A capacity plan: how training time and memory grow with rows, fitted as power laws ({@code value = a * rows^b})
 * on runs measured at a few fractions of the data, extrapolated to sizes the caller names, checked against this
 * machine's heap and memory; and, from measured serving throughput, the cores a target request rate needs.
 *
 * <pre>{@code
 * CapacityPlan plan = CapacityPlan.measure(Trainer.logisticRegression(), train, "class", 0.125, 0.25, 0.5, 1.0);
 * System.out.println(plan.describe(10_000, 1_000_000));   // "1,000,000 rows: about 41 s CPU (...), 2.1 GiB live heap; ..."
 * }</pre>
 *
 * <p>CPU time is the process's (every thread, native code included), fitted instead of wall time because it does
 * not depend on what else the machine runs. Memory is the live heap: {@link #measure} collects garbage before and
 * after each run (holding the sample and the model), so the growth fitted is what the run keeps reachable, the
 * highest after any collection during the run included, not garbage waiting to be collected. Immutable.
 *
 * @param measurements the measured runs, smallest first
 * @param cpuTime the power law of CPU seconds against rows
 * @param wallTime the power law of wall seconds against rows
 * @param heapGrowth the power law of live heap growth (bytes) against rows
 * @param baseHeapBytes the live heap before the runs (median), added to the growth
 * @param maxHeapBytes this JVM's maximum heap ({@code -Xmx})
 * @param physicalMemoryBytes this machine's physical memory ({@code -1} when unknown)
 * @param cores the cores this JVM may use
 */
public record CapacityPlan(List<Measurement> measurements, PowerLaw cpuTime, PowerLaw wallTime, PowerLaw heapGrowth,
                           long baseHeapBytes, long maxHeapBytes, long physicalMemoryBytes, int cores) {
    /** Runs per fraction; the one with the least CPU time counts (JIT and collector threads only ever add). */
    private static final int REPEATS = 3;

    /** Copies the list. */
    public CapacityPlan {
        measurements = List.copyOf(measurements);
    }

    /**
     * One measured training run.
     *
     * @param rows rows trained on
     * @param usage what the run used
     * @param heapBeforeBytes the live heap just before it
     * @param heapHeldBytes the most live heap during or just after it
     */
    public record Measurement(int rows, ResourceUsage usage, long heapBeforeBytes, long heapHeldBytes) {
    }

    /**
     * {@code value = coefficient * rows^exponent}, fitted by least squares on logarithms.
     *
     * @param coefficient the value at one row
     * @param exponent how the value grows: 1 is linear, 2 quadratic
     * @param r2 the fit's coefficient of determination on the logarithms (1 is a perfect power law)
     */
    public record PowerLaw(double coefficient, double exponent, double r2) {
        /** The value at this many rows. */
        public double at(double rows) {
            return coefficient * Math.pow(rows, exponent);
        }

        /** Fits the law to points with positive x and y. @throws IllegalArgumentException with fewer than two */
        public static PowerLaw fit(double[] x, double[] y) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (x[i] > 0 && y[i] > 0) {
                    points.add(new double[] {Math.log(x[i]), Math.log(y[i])});
                }
            }
            if (points.size() < 2) {
                throw new IllegalArgumentException("A power law needs at least two points with positive values, got "
                        + points.size() + " of " + x.length + "; measure at more fractions or larger ones");
            }
            double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
            double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (double[] p : points) {
                sxy += (p[0] - mx) * (p[1] - my);
                sxx += (p[0] - mx) * (p[0] - mx);
                syy += (p[1] - my) * (p[1] - my);
            }
            double b = sxx == 0 ? 0 : sxy / sxx;
            double r2 = syy == 0 ? 1 : b * sxy / syy;
            return new PowerLaw(Math.exp(my - b * mx), b, r2);
        }
    }

    /**
     * What a size will take.
     *
     * @param rows the rows
     * @param cpuSeconds estimated CPU seconds
     * @param wallSeconds estimated wall seconds on this machine
     * @param peakHeapBytes estimated live heap needed
     * @param fitsHeap whether that fits this JVM's maximum heap
     * @param fitsMemory whether it fits this machine's physical memory
     * @param advice what to do about it, in a sentence
     */
    public record Estimate(long rows, double cpuSeconds, double wallSeconds, long peakHeapBytes, boolean fitsHeap,
                           boolean fitsMemory, String advice) {
    }

    /**
     * The cores a request rate needs.
     *
     * @param targetRequestsPerSecond the rate to serve
     * @param targetP99Micros the p99 latency to keep
     * @param measuredP99Micros the p99 latency measured on one core
     * @param throughputPerCore predictions per CPU second measured
     * @param utilisation the per-core utilisation planned for (headroom keeps queueing from growing the p99)
     * @param cores the cores needed
     * @param latencyMet whether the measured p99 is within the target at all (more cores do not shorten one call)
     * @param advice what to do, in a sentence
     */
    public record ServingPlan(double targetRequestsPerSecond, double targetP99Micros, double measuredP99Micros,
                              double throughputPerCore, double utilisation, int cores, boolean latencyMet,
                              String advice) {
    }

    /**
     * Trains {@code trainer} on seeded samples of {@code frame} at each fraction (after one warm-up run at the
     * smallest), three times each keeping the run with the least CPU time, and fits the plan.
     *
     * @throws IllegalArgumentException when fewer than two fractions in (0, 1] are given
     */
    public static CapacityPlan measure(Trainer trainer, Frame frame, String label, double... fractions) {
        if (fractions.length < 2) {
            throw new IllegalArgumentException("A capacity plan needs runs at two or more fractions, e.g."
                    + " 0.25, 0.5, 1.0; got " + Arrays.toString(fractions));
        }
        double[] sorted = fractions.clone();
        Arrays.sort(sorted);
        if (!(sorted[0] > 0) || sorted[sorted.length - 1] > 1) {
            throw new IllegalArgumentException("Fractions must lie in (0, 1], got " + Arrays.toString(fractions));
        }
        int[] order = shuffled(frame.rowCount(), 42);
        train(trainer, frame, label, order, sorted[0]);
        List<Measurement> out = new ArrayList<>();
        for (double f : sorted) {
            Measurement best = null;
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                long before = liveHeap();
                ResourceMeter meter = ResourceMeter.start();
                Object[] held = train(trainer, frame, label, order, f);
                ResourceUsage usage = meter.stop();
                long after = liveHeap();
                Measurement m = new Measurement(((Frame) held[0]).rowCount(), usage, before, Math.max(after,
                        usage.liveHeapBytes()));
                java.lang.ref.Reference.reachabilityFence(held);
                if (best == null || cpuSeconds(m) < cpuSeconds(best)) {
                    best = m;
                }
            }
            out.add(best);
        }
        return fit(out);
    }

    /** Fits a plan to measured runs (two or more sizes). */
    public static CapacityPlan fit(List<Measurement> measurements) {
        List<Measurement> m = new ArrayList<>(measurements);
        m.sort(java.util.Comparator.comparingInt(Measurement::rows));
        double[] rows = m.stream().mapToDouble(Measurement::rows).toArray();
        double[] cpu = m.stream().mapToDouble(CapacityPlan::cpuSeconds).toArray();
        double[] wall = m.stream().mapToDouble(x -> x.usage().wallNanos() / 1e9).toArray();
        double[] heap = m.stream().mapToDouble(x -> Math.max(1, x.heapHeldBytes() - x.heapBeforeBytes())).toArray();
        long[] before = m.stream().mapToLong(Measurement::heapBeforeBytes).sorted().toArray();
        long physical = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = os.getTotalMemorySize();
        }
        return new CapacityPlan(m, PowerLaw.fit(rows, cpu), PowerLaw.fit(rows, wall), PowerLaw.fit(rows, heap),
                before[before.length / 2], Runtime.getRuntime().maxMemory(), physical,
                Runtime.getRuntime().availableProcessors());
    }

    /** The estimate for a size, with whether it fits and what to do when it does not. */
    public Estimate at(long rows) {
        double cpu = cpuTime.at(rows);
        double wall = wallTime.at(rows);
        long heap = (long) Math.min(Long.MAX_VALUE, baseHeapBytes + heapGrowth.at(rows));
        boolean fitsHeap = heap <= maxHeapBytes;
        boolean fitsMemory = physicalMemoryBytes < 0 || heap <= physicalMemoryBytes;
        String advice;
        if (!fitsMemory) {
            advice = String.format(Locale.ROOT, "needs about %s of heap, beyond this machine's %s of memory: scale"
                    + " out (profile, validate and score by partition with mlops-spark, train on a stratified"
                    + " sample or an incremental learner)", gib(heap), gib(physicalMemoryBytes));
        } else if (!fitsHeap) {
            advice = String.format(Locale.ROOT, "needs about %s of heap, beyond -Xmx %s: raise -Xmx (the machine has"
                    + " %s) or scale out", gib(heap), gib(maxHeapBytes), gib(physicalMemoryBytes));
        } else {
            advice = "fits this machine";
        }
        return new Estimate(rows, cpu, wall, heap, fitsHeap, fitsMemory, advice);
    }

    /** "10000 rows: about 1.2 s CPU (1.0 s wall), 310 MiB live heap; fits this machine", one line per size. */
    public String describe(long... rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "CPU time ~ rows^%.2f (r2 %.3f), wall ~ rows^%.2f (r2 %.3f), heap growth"
                        + " ~ rows^%.2f (r2 %.3f), from %d runs of %d to %d rows%n", cpuTime.exponent(), cpuTime.r2(),
                wallTime.exponent(), wallTime.r2(), heapGrowth.exponent(), heapGrowth.r2(), measurements.size(),
                measurements.get(0).rows(), measurements.get(measurements.size() - 1).rows()));
        for (long n : rows) {
            Estimate e = at(n);
            sb.append(String.format(Locale.ROOT, "  %,d rows: about %s CPU (%s wall), %s live heap; %s%n", n,
                    secs(e.cpuSeconds()), secs(e.wallSeconds()), gib(e.peakHeapBytes()), e.advice()));
        }
        return sb.toString();
    }

    /**
     * The cores a request rate needs, from serving measured on this machine: predictions per CPU second and the p99
     * of one call. Plans each core at 70% utilisation, so queueing does not push the p99 far beyond one call's.
     */
    public static ServingPlan serving(double throughputPerCore, double measuredP99Micros, double targetRps,
                                      Duration targetP99) {
        if (!(throughputPerCore > 0) || !(targetRps > 0)) {
            throw new IllegalArgumentException("Serving needs a positive measured throughput per core and target"
                    + " rate, got " + throughputPerCore + " and " + targetRps);
        }
        double utilisation = 0.7;
        int cores = (int) Math.ceil(targetRps / (throughputPerCore * utilisation));
        double target = targetP99.toNanos() / 1000.0;
        boolean met = measuredP99Micros <= target;
        String advice = met ? String.format(Locale.ROOT, "%d core(s) at %.0f%% utilisation serve %.0f requests/s"
                        + " (%.0f per core measured) within p99 %.0f us (%.0f us measured)", cores, 100 * utilisation,
                targetRps, throughputPerCore, target, measuredP99Micros)
                : String.format(Locale.ROOT, "one call's p99 is %.0f us, above the target %.0f us: more cores will"
                        + " not help; use a smaller model, batch requests, or a GPU provider", measuredP99Micros,
                target);
        return new ServingPlan(targetRps, target, measuredP99Micros, throughputPerCore, utilisation, cores, met,
                advice);
    }

    private static double cpuSeconds(Measurement m) {
        long nanos = m.usage().processCpuNanos() >= 0 ? m.usage().processCpuNanos() : m.usage().wallNanos();
        return nanos / 1e9;
    }

    /** Trains on a sample; returns the sample and the model, so the caller can keep them reachable. */
    private static Object[] train(Trainer trainer, Frame frame, String label, int[] order, double fraction) {
        int n = Math.max(2, (int) Math.round(order.length * fraction));
        int[] rows = Arrays.copyOf(order, n);
        Arrays.sort(rows);
        Frame sample = frame.rows(rows);
        return new Object[] {sample, trainer.train(sample, label)};
    }

    /** The heap in use after a requested full collection: what is reachable (an estimate; the JVM may decline). */
    @SuppressWarnings("java:S1215")
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** 0 to n-1 in a seeded random order. */
    static int[] shuffled(int n, long seed) {
        return Shuffle.permutation(n, seed);
    }

    private static String secs(double s) {
        return s < 120 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f min", s / 60);
    }

    static String gib(long bytes) {
        return bytes < (1L << 30) ? String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
