package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Detectors on synthetic streams with a known change point: an error rate rising from 10% to 40% at value 3000, and
 * a Gaussian score whose mean moves by one standard deviation. Measured over 30 seeds: detection delay and false
 * alarms (detections before the change).
 */
class ChangeDetectorTest {
    static final int CHANGE = 3000;
    static final int LENGTH = 6000;
    static final int SEEDS = 30;

    record Result(int falseAlarms, int missed, double meanDelay, int maxDelay) {
    }

    static Result run(Supplier<ChangeDetector> detectors, boolean bernoulli) {
        int falseAlarms = 0;
        int missed = 0;
        long delays = 0;
        int maxDelay = 0;
        int detected = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            ChangeDetector d = detectors.get();
            int first = -1;
            for (int i = 0; i < LENGTH; i++) {
                double v = bernoulli ? (r.nextDouble() < (i < CHANGE ? 0.1 : 0.4) ? 1 : 0)
                        : r.nextGaussian() + (i < CHANGE ? 0 : 1);
                if (d.add(v)) {
                    if (i < CHANGE) {
                        falseAlarms++;
                    } else if (first < 0) {
                        first = i;
                    }
                }
            }
            if (first < 0) {
                missed++;
            } else {
                detected++;
                delays += first - CHANGE;
                maxDelay = Math.max(maxDelay, first - CHANGE);
            }
            assertEquals(LENGTH, d.count());
        }
        Result result = new Result(falseAlarms, missed, detected == 0 ? Double.NaN : (double) delays / detected,
                maxDelay);
        System.out.println("measured " + detectors.get() + (bernoulli ? " on error bits: " : " on scores: ") + result);
        return result;
    }

    @Test
    void pageHinkley_detectsARisingErrorRate_soonAfterTheChange_withoutFalseAlarms() {
        Result r = run(() -> ChangeDetector.pageHinkley(0.005, 40, 30), true);
        assertEquals(0, r.missed(), r.toString());
        assertTrue(r.meanDelay() < 150, r.toString());
        assertTrue(r.falseAlarms() <= 1, r.toString());
    }

    @Test
    void pageHinkley_detectsAScoreShift() {
        Result r = run(() -> ChangeDetector.pageHinkley(0.05, 50, 30), false);
        assertEquals(0, r.missed(), r.toString());
        assertTrue(r.meanDelay() < 100, r.toString());
        assertTrue(r.falseAlarms() <= 1, r.toString());
    }

    @Test
    void adwin_detectsARisingErrorRate_andShrinksToTheNewRegime() {
        Result r = run(() -> ChangeDetector.adwin(0.002), true);
        assertEquals(0, r.missed(), r.toString());
        assertTrue(r.meanDelay() < 150, r.toString());
        assertTrue(r.falseAlarms() <= 1, r.toString());
        Adwin a = new Adwin(0.002);
        Random rnd = new Random(7);
        for (int i = 0; i < LENGTH; i++) {
            a.add(rnd.nextDouble() < (i < CHANGE ? 0.1 : 0.4) ? 1 : 0);
        }
        assertTrue(a.width() <= LENGTH - CHANGE + 200, "the window holds about the data since the change: " + a);
        assertEquals(0.4, a.mean(), 0.05);
    }

    @Test
    void adwin_detectsAScoreShift_withLogarithmicMemory() {
        Result r = run(() -> ChangeDetector.adwin(0.002), false);
        assertEquals(0, r.missed(), r.toString());
        assertTrue(r.meanDelay() < 60, r.toString());
        assertTrue(r.falseAlarms() <= 1, r.toString());
    }

    @Test
    void detectors_rejectNonFiniteValuesAndBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangeDetector.adwin(0).add(1));
        assertTrue(e.getMessage().contains("ADWIN")
                && e.getMessage().contains("delta in (0, 1)")
                && e.getMessage().contains("got 0.0"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ChangeDetector.pageHinkley(0.01, 0, 1));
        assertTrue(e2.getMessage().contains("Page-Hinkley")
                && e2.getMessage().contains("lambda > 0")
                && e2.getMessage().contains("got 0.01, 0.0, 1"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> ChangeDetector.adwin(0.01).add(Double.NaN));
        assertTrue(e3.getMessage().contains("finite values")
                && e3.getMessage().contains("got NaN"), e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> ChangeDetector.pageHinkley(0.01, 5, 1).add(
                Double.POSITIVE_INFINITY));
        assertTrue(e4.getMessage().contains("finite values")
                && e4.getMessage().contains("got Infinity"), e4.getMessage());
    }
}
