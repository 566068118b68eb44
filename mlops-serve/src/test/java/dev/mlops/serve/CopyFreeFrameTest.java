package dev.mlops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.PredictionException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Frames fed to the graph straight from their columns (issue 13.2): DOUBLE inputs arrive unrounded, FLOAT inputs
 * as the float the record path gives, the checks (NaN, infinities, float overflow) still name the input and the
 * row, and listeners and batches still see the values.
 */
class CopyFreeFrameTest {
    /** doubles.onnx: y = x1 + 2 x2 and d = x1, in double. */
    private static ModelArtifact doubles(boolean nullable, boolean infinity) {
        return ModelArtifact.newBuilder().model(TestModels.bytes("doubles")).signature(new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.DOUBLE, nullable).withAcceptsInfinity(infinity),
                        TensorSpec.column("x2", ElementType.DOUBLE, nullable).withAcceptsInfinity(infinity)),
                List.of(TensorSpec.column("y", ElementType.DOUBLE, false),
                        TensorSpec.column("d", ElementType.DOUBLE, false)), List.of(), ModelTask.REGRESSION))
                .build();
    }

    private static final double[] X1 = {0.1, 1.0 / 3, 1e-300, -123456.789012345678, 0.30000000000000004, 7};
    private static final double[] X2 = {0.2, Math.PI, 5e-324, 1e300, -0.1, Math.E};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void doubleInputs_reachTheGraphUnrounded_asTheRecordPathGivesThem(boolean batching) {
        ServerConfig config = batching ? ServerConfig.newBuilder().batching(64, Duration.ZERO).build()
                : ServerConfig.defaults();
        try (ModelServer server = ModelServer.newBuilder().artifact(doubles(false, false)).config(config).build()) {
            Frame out = server.predict(Frame.of(DoubleColumn.of("x1", X1), DoubleColumn.of("x2", X2)));
            for (int r = 0; r < X1.length; r++) {
                assertEquals(X1[r], out.doubles("d").getDouble(r), 0.0, "row " + r + " passes bit for bit");
                assertEquals(X1[r] + 2 * X2[r], out.doubles("y").getDouble(r), 0.0, "row " + r + " computed in double");
                Prediction p = server.predict(Map.of("x1", X1[r], "x2", X2[r]));
                assertEquals(X1[r], (Double) p.outputs().get("d"), 0.0);
            }
        }
    }

    @Test
    void doubleInputs_checksNameTheInputAndRow() {
        try (ModelServer server = ModelServer.newBuilder().artifact(doubles(false, false)).build()) {
            PredictionException e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x1", 1, 2, 3), DoubleColumn.of("x2", 0, Double.NEGATIVE_INFINITY, Double.NaN))));
            assertEquals(Reason.NAN_NOT_ALLOWED, e.reason()); // NaN is reported first, as before
            assertTrue(e.getMessage().contains("column 'x2' is missing (NaN) at row 2"), e.getMessage());
            e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x1", 1, 2, 3), DoubleColumn.of("x2", 0, Double.NEGATIVE_INFINITY, 0))));
            assertEquals(Reason.INFINITY_NOT_ALLOWED, e.reason());
            assertTrue(e.getMessage().contains("input 'x2' at row 1 is -Infinity"), e.getMessage());
            // 1e300 is finite in double: served, where a FLOAT input would refuse it as an overflow
            assertEquals(3e300, server.predict(Frame.of(DoubleColumn.of("x1", 1e300), DoubleColumn.of("x2", 1e300)))
                    .doubles("y").getDouble(0), 1e285);
        }
        try (ModelServer lenient = ModelServer.newBuilder().artifact(doubles(true, true)).build()) {
            Frame out = lenient.predict(Frame.of(DoubleColumn.of("x1", Double.NaN, Double.POSITIVE_INFINITY, 1),
                    DoubleColumn.of("x2", 0, 0, Double.NEGATIVE_INFINITY)));
            assertTrue(Double.isNaN(out.doubles("d").getDouble(0)));
            assertEquals(Double.POSITIVE_INFINITY, out.doubles("d").getDouble(1));
            assertEquals(Double.NEGATIVE_INFINITY, out.doubles("y").getDouble(2));
        }
    }

    @Test
    void nullableDoubleInputs_missingCellsServed_infinitiesStillRefused() {
        try (ModelServer server = ModelServer.newBuilder().artifact(doubles(true, false)).build()) {
            // x1 has a missing cell (checked on its own), x2 none (checked with the other full columns at once)
            PredictionException e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x1", Double.NaN, 1, 2), DoubleColumn.of("x2", 0, 0, Double.POSITIVE_INFINITY))));
            assertEquals(Reason.INFINITY_NOT_ALLOWED, e.reason());
            assertTrue(e.getMessage().contains("input 'x2' at row 2 is Infinity"), e.getMessage());
            e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x1", Double.NaN, Double.NEGATIVE_INFINITY), DoubleColumn.of("x2", 0, 0))));
            assertTrue(e.getMessage().contains("input 'x1' at row 1 is -Infinity"), e.getMessage());
            Frame out = server.predict(Frame.of(DoubleColumn.of("x1", Double.NaN, 1), DoubleColumn.of("x2", 0, 2)));
            assertTrue(Double.isNaN(out.doubles("d").getDouble(0)));
            assertEquals(5, out.doubles("y").getDouble(1), 0.0);
        }
    }

    @Test
    void wideFrames_reportTheFirstBadColumnInSignatureOrder() {
        double[] fine = new double[2000];
        double[] bad = fine.clone();
        bad[1999] = Double.NEGATIVE_INFINITY;
        try (ModelServer server = ModelServer.newBuilder().artifact(doubles(false, false)).build()) {
            PredictionException e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x2", bad), DoubleColumn.of("x1", bad))));
            assertTrue(e.getMessage().contains("input 'x1' at row 1999 is -Infinity"), e.getMessage());
            assertEquals(2000, server.predict(Frame.of(DoubleColumn.of("x1", fine), DoubleColumn.of("x2", fine)))
                    .rowCount());
        }
    }

    @Test
    void outputsShapedOtherwiseThanTheSignature_areStillServed() {
        // The signature says y is [-1] where the graph gives [N, 1]: ONNX Runtime refuses the output buffers sized
        // from the signature, and the server lets it allocate them instead, for this and every later call.
        ModelArtifact flat = ModelArtifact.newBuilder().model(TestModels.bytes("doubles")).signature(new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.DOUBLE, false),
                        TensorSpec.column("x2", ElementType.DOUBLE, false)),
                List.of(new TensorSpec("y", ElementType.DOUBLE, List.of(-1L), false),
                        TensorSpec.column("d", ElementType.DOUBLE, false)), List.of(), ModelTask.REGRESSION))
                .build();
        try (ModelServer server = ModelServer.newBuilder().artifact(flat).build()) {
            for (int call = 0; call < 2; call++) {
                Frame out = server.predict(Frame.of(DoubleColumn.of("x1", X1), DoubleColumn.of("x2", X2)));
                for (int r = 0; r < X1.length; r++) {
                    assertEquals(X1[r] + 2 * X2[r], out.doubles("y").getDouble(r), 0.0, "call " + call + " row " + r);
                }
            }
            assertEquals(7 + 2 * Math.E, (Double) server.predict(Map.of("x1", 7.0, "x2", Math.E)).outputs().get("y"),
                    0.0);
        }
    }

    @Test
    void floatInputs_overflowNaNAndInfinity_areRefusedNamingTheRow() {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).build()) {
            PredictionException e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x1", 1, 2, 3), DoubleColumn.of("x2", 0, 0, 3.5e38))));
            assertEquals(Reason.INFINITY_NOT_ALLOWED, e.reason());
            assertTrue(e.getMessage().contains("input 'x2' at row 2 is 3.5E38, which overflows the model's FLOAT "
                    + "to +Infinity"), e.getMessage());
            // the largest float itself is finite, and a value that rounds down to it too
            double justBelow = Math.nextDown((double) Float.MAX_VALUE + Math.ulp(Float.MAX_VALUE) / 2);
            assertEquals(2, server.predict(Frame.of(DoubleColumn.of("x1", Float.MAX_VALUE, justBelow),
                    DoubleColumn.of("x2", 0, 0))).rowCount());
            e = assertThrows(PredictionException.class, () -> server.predict(Frame.of(
                    DoubleColumn.of("x1", Double.NaN, 0), DoubleColumn.of("x2", 0, Double.POSITIVE_INFINITY))));
            assertEquals(Reason.NAN_NOT_ALLOWED, e.reason());
            assertEquals("x1", e.input().orElseThrow());
            assertTrue(e.getMessage().contains("at row 0"), e.getMessage());
        }
    }

    @Test
    void floatInputs_servedAsTheRecordPathServesThem_andListenersSeeTheFedValues() throws Exception {
        double[] x1 = {0.1, -2.5, 1e-3, 4};
        double[] x2 = {0.7, 0.25, -1e-3, 3};
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).build()) {
            LinkedBlockingQueue<PredictionEvent> events = new LinkedBlockingQueue<>();
            server.onPrediction(events::add);
            Frame out = server.predict(Frame.of(DoubleColumn.of("x1", x1), DoubleColumn.of("x2", x2)));
            PredictionEvent event = events.poll(30, TimeUnit.SECONDS);
            for (int r = 0; r < x1.length; r++) {
                double[] p = server.predict(Map.of("x1", x1[r], "x2", x2[r])).probabilities().orElseThrow();
                assertEquals(p[1], out.doubles("probabilities.good").getDouble(r), 0.0, "row " + r);
                assertEquals(TestModels.pGood(x1[r], x2[r]), p[1], 1e-6);
                assertEquals((float) x1[r], event.inputs().doubles("x1").getDouble(r), 0.0, "the float the graph saw");
            }
        }
    }
}
