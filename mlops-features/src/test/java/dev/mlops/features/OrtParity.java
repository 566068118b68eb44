package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.features.internal.FeatureData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs a fitted chain's ONNX model in ONNX Runtime and compares it with the Java result. */
final class OrtParity {
    /** Models the tests write, for {@code make_fixtures.py --check-onnx}. */
    static final Path MODELS = Path.of("target", "onnx-models");

    private OrtParity() {
    }

    /** The ONNX model's output for the frame's rows: {@code [rows][features]}. */
    static double[][] run(FittedPreprocessing prep, Frame frame) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(prep.toOnnx(), new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                int n = frame.rowCount();
                for (Field f : prep.inputFields()) {
                    Column c = frame.column(f.name());
                    if (f.type() == FieldType.CATEGORICAL || f.type() == FieldType.TEXT) {
                        String[] s = new String[n];
                        for (int i = 0; i < n; i++) {
                            Object v = c.value(i);
                            s[i] = v == null ? "" : v.toString();
                        }
                        inputs.put(f.name(), OnnxTensor.createTensor(env, s, new long[] {n, 1}));
                    } else {
                        double[] d = FeatureData.numeric(c);
                        inputs.put(f.name(), OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), new long[] {n, 1}));
                    }
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    return (double[][]) result.get("features").orElseThrow().getValue();
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    /**
     * Asserts that Java and ONNX Runtime give the same doubles, bit for bit, NaN matching NaN: both compute in double
     * with the same operations in the same order.
     */
    static void assertParity(FittedPreprocessing prep, Frame frame, String modelName) throws OrtException {
        assertParity(prep, frame, modelName, 0);
    }

    /** As {@link #assertParity(FittedPreprocessing, Frame, String)}, within a relative tolerance (absolute below 1). */
    static void assertParity(FittedPreprocessing prep, Frame frame, String modelName, double tolerance)
            throws OrtException {
        save(prep, modelName);
        Frame java = prep.apply(frame);
        double[][] onnx = run(prep, frame);
        assertEquals(frame.rowCount(), onnx.length, "rows");
        assertEquals(prep.outputNames(), java.columnNames(), "Java output layout");
        for (int j = 0; j < prep.outputCount(); j++) {
            double[] col = java.doubles(prep.outputNames().get(j)).toArray();
            for (int i = 0; i < onnx.length; i++) {
                assertEquals(prep.outputCount(), onnx[i].length, "ONNX output width");
                double want = col[i];
                double got = onnx[i][j];
                String where = prep.outputNames().get(j) + " row " + i;
                if (Double.isNaN(want)) {
                    assertEquals(Double.NaN, got, where + ": missing in Java, so missing in ONNX");
                } else if (Double.isInfinite(want)) {
                    assertEquals(want, got, where);
                } else {
                    assertEquals(want, got, tolerance * Math.max(1, Math.abs(want)), where);
                }
            }
        }
    }

    static void save(FittedPreprocessing prep, String name) {
        try {
            Files.createDirectories(MODELS);
            Files.write(MODELS.resolve(name + ".onnx"), prep.toOnnx());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
