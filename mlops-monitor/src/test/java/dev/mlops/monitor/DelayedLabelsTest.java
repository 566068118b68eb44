package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import dev.mlops.data.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DelayedLabelsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Profile REFERENCE = Profile.of(Samples.inputs(500, 1, 0, 0));
    static final PerformanceSpec BINARY = PerformanceSpec.binary("label", "good", "probabilities.good");

    static Frame outputs(double[] pGood) {
        String[] label = new String[pGood.length];
        for (int i = 0; i < label.length; i++) {
            label[i] = pGood[i] >= 0.5 ? "good" : "bad";
        }
        return Frame.of(CategoricalColumn.of("label", label), DoubleColumn.of("probabilities.good", pGood));
    }

    static List<String> ids(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void labels_joinByRequestId_andPerformanceIsMeasuredPerWindow() {
        TestClock clock = new TestClock(T0);
        DriftMonitor m = DriftMonitor.against(REFERENCE).windowRows(4).clock(clock)
                .labels(BINARY, Duration.ofHours(1), 100).build();
        double[] p = {0.9, 0.8, 0.3, 0.6, 0.2, 0.7, 0.4, 0.1};
        m.observe(Samples.inputs(8, 2, 0, 0), outputs(p), T0, ids("r", 8));
        String[] truth = {"good", "bad", "bad", "good", "bad", "bad", "good", "bad"};
        for (int i = 0; i < 8; i++) {
            assertEquals(LabelOutcome.JOINED, m.label("r" + i, truth[i]));
        }
        List<WindowPerformance> perf = m.performance();
        assertEquals(List.of("rows-0", "rows-1"), perf.stream().map(WindowPerformance::key).toList());
        WindowPerformance first = perf.get(0);
        // Window 0: predicted good, good, bad, good against good, bad, bad, good: 3 of 4 right.
        assertEquals(0.75, first.accuracy(), 1e-12);
        assertEquals((1.0 + 0.5) / 2, first.balancedAccuracy(), 1e-12);
        assertEquals(0.75, first.rocAuc(), 1e-12, "goods score 0.9, 0.6 against bads 0.8, 0.3: 3 of 4 pairs");
        double expectedLogLoss = -(Math.log(0.9) + Math.log(0.2) + Math.log(0.7) + Math.log(0.6)) / 4;
        assertEquals(expectedLogLoss, first.logLoss(), 1e-12);
        assertEquals(1.0, first.coverage());
        WindowPerformance second = perf.get(1);
        // Window 1: predicted bad, good, bad, bad against bad, bad, good, bad: 2 of 4 right.
        assertEquals(0.5, second.accuracy(), 1e-12);
        assertEquals(2 / 3.0, second.rocAuc(), 1e-12);
    }

    @Test
    void labels_countJoinedExpiredEvictedUnknownAndDuplicates_soNothingIsLostSilently() {
        TestClock clock = new TestClock(T0);
        DriftMonitor m = DriftMonitor.against(REFERENCE).windowRows(1000).clock(clock)
                .labels(BINARY, Duration.ofMinutes(10), 5).build();
        m.observe(Samples.inputs(3, 2, 0, 0), outputs(new double[] {0.9, 0.1, 0.6}), T0, ids("a", 3));
        clock.advance(Duration.ofMinutes(11));
        m.observe(Samples.inputs(7, 3, 0, 0), outputs(new double[] {0.9, 0.1, 0.6, 0.5, 0.4, 0.3, 0.2}),
                clock.instant(), ids("b", 7));
        assertEquals(LabelOutcome.UNKNOWN, m.label("a0", "good"), "expired after the time to live");
        assertEquals(LabelOutcome.UNKNOWN, m.label("b0", "good"), "evicted: the store holds 5");
        assertEquals(LabelOutcome.JOINED, m.label("b6", "bad"));
        assertEquals(LabelOutcome.DUPLICATE, m.label("b6", "good"));
        assertEquals(LabelOutcome.UNKNOWN, m.label("never-seen", "good"));
        LabelStats s = m.labelStats();
        assertEquals(new LabelStats(10, 4, 1, 3, 2, 3, 1), s);
        assertEquals(s.observed(), s.pending() + s.joined() + s.expired() + s.evicted());
    }

    @Test
    void labels_arriveThroughPredictionEvents_andRegressionGetsRmseAndMae() {
        DriftMonitor m = DriftMonitor.against(REFERENCE).windowRows(10)
                .labels(PerformanceSpec.regression("value"), Duration.ofHours(1), 100).build();
        Frame in = Samples.inputs(3, 2, 0, 0);
        Frame out = Frame.of(DoubleColumn.of("value", 1.0, 2.0, 4.0));
        m.onPrediction(PredictionEvent.of("m", 1, T0, 1000, List.of("x", "y", "z"), in, out));
        m.label("x", 2.0);
        m.label("y", 2.0);
        m.label("z", 1.0);
        WindowPerformance w = m.performance().get(0);
        assertEquals(Math.sqrt((1 + 0 + 9) / 3.0), w.rmse(), 1e-12);
        assertEquals(4 / 3.0, w.mae(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.label("nope", "a string"));
        assertTrue(e.getMessage().contains("regression label must be a number")
                && e.getMessage().contains("'a string'")
                && e.getMessage().contains("request nope"), e.getMessage());
    }

    @Test
    void labels_withoutALabelSpec_orWithAMismatchedOne_areRejected() {
        DriftMonitor plain = DriftMonitor.against(REFERENCE).build();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> plain.label("a", "good"));
        assertTrue(thrown.getMessage().contains("joins no labels")
                && thrown.getMessage().contains("labels(PerformanceSpec, ttl, capacity)"), thrown.getMessage());
        DriftMonitor wrong = DriftMonitor.against(REFERENCE).labels(PerformanceSpec.classification("cls"),
                Duration.ofHours(1), 10).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.observe(
                Samples.inputs(1, 1, 0, 0), outputs(new double[] {0.5}), T0, List.of("a")));
        assertTrue(e.getMessage().contains("'cls'"), e.getMessage());
        IllegalArgumentException thrown2 = assertThrows(IllegalArgumentException.class,
                () -> new PerformanceSpec(false, "label", "good", null));
        assertTrue(thrown2.getMessage().contains("positive class and its score output")
                && thrown2.getMessage().contains("scoreColumn=null"), thrown2.getMessage());
        assertEquals(BINARY, PerformanceSpec.fromJson(BINARY.toJson()));
        new Random(1);
    }
}
