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
import java.nio.FloatBuffer;
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
    static float[][] run(FittedPreprocessing prep, Frame frame) throws OrtException {
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
                        float[] x = new float[n];
                        for (int i = 0; i < n; i++) {
                            x[i] = (float) d[i];
                        }
                        inputs.put(f.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 1}));
                    }
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    return (float[][]) result.get("features").orElseThrow().getValue();
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** Asserts that Java and ONNX Runtime agree within 1e-6 (relative above 1), NaN matching NaN. */
    static void assertParity(FittedPreprocessing prep, Frame frame, String modelName) throws OrtException {
        save(prep, modelName);
        Frame java = prep.apply(frame);
        float[][] onnx = run(prep, frame);
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
                    assertEquals(want, got, 1e-6 * Math.max(1, Math.abs(want)), where);
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
