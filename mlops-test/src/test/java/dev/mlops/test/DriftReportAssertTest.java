package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftReport;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 18, part 2: {@code assertThat(driftReport).noFeatureDrifted()}, with the numbers in the failure. */
class DriftReportAssertTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Frame normal(int rows, double mean, long seed) {
        Random r = new Random(seed);
        double[] x = new double[rows];
        double[] z = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = mean + r.nextGaussian();
            z[i] = r.nextGaussian();
        }
        return Frame.of(DoubleColumn.of("x", x), DoubleColumn.of("z", z));
    }

    private static DriftReport report(Frame window) {
        try (DriftMonitor monitor = DriftMonitor.against(normal(2000, 0, 1)).windowRows(window.rowCount()).build()) {
            monitor.observe(window, Frame.of(List.of()), T0, List.of());
            monitor.flush();
            return DriftReport.of("test", monitor, T0);
        }
    }

    @Test
    void noFeatureDrifted_passesOnTheSameDistribution_andNamesTheShiftedColumnOtherwise() {
        assertThat(report(normal(500, 0, 2))).noFeatureDrifted();
        DriftReport shifted = report(normal(500, 3, 3));
        assertThat(shifted).featureDrifted("x");
        AssertionError e = assertThrows(AssertionError.class, () -> assertThat(shifted).noFeatureDrifted());
        assertTrue(e.getMessage().contains("x by ") && e.getMessage().contains("statistic")
                && !e.getMessage().contains(": z by"), e.getMessage());
        AssertionError never = assertThrows(AssertionError.class,
                () -> assertThat(report(normal(500, 0, 4))).featureDrifted("x"));
        assertTrue(never.getMessage().contains("never did"), never.getMessage());
    }
}
