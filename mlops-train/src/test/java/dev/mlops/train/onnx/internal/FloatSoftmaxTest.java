package dev.mlops.train.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A linear layer's softmax computed in float from centred double scores gives the double softmax's probabilities
 * within 1e-6 and its label exactly: whatever offset all classes share (centring removes it), for any binary
 * classifier, and for more classes while the centred leading scores stay in the range where float keeps 1e-6.
 */
class FloatSoftmaxTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final int FEATURES = 3;
    private static final int ROWS = 64;

    @Test
    void binary_anyWeightsAndCommonOffset_probabilitiesWithin1e6AndSameLabel() {
        qt().withExamples(40).forAll(longs().all(), doubles().between(-1e6, 1e6))
                .checkAssert((seed, offset) -> check(new Random(seed), 2, offset, 10, 100));
    }

    @Test
    void fourClasses_hugeCommonOffset_probabilitiesWithin1e6AndSameLabel() {
        // Without the centring, a float would round an offset of 1e6 to a step of 0.06 in every score.
        qt().withExamples(40).forAll(longs().all(), doubles().between(-1e6, 1e6))
                .checkAssert((seed, offset) -> check(new Random(seed), 4, offset, 1, 3));
    }

    @Test
    void lower_softmaxOfAMatMul_isLeftAsItIs() {
        GraphBuilder g = new GraphBuilder();
        g.input("x", TensorProto.DataType.DOUBLE, -1, FEATURES);
        String w = g.doubles("w", new long[] {FEATURES, 2}, new double[FEATURES * 2]);
        String s = g.op("MatMul", List.of("x", w), Map.of());
        g.opInto("", "Softmax", List.of(s), List.of("p"), Map.of("axis", 1L));
        g.output("p", TensorProto.DataType.DOUBLE, -1, 2);
        assertTrue(FloatSoftmax.lower(model(g)).isEmpty());
    }

    @Test
    void lower_softmaxAlsoReadByAnotherNode_isLeftAsItIs() {
        GraphBuilder g = new GraphBuilder();
        g.input("x", TensorProto.DataType.DOUBLE, -1, FEATURES);
        String w = g.doubles("w", new long[] {FEATURES, 2}, new double[FEATURES * 2]);
        String b = g.doubles("b", new long[] {2}, new double[2]);
        String s = g.op("Gemm", List.of("x", w, b), Map.of());
        String p = g.op("Softmax", List.of(s), Map.of("axis", 1L));
        g.op("Neg", List.of(p), Map.of()); // a second reader, which expects the doubles
        g.opInto("", "Identity", List.of(p), List.of("out"), Map.of());
        g.output("out", TensorProto.DataType.DOUBLE, -1, 2);
        assertTrue(FloatSoftmax.lower(model(g)).isEmpty());
    }

    /**
     * A random layer of {@code classes} scores whose weights and bias share {@code offset} (times the input's sum for
     * the weights, so every class's score moves by the same amount), rows in [-xRange, xRange].
     */
    private static void check(Random rng, int classes, double offset, double weightRange, double xRange) {
        double[][] w = new double[FEATURES][classes];
        double[] b = new double[classes];
        double common = offset / (FEATURES * xRange);
        for (int f = 0; f < FEATURES; f++) {
            for (int c = 0; c < classes; c++) {
                w[f][c] = common + (rng.nextDouble() * 2 - 1) * weightRange;
            }
        }
        for (int c = 0; c < classes; c++) {
            b[c] = offset + (rng.nextDouble() * 2 - 1) * weightRange;
        }
        double[][] x = new double[ROWS][FEATURES];
        for (double[] row : x) {
            for (int f = 0; f < FEATURES; f++) {
                row[f] = (rng.nextDouble() * 2 - 1) * xRange;
            }
        }
        FloatSoftmax.Lowered lowered = FloatSoftmax.lower(linearSoftmax(w, b, rng.nextBoolean())).orElseThrow();
        Map<String, Object> out = run(lowered.model(), x);
        float[][] p = (float[][]) out.get("out");
        double[][] scores = (double[][]) out.get(lowered.scores());
        for (int r = 0; r < ROWS; r++) {
            double[] z = new double[classes];
            for (int c = 0; c < classes; c++) {
                z[c] = b[c];
                for (int f = 0; f < FEATURES; f++) {
                    z[c] += x[r][f] * w[f][c];
                }
            }
            double[] expected = softmax(z);
            for (int c = 0; c < classes; c++) {
                assertEquals(expected[c], p[r][c], 1e-6, "row " + r + " class " + c + " of scores "
                        + Arrays.toString(z));
            }
            if (Math.abs(top(expected) - second(expected)) > 1e-9) {
                assertEquals(argMax(expected), argMax(scores[r]), "label of row " + r);
            }
        }
    }

    /** x . w + b then a softmax; the weights stored [features, classes], or [classes, features] with transB. */
    private static OnnxMl.ModelProto linearSoftmax(double[][] w, double[] b, boolean transposed) {
        int classes = b.length;
        double[] flat = new double[FEATURES * classes];
        for (int f = 0; f < FEATURES; f++) {
            for (int c = 0; c < classes; c++) {
                flat[transposed ? c * FEATURES + f : f * classes + c] = w[f][c];
            }
        }
        GraphBuilder g = new GraphBuilder();
        g.input("x", TensorProto.DataType.DOUBLE, -1, FEATURES);
        String weights = g.doubles("w", transposed ? new long[] {classes, FEATURES} : new long[] {FEATURES, classes},
                flat);
        String bias = g.doubles("b", new long[] {classes}, b);
        String s = g.op("Gemm", List.of("x", weights, bias), transposed ? Map.of("transB", 1L) : Map.of());
        String p = g.op("Softmax", List.of(s), Map.of("axis", 1L));
        g.opInto("", "Identity", List.of(p), List.of("out"), Map.of());
        g.output("out", TensorProto.DataType.DOUBLE, -1, classes);
        return model(g);
    }

    private static OnnxMl.ModelProto model(GraphBuilder g) {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(g.build("linear")).build();
    }

    private static Map<String, Object> run(OnnxMl.ModelProto model, double[][] x) {
        try (OrtSession session = ENV.createSession(model.toByteArray());
             OnnxTensor input = OnnxTensor.createTensor(ENV, x);
             OrtSession.Result result = session.run(Map.of("x", input))) {
            Map<String, Object> out = new HashMap<>();
            result.forEach(e -> {
                try {
                    out.put(e.getKey(), e.getValue().getValue());
                } catch (OrtException ex) {
                    throw new AssertionError(ex);
                }
            });
            return out;
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected the lowered model: " + e.getMessage(), e);
        }
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double top(double[] v) {
        return v[argMax(v)];
    }

    private static double second(double[] v) {
        int best = argMax(v);
        double s = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (i != best) {
                s = Math.max(s, v[i]);
            }
        }
        return s;
    }
}
