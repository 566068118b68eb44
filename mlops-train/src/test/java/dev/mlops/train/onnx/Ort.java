package dev.mlops.train.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.HashMap;
import java.util.Map;

/** Runs an exported model in ONNX Runtime and returns its outputs as Java arrays. */
final class Ort {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private Ort() {
    }

    /** Runs a model reading {@code features}; returns output name to {@code long[]} or {@code float[][]}. */
    static Map<String, Object> run(ExportedModel model, float[][] features) {
        return run(model.modelBytes(), Map.of(OnnxExport.FEATURES, features));
    }

    /**
     * Runs a model on named inputs (double[][], float[][] or String[][]); returns output name to Java value. The
     * exported models read doubles, so float[][] inputs (the exact-float test data) are widened where the model reads
     * doubles, which is exact.
     */
    static Map<String, Object> run(byte[] model, Map<String, Object> inputs) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = ENV.createSession(model, options)) {
                Map<String, OnnxTensor> tensors = new HashMap<>();
                try {
                    for (Map.Entry<String, Object> e : inputs.entrySet()) {
                        Object value = e.getValue() instanceof float[][] f && readsDoubles(session, e.getKey())
                                ? widen(f) : e.getValue();
                        tensors.put(e.getKey(), OnnxTensor.createTensor(ENV, value));
                    }
                    try (OrtSession.Result result = session.run(tensors)) {
                        Map<String, Object> out = new HashMap<>();
                        for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                            out.put(e.getKey(), e.getValue().getValue());
                        }
                        return out;
                    }
                } finally {
                    tensors.values().forEach(OnnxTensor::close);
                }
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected the model: " + e.getMessage(), e);
        }
    }

    private static boolean readsDoubles(OrtSession session, String input) throws OrtException {
        return ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(input).getInfo()).type
                == ai.onnxruntime.OnnxJavaType.DOUBLE;
    }

    private static double[][] widen(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = rows[i][j];
            }
        }
        return out;
    }
}
