package example;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.WindowReport;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Monitors a window of shifted rows against a reference frame and expects the shifted column to drift. */
public final class Pipeline {
    public static void main(String[] args) {
        Random random = new Random(7);
        double[] amount = new double[2000];
        double[] age = new double[2000];
        for (int i = 0; i < amount.length; i++) {
            amount[i] = 3000 + 1000 * random.nextGaussian();
            age[i] = 35 + 10 * random.nextGaussian();
        }
        Frame reference = Frame.of(DoubleColumn.of("amount", amount), DoubleColumn.of("age", age));
        double[] shifted = new double[500];
        double[] same = new double[500];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = 6000 + 1000 * random.nextGaussian();
            same[i] = 35 + 10 * random.nextGaussian();
        }
        Frame window = Frame.of(DoubleColumn.of("amount", shifted), DoubleColumn.of("age", same));
        try (DriftMonitor monitor = DriftMonitor.against(reference).windowRows(500).build()) {
            monitor.observe(window, Frame.of(List.of()), Instant.parse("2026-01-01T00:00:00Z"), List.of());
            monitor.flush(); // closes a window still open; a full one closed as the rows came
            List<WindowReport> reports = monitor.reports();
            if (reports.isEmpty() || !reports.get(0).driftedColumns().contains("amount")
                    || reports.get(0).driftedColumns().contains("age")) {
                throw new AssertionError("amount doubled and age unchanged, got " + reports);
            }
            System.out.println("mlops-monitor consumer: drifted " + reports.get(0).driftedColumns());
        }
    }
}
