package dev.mlops.train.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models exported by earlier builds (src/test/resources/onnx, copied from target/exported-models) keep loading in
 * ONNX Runtime with the signature serving relies on; {@code checker.txt} beside them is the ONNX checker's verdict
 * on each ({@code /usr/bin/python3 src/test/python/check_models.py src/test/resources/onnx}).
 */
class CommittedModelsTest {
    @ParameterizedTest
    @ValueSource(strings = {"cart-3class", "random-forest-voting-3class", "xgboost-2class", "liblinear-logistic-3class",
            "libsvm-linear-probability-2class", "libsvm-rbf-3class", "bagged-liblinear-logistic-3class"})
    void committedClassifier_loads_withFeaturesLabelAndProbabilities(String name) throws Exception {
        try (OrtSession session = session(name)) {
            assertEquals(java.util.List.of("features"), java.util.List.copyOf(session.getInputNames()));
            assertTensor(session.getInputInfo().get("features"), OnnxJavaType.FLOAT, -1, 5 + 1);
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            assertEquals(java.util.List.of("label", "probabilities"), java.util.List.copyOf(outputs.keySet()));
            assertTensor(outputs.get("label"), OnnxJavaType.INT64, -1);
            assertEquals(OnnxJavaType.FLOAT, ((TensorInfo) outputs.get("probabilities").getInfo()).type);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"regression2d-cart", "regression-xgboost"})
    void committedRegressor_loads_withFeaturesAndValue(String name) throws Exception {
        try (OrtSession session = session(name)) {
            assertTensor(session.getInputInfo().get("features"), OnnxJavaType.FLOAT, -1, 5 + 1);
            assertEquals(java.util.List.of("value"), java.util.List.copyOf(session.getOutputNames()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"composed-XGBoostModel"})
    void committedComposedModel_loads_withOneInputPerColumn(String name) throws Exception {
        try (OrtSession session = session(name)) {
            assertEquals(java.util.List.of("age", "income", "colour"), java.util.List.copyOf(session.getInputNames()));
            assertEquals(OnnxJavaType.STRING, ((TensorInfo) session.getInputInfo().get("colour").getInfo()).type);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cart-3class", "random-forest-voting-3class", "xgboost-2class", "liblinear-logistic-3class",
            "libsvm-linear-probability-2class", "libsvm-rbf-3class", "bagged-liblinear-logistic-3class",
            "regression2d-cart", "regression-xgboost", "composed-XGBoostModel"})
    void committedModel_passedTheOnnxChecker(String name) throws IOException {
        String verdicts = new String(resource("checker.txt").readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verdicts.contains("ok   " + name + ".onnx\n"), name + " in checker.txt:\n" + verdicts);
        assertTrue(verdicts.contains(" 0 failed"), verdicts);
    }

    private static void assertTensor(NodeInfo info, OnnxJavaType type, long... shape) {
        TensorInfo t = (TensorInfo) info.getInfo();
        assertEquals(type, t.type, info.getName());
        assertArrayEquals(shape, t.getShape(), info.getName());
    }

    private static OrtSession session(String name) throws IOException, OrtException {
        try (InputStream in = resource(name + ".onnx"); OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            return OrtEnvironment.getEnvironment().createSession(in.readAllBytes(), options);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = CommittedModelsTest.class.getResourceAsStream("/onnx/" + file);
        assertNotNull(in, "missing test resource onnx/" + file);
        return in;
    }
}
