package dev.mlops.benchmarks.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Profile throughput in cells per CPU-second of the measuring thread (best of 7), beside the moments floor and the
 * raw sketches: CPU time survives a shared, overloaded machine better than wall time. Same data as
 * {@link ProfileBenchmark}. Prints summary rows without a header.
 */
public final class ProfileCpuTime {
    private ProfileCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (String mix : new String[] {"numeric", "mixed"}) {
            ProfileBenchmark b = new ProfileBenchmark();
            b.mix = mix;
            b.setUp();
            try {
                double floor = best(mx, () -> b.momentsFloor(bh));
                double raw = best(mx, () -> b.rawSketches(bh));
                double profile = best(mx, () -> bh.consume(b.profileOneThread()));
                row("profileOneThread", mix, profile, floor);
                row("rawSketches", mix, raw, floor);
                row("momentsFloor", mix, floor, Double.NaN);
            } finally {
                b.tearDown();
            }
        }
    }

    private static double best(ThreadMXBean mx, Runnable r) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 7; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            r.run();
            best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        return ProfileBenchmark.CELLS / best;
    }

    private static void row(String name, String mix, double cellsPerCpuSecond, double floor) {
        String f = Double.isNaN(floor) ? ",," : String.format(Locale.ROOT,
                "profile.ProfileCpuTime.momentsFloor{mix=%s},%.4g,%.4g", mix, floor, cellsPerCpuSecond / floor);
        System.out.printf(Locale.ROOT, "profile.ProfileCpuTime.%s{mix=%s},cpu thrpt (higher is better),"
                + "cells/cpu-s,%.4g,%s%n", name, mix, cellsPerCpuSecond, f);
    }
}
