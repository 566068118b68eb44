package dev.mlops.benchmarks.serve;

import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The benchmark model (mlp20.onnx: 20 float inputs, 32 hidden units, 2 classes) and seeded data for it. */
final class ServeFixtures {
    static final int INPUTS = 20;
    static final String[] NAMES = new String[INPUTS];

    static {
        for (int i = 0; i < INPUTS; i++) {
            NAMES[i] = "f" + i;
        }
    }

    private ServeFixtures() {
    }

    static byte[] modelBytes() {
        return bytes("/models/mlp20.onnx");
    }

    /** The same network with DOUBLE inputs, each cast to float inside the graph (mlp20-double.onnx). */
    static byte[] doubleModelBytes() {
        return bytes("/models/mlp20-double.onnx");
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = ServeFixtures.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelArtifact artifact() {
        return artifact(ElementType.FLOAT, modelBytes());
    }

    /** The model with DOUBLE inputs, as the exported graphs declare numeric inputs since issue 13.1. */
    static ModelArtifact doubleArtifact() {
        return artifact(ElementType.DOUBLE, doubleModelBytes());
    }

    private static ModelArtifact artifact(ElementType inputType, byte[] model) {
        List<TensorSpec> inputs = new ArrayList<>();
        for (String n : NAMES) {
            inputs.add(TensorSpec.column(n, inputType, false));
        }
        ModelSignature sig = new ModelSignature(inputs,
                List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                        new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of("bad", "good"), ModelTask.CLASSIFICATION);
        return ModelArtifact.newBuilder().model(model).signature(sig).build();
    }

    /** Row-major values: {@code rows x 20}. */
    static float[][] values(int rows, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[rows][INPUTS];
        for (float[] row : v) {
            for (int j = 0; j < INPUTS; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return v;
    }

    static List<Map<String, Object>> records(float[][] values) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (float[] row : values) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int j = 0; j < INPUTS; j++) {
                m.put(NAMES[j], (double) row[j]);
            }
            out.add(m);
        }
        return out;
    }

    static Frame frame(float[][] values) {
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < INPUTS; j++) {
            double[] c = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                c[i] = values[i][j];
            }
            cols.add(DoubleColumn.of(NAMES[j], c));
        }
        return Frame.of(cols);
    }
}
