package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TrainingException;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;

class ConversionTest {

    private static Frame small() {
        return Frame.of(DoubleColumn.of("x", 1.5, Double.NaN, -2.0), LongColumn.of("n", 3, 4, 5),
                CategoricalColumn.of("c", "red", "blue", null), BooleanColumn.of("b", true, false, null),
                DoubleColumn.of(new Field("w", FieldType.NUMERIC, false, FieldRole.WEIGHT), new double[] {1, 2, 0.5}),
                CategoricalColumn.of("class", "yes", "no", "yes"));
    }

    private static List<String> names(Example<?> e) {
        List<String> out = new ArrayList<>();
        for (Feature f : e) {
            out.add(f.getName() + ":" + f.getValue());
        }
        return out;
    }

    @Test
    void dataset_namesValuesWeightsAndLabels() {
        MutableDataset<?> ds = Trainer.logisticRegression().dataset(small(), "class");
        assertEquals(3, ds.size());
        assertEquals(Set.of("x", "n", "c=red", "c=blue", "b"), new TreeSet<>(ds.getFeatureMap().keySet()));
        List<Example<?>> rows = new ArrayList<>();
        ds.forEach(rows::add);
        assertEquals(List.of("b:1.0", "c=red:1.0", "n:3.0", "x:1.5"), names(rows.get(0)));
        assertEquals(List.of("b:0.0", "c=blue:1.0", "n:4.0"), names(rows.get(1)), "missing x is skipped");
        assertEquals(List.of("n:5.0", "x:-2.0"), names(rows.get(2)), "missing c and b are skipped");
        assertEquals(2.0f, rows.get(1).getWeight());
        assertEquals("no", ((org.tribuo.classification.Label) rows.get(1).getOutput()).getLabel());
    }

    @Test
    void dataset_rejectPolicy_namesFirstMissingCell() {
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.logisticRegression().missingValues(MissingValues.REJECT).dataset(small(), "class"));
        assertTrue(e.getMessage().contains("Row 1") && e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void dataset_infiniteOrBadInput_isRejectedWithWhere() {
        Frame inf = small().withColumn(DoubleColumn.of("x", 1.0, Double.POSITIVE_INFINITY, 2.0));
        assertTrue(assertThrows(TrainingException.class, () -> Trainer.logisticRegression().dataset(inf, "class"))
                .getMessage().contains("Row 1 of feature column 'x' is Infinity"));
        Frame text = small().withColumn(dev.mlops.api.TextColumn.of("note", "a", "b", "c"));
        assertTrue(assertThrows(TrainingException.class, () -> Trainer.logisticRegression().dataset(text, "class"))
                .getMessage().contains("note (TEXT)"));
        Frame noLabel = small().withColumn(CategoricalColumn.of("class", "yes", null, "no"));
        assertTrue(assertThrows(TrainingException.class, () -> Trainer.logisticRegression().dataset(noLabel, "class"))
                .getMessage().contains("Row 1 has no value in label column"));
        TrainingException e = assertThrows(TrainingException.class,
                () -> Trainer.logisticRegression().dataset(small(), "nope"));
        assertTrue(e.getMessage().contains("No label column 'nope'")
                && e.getMessage().contains("the columns are [x, n, c, b, w, class]"), e.getMessage());
    }

    @Test
    void dataset_anyFrame_oneExamplePerRowWithOneFeaturePerPresentCell() {
        qt().withExamples(100).forAll(integers().between(1, 50), longs().all()).checkAssert((rows, seed) -> {
            Random rnd = new Random(seed);
            double[] x = new double[rows];
            String[] c = new String[rows];
            String[] y = new String[rows];
            int present = 0;
            for (int i = 0; i < rows; i++) {
                x[i] = rnd.nextInt(4) == 0 ? Double.NaN : rnd.nextGaussian() * 1e6;
                c[i] = rnd.nextInt(4) == 0 ? null : "v" + rnd.nextInt(3) + "é";
                if (Double.isNaN(x[i]) && c[i] == null) {
                    x[i] = 0;
                }
                present += (Double.isNaN(x[i]) ? 0 : 1) + (c[i] == null ? 0 : 1);
                y[i] = rnd.nextBoolean() ? "a" : "b";
            }
            MutableDataset<?> ds = Trainer.logisticRegression().dataset(Frame.of(DoubleColumn.of("x", x),
                    CategoricalColumn.of("c", c), CategoricalColumn.of("y", y)), "y");
            assertEquals(rows, ds.size());
            int features = 0;
            for (Example<?> e : ds) {
                features += e.size();
            }
            assertEquals(present, features);
        });
    }

    @Test
    void trainWithPreprocessing_trainsOnItsOutputs_andSavesBothWithTheModel(@TempDir Path dir) {
        Frame data = TestFrames.synthetic(300, 8).drop("y");
        double[] x1 = data.doubles("x1").toArray();
        x1[5] = Double.NaN;
        data = data.withColumn(DoubleColumn.of("x1", x1));
        FittedPreprocessing prep = Preprocessing.newBuilder().impute(Transform.Imputation.MEDIAN, "x1")
                .scale(Transform.Scaling.STANDARD, "x1", "x2").oneHot(Transform.UnseenCategories.IGNORE, "color")
                .exclude("class").build().fit(data);
        TrainedModel m = Trainer.logisticRegression().preprocessing(prep).recordProfile(true)
                .missingValues(MissingValues.REJECT).train(data, "class");
        assertEquals(prep.outputNames(), m.features().stream().map(Field::name).toList());
        assertTrue(m.referenceProfile().isPresent());
        // the model applies the chain itself: raw frames in, with unseen categories ignored
        Frame raw = data.head(3).withColumn(CategoricalColumn.of("color", "purple", "red", "blue"));
        Frame p = m.predict(raw);
        assertEquals(3, p.rowCount());
        m.save(dir);
        TrainedModel back = TrainedModel.load(dir);
        assertEquals(prep, back.preprocessing().orElseThrow());
        assertEquals(300, back.referenceProfile().orElseThrow().rowCount());
        assertEquals(m.referenceProfile().orElseThrow().columns().keySet(),
                back.referenceProfile().orElseThrow().columns().keySet());
        assertArrayEquals(p.doubles("probabilities.yes").toArray(), back.predict(raw).doubles("probabilities.yes").toArray());
        Evaluation e = Evaluator.classification().learningCurve(0.5, 1.0).evaluate(m, data, data);
        assertEquals(2, e.learningCurve().size());
    }

}
