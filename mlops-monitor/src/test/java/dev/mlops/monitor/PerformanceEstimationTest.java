package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Confidence-based estimation on held-out data: truth follows P(good | x) = sigmoid(1.5 x), and the model is
 * overconfident (it scores sigmoid(3 x)), so calibration has to be corrected before estimating.
 */
class PerformanceEstimationTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final PerformanceSpec SPEC = PerformanceSpec.binary("label", "good", "probabilities.good");

    record Batch(Frame inputs, Frame outputs, List<String> truth, List<String> ids) {
    }

    static Batch batch(int n, double mean, Random r, String idPrefix) {
        double[] x = new double[n];
        double[] score = new double[n];
        String[] label = new String[n];
        List<String> truth = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = mean + r.nextGaussian();
            score[i] = 1 / (1 + Math.exp(-3 * x[i]));
            label[i] = score[i] >= 0.5 ? "good" : "bad";
            truth.add(r.nextDouble() < 1 / (1 + Math.exp(-1.5 * x[i])) ? "good" : "bad");
            ids.add(idPrefix + i);
        }
        return new Batch(Frame.of(DoubleColumn.of("x", x)),
                Frame.of(CategoricalColumn.of("label", label), DoubleColumn.of("probabilities.good", score)), truth,
                ids);
    }

    @Test
    void estimate_coversTheMeasuredValueInMostWindows_andMovesWithACovariateShift() {
        Random r = new Random(11);
        Batch reference = batch(4000, 0, r, "ref");
        DriftMonitor m = DriftMonitor.against(reference.inputs()).windowRows(500)
                .labels(SPEC, Duration.ofDays(1), 100_000)
                .estimatePerformance(SPEC, reference.outputs(), reference.truth()).build();
        CalibrationCheck check = m.calibration().orElseThrow();
        assertTrue(check.isotonic(), "an overconfident model is recalibrated: " + check);
        assertTrue(check.isotonicEce() < check.rawEce() / 2, check.toString());

        int windows = 20;
        List<Double> f1s = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            Batch b = batch(500, w < windows / 2 ? 0 : 2.0, r, "w" + w + "-");
            f1s.add(measuredF1(b));
            m.observe(b.inputs(), b.outputs(), T0, b.ids());
            for (int i = 0; i < 500; i++) {
                m.label(b.ids().get(i), b.truth().get(i));
            }
        }
        List<EstimatedPerformance> est = m.estimatedPerformance();
        List<WindowPerformance> measured = m.performance();
        assertEquals(windows, est.size());
        int accCovered = 0;
        int aucCovered = 0;
        int f1Covered = 0;
        for (int w = 0; w < windows; w++) {
            assertEquals(measured.get(w).key(), est.get(w).key());
            if (w >= windows / 2) {
                continue; // coverage is promised on the unshifted stream; beyond the reference, calibration extrapolates
            }
            accCovered += est.get(w).accuracy().covers(measured.get(w).accuracy()) ? 1 : 0;
            aucCovered += est.get(w).rocAuc().covers(measured.get(w).rocAuc()) ? 1 : 0;
            f1Covered += est.get(w).f1().covers(f1s.get(w)) ? 1 : 0;
        }
        assertTrue(accCovered >= 8, "accuracy band covered the measured value in " + accCovered + " of 10");
        assertTrue(aucCovered >= 8, "ROC AUC band covered the measured value in " + aucCovered + " of 10");
        double before = mean(est.subList(0, 10));
        double after = mean(est.subList(10, 20));
        double measuredBefore = measured.subList(0, 10).stream().mapToDouble(WindowPerformance::accuracy).average()
                .orElseThrow();
        double measuredAfter = measured.subList(10, 20).stream().mapToDouble(WindowPerformance::accuracy).average()
                .orElseThrow();
        assertTrue(after > before + 0.1, "shifted far from the boundary, accuracy rises: " + before + " -> " + after);
        assertEquals(measuredAfter - measuredBefore, after - before, 0.03);
        assertTrue(f1Covered >= 8, "F1 band covered the measured value in " + f1Covered + " of 10");
    }

    /** The F1 of the positive class that the labels of a batch show. */
    private static double measuredF1(Batch b) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < b.truth().size(); i++) {
            boolean predicted = b.outputs().categorical("label").getString(i).equals("good");
            boolean actual = b.truth().get(i).equals("good");
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        return 2.0 * tp / (2 * tp + fp + fn);
    }

    private static double mean(List<EstimatedPerformance> e) {
        return e.stream().mapToDouble(p -> p.accuracy().estimate()).average().orElseThrow();
    }

    @Test
    void expectedAuc_ofCertainLabels_isTheirAuc() {
        assertEquals(1.0, PerformanceEstimator.expectedAuc(new double[] {1, 2, 3, 4}, new double[] {0, 0, 1, 1}),
                1e-12);
        assertEquals(0.0, PerformanceEstimator.expectedAuc(new double[] {4, 3, 2, 1}, new double[] {0, 0, 1, 1}),
                1e-12);
        assertEquals(0.5, PerformanceEstimator.expectedAuc(new double[] {1, 1}, new double[] {0.5, 0.5}), 1e-12);
    }

    @Test
    void isotonic_isMonotoneAndPoolsViolators() {
        double[][] fit = PerformanceEstimator.isotonic(new double[] {0.1, 0.2, 0.3, 0.4},
                new boolean[] {false, true, false, true});
        assertEquals(List.of(0.0, 0.5, 1.0), List.of(fit[1][0], fit[1][1], fit[1][2]));
        assertEquals(0.5, PerformanceEstimator.apply(fit[0], fit[1], 0.25));
        assertEquals(1.0, PerformanceEstimator.apply(fit[0], fit[1], 0.99));
    }
}
