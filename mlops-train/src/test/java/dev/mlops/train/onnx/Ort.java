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

    /** Runs a model on named inputs (float[][] or String[][]); returns output name to Java value. */
    static Map<String, Object> run(byte[] model, Map<String, Object> inputs) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = ENV.createSession(model, options)) {
                Map<String, OnnxTensor> tensors = new HashMap<>();
                try {
                    for (Map.Entry<String, Object> e : inputs.entrySet()) {
                        tensors.put(e.getKey(), OnnxTensor.createTensor(ENV, e.getValue()));
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
}
