package dev.mlops.data.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one R² of the SDK against scikit-learn's {@code r2_score}. */
class R2Test {

    @Test
    void r2_matchesScikitLearnsDocumentedExample() {
        // sklearn.metrics.r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) == 0.948...
        assertEquals(0.9486081370449679, MetricMath.r2(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8}),
                1e-15);
        // r2_score([1, 2, 3], [3, 2, 1]) == -3.0
        assertEquals(-3.0, MetricMath.r2(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
    }

    @Test
    void r2_ofAConstantTruth_isOneWhenPerfectAndZeroOtherwise() {
        // scikit-learn's force_finite=True convention
        assertEquals(1.0, MetricMath.r2(new double[] {4, 4}, new double[] {4, 4}));
        assertEquals(0.0, MetricMath.r2(new double[] {4, 4}, new double[] {4, 5}));
    }
}
