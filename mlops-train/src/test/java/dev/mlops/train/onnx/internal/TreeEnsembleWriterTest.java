package dev.mlops.train.onnx.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;

/** The float threshold keeps Tribuo's double comparison for every float input. */
class TreeEnsembleWriterTest {
    @Test
    void floorToFloat_anyThresholdAndFloat_sameDecisionAsDouble() {
        qt().forAll(doubles().between(-1e6, 1e6), floats().between(-1e6f, 1e6f))
                .check((t, x) -> (x <= TreeEnsembleWriter.floorToFloat(t)) == (x <= t));
    }

    @Test
    void floorToFloat_floatNeighboursOfThreshold_sameDecisionAsDouble() {
        // The cases that matter: inputs one float step either side of the threshold.
        qt().forAll(doubles().between(-1e6, 1e6)).check(t -> {
            float f = (float) (double) t;
            for (float x : new float[]{Math.nextDown(f), f, Math.nextUp(f)}) {
                if ((x <= TreeEnsembleWriter.floorToFloat(t)) != (x <= t)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void floorToFloat_edgeValues() {
        assertEquals(0.5f, TreeEnsembleWriter.floorToFloat(0.5));
        assertEquals(Math.nextDown(0.1f), TreeEnsembleWriter.floorToFloat(0.1)); // (float) 0.1 is above 0.1
        assertEquals(Float.POSITIVE_INFINITY, TreeEnsembleWriter.floorToFloat(Double.POSITIVE_INFINITY));
        assertEquals(Float.MAX_VALUE, TreeEnsembleWriter.floorToFloat(1e300));
        assertEquals(Float.NEGATIVE_INFINITY, TreeEnsembleWriter.floorToFloat(-1e300));
    }
}
