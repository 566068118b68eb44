package dev.mlops.train.onnx;

import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks an exported model against Tribuo's own predictions on held-out rows. */
final class Parity {
    /** Scores agree within this, relative to the score's magnitude when above one. */
    static final double TOLERANCE = 1e-5;
    /** Where exported models are written for the ONNX checker ({@code src/test/python/check_models.py}). */
    static final Path OUT = Path.of("target", "exported-models");

    private Parity() {
    }

    /** Exports, runs in ONNX Runtime and compares; returns the largest score difference seen. */
    static double assertClassification(String name, Model<Label> model, TestData.Split<Label> data, List<String> features) {
        ExportedModel exported = OnnxExport.export(model, features);
        save(name, exported);
        float[][] matrix = widen(data.testMatrix(), features);
        Map<String, Object> out = Ort.run(exported, matrix);
        long[] labels = (long[]) out.get(OnnxExport.LABEL);
        float[][] probs = (float[][]) out.get(OnnxExport.PROBABILITIES);
        List<Prediction<Label>> predictions = model.predict(data.test());
        double worst = 0;
        for (int i = 0; i < predictions.size(); i++) {
            Prediction<Label> p = predictions.get(i);
            assertEquals(p.getOutput().getLabel(), exported.labelNames().get((int) labels[i]),
                    name + ": class of held-out row " + i);
            for (int j = 0; j < exported.labelNames().size(); j++) {
                Label expected = p.getOutputScores().get(exported.labelNames().get(j));
                double e = expected == null ? 0.0 : expected.getScore();
                double diff = Math.abs(e - probs[i][j]);
                worst = Math.max(worst, diff / Math.max(1.0, Math.abs(e)));
                assertTrue(diff <= TOLERANCE * Math.max(1.0, Math.abs(e)), name + ": score of '"
                        + exported.labelNames().get(j) + "' on row " + i + ": tribuo " + e + ", onnx " + probs[i][j]);
            }
        }
        return worst;
    }

    /** Exports, runs in ONNX Runtime and compares; returns the largest value difference seen. */
    static double assertRegression(String name, Model<Regressor> model, TestData.Split<Regressor> data, List<String> features) {
        ExportedModel exported = OnnxExport.export(model, features);
        save(name, exported);
        float[][] values = (float[][]) Ort.run(exported, widen(data.testMatrix(), features)).get(OnnxExport.VALUE);
        List<Prediction<Regressor>> predictions = model.predict(data.test());
        double worst = 0;
        for (int i = 0; i < predictions.size(); i++) {
            Regressor r = predictions.get(i).getOutput();
            for (int j = 0; j < exported.labelNames().size(); j++) {
                double e = r.getDimension(exported.labelNames().get(j)).orElseThrow().getValue();
                double diff = Math.abs(e - values[i][j]);
                worst = Math.max(worst, diff / Math.max(1.0, Math.abs(e)));
                assertTrue(diff <= TOLERANCE * Math.max(1.0, Math.abs(e)),
                        name + ": value on row " + i + ": tribuo " + e + ", onnx " + values[i][j]);
            }
        }
        return worst;
    }

    /**
     * Lays the test rows (in {@link TestData#FEATURES} order) out in the caller's order {@code features}; a caller
     * column the data lacks is filled with a value the model must ignore.
     */
    static float[][] widen(float[][] rows, List<String> features) {
        float[][] out = new float[rows.length][features.size()];
        for (int j = 0; j < features.size(); j++) {
            int source = TestData.FEATURES.indexOf(features.get(j));
            for (int i = 0; i < rows.length; i++) {
                out[i][j] = source < 0 ? 1e6f : rows[i][source];
            }
        }
        return out;
    }

    static void save(String name, ExportedModel exported) {
        try {
            Files.createDirectories(OUT);
            exported.writeTo(OUT.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
