package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Frame;
import dev.mlops.data.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Frame NONE = Frame.of(List.of());
    static final Profile REFERENCE = Profile.of(Samples.inputs(2000, 1, 0, 0));

    @Test
    void rowWindows_closeEveryNRows_andSplitEventsThatCrossABoundary() {
        DriftMonitor m = DriftMonitor.against(REFERENCE).windowRows(100).build();
        m.observe(Samples.inputs(70, 2, 0, 0), NONE, T0);
        assertEquals(0, m.reports().size());
        m.observe(Samples.inputs(250, 3, 0, 0), NONE, T0.plusSeconds(1));
        assertEquals(List.of(100L, 100L, 100L), m.windows().stream().map(Window::rowCount).toList());
        assertEquals(List.of("rows-0", "rows-1", "rows-2"), m.reports().stream().map(WindowReport::key).toList());
        assertEquals(20, m.openWindows().get(0).rowCount());
        List<WindowReport> last = m.flush();
        assertEquals(20, last.get(0).rows());
    }

    @Test
    void tumblingWindows_assignByEventTime_andCloseByTheInjectedClock() {
        TestClock clock = new TestClock(T0);
        DriftMonitor m = DriftMonitor.against(REFERENCE).window(Duration.ofHours(1)).clock(clock).build();
        m.observe(Samples.inputs(10, 2, 0, 0), NONE, T0.plusSeconds(60));
        m.observe(Samples.inputs(15, 3, 0, 0), NONE, T0.plusSeconds(3599));
        m.observe(Samples.inputs(5, 4, 0, 0), NONE, T0.plusSeconds(3600));
        assertEquals(0, m.reports().size(), "no window closes before the clock passes its end");
        clock.set(T0.plusSeconds(3600));
        List<WindowReport> closed = m.advance();
        assertEquals(1, closed.size());
        assertEquals(25, closed.get(0).rows());
        assertEquals(T0, closed.get(0).start());
        assertEquals(T0.plusSeconds(3600), closed.get(0).end());
        m.observe(Samples.inputs(7, 5, 0, 0), NONE, T0.plusSeconds(30));
        assertEquals(7, m.lateRows(), "rows for a closed window are counted, not lost silently");
        clock.set(T0.plusSeconds(7200));
        assertEquals(5, m.advance().get(0).rows());
    }

    @Test
    void slidingWindows_areMergesOfTheirSteps() {
        TestClock clock = new TestClock(T0);
        DriftMonitor m = DriftMonitor.against(REFERENCE)
                .window(WindowSpec.sliding(Duration.ofMinutes(30), Duration.ofMinutes(10))).clock(clock).build();
        for (int step = 0; step < 5; step++) {
            m.observe(Samples.inputs(10 * (step + 1), step, 0, 0), NONE, T0.plus(Duration.ofMinutes(10L * step + 1)));
        }
        clock.set(T0.plus(Duration.ofMinutes(50)));
        List<WindowReport> r = m.advance();
        // Steps hold 10, 20, 30, 40, 50 rows; each window covers the last three steps.
        assertEquals(List.of(10L, 30L, 60L, 90L, 120L), r.stream().map(WindowReport::rows).toList());
        assertEquals(T0.plus(Duration.ofMinutes(20)), r.get(4).start());
        assertEquals(T0.plus(Duration.ofMinutes(50)), r.get(4).end());
    }

    @Test
    void keyWindows_groupRowsByTheKeyColumn_andANewKeyClosesTheOldest() {
        Profile ref = Profile.of(Samples.inputs(500, 1, 0, 0).withColumn(
                CategoricalColumn.of("day", new String[500])));
        DriftMonitor m = DriftMonitor.against(ref).window(WindowSpec.byKey("day")).build();
        Frame a = Samples.inputs(4, 2, 0, 0).withColumn(CategoricalColumn.of("day", "mon", "mon", "tue", "tue"));
        m.observe(a, NONE, T0);
        assertEquals(1, m.reports().size());
        assertEquals("mon", m.reports().get(0).key());
        assertEquals(2, m.reports().get(0).rows());
        assertEquals("tue", m.openWindows().get(0).key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.observe(Samples.inputs(3, 2, 0, 0), NONE, T0));
        assertTrue(e.getMessage().contains("column 'day'")
                && e.getMessage().contains("they have [x, color]"), e.getMessage());
    }

    @Test
    void outputs_areProfiledBesideInputs_andReportedAsPredictionDrift() {
        Frame ref = Samples.inputs(3000, 1, 0, 0);
        Profile reference = Profile.of(Frame.of(concat(ref, Samples.outputs(ref))));
        DriftMonitor m = DriftMonitor.against(reference).windowRows(2000).build();
        Frame shifted = Samples.inputs(2000, 9, 1.0, 0);
        m.observe(shifted, Samples.outputs(shifted), T0);
        WindowReport r = m.reports().get(0);
        assertTrue(r.feature("score").orElseThrow().output());
        assertEquals(List.of("score"), r.driftedOutputs());
        assertTrue(r.driftedColumns().contains("x"));
        assertTrue(!r.driftedColumns().contains("color"), r.toString());
    }

    @Test
    void windowSpec_rejectsImpossibleSettings_andRoundTripsThroughJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowSpec.rows(0));
        assertTrue(e.getMessage().contains("at least 1 row")
                && e.getMessage().contains("got 0"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> WindowSpec.sliding(Duration.ofMinutes(25), Duration.ofMinutes(10)));
        assertTrue(e2.getMessage().contains("0 < step <= size")
                && e2.getMessage().contains("size 1500000 ms, step 600000 ms"), e2.getMessage());
        WindowSpec s = WindowSpec.sliding(Duration.ofHours(1), Duration.ofMinutes(15));
        assertEquals(s, WindowSpec.fromJson(s.toJson()));
    }

    static List<dev.mlops.api.Column> concat(Frame a, Frame b) {
        List<dev.mlops.api.Column> cols = new java.util.ArrayList<>(a.columns());
        cols.addAll(b.columns());
        return cols;
    }
}
