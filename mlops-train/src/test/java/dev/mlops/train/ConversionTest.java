package dev.mlops.train;

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
        assertThrows(TrainingException.class, () -> Trainer.logisticRegression().dataset(small(), "nope"));
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
    void predict_appliesAttachedPreprocessing() {
        Frame data = TestFrames.synthetic(300, 8).drop("y");
        TrainedModel m = Trainer.logisticRegression().train(data, "class");
        TrainedModel withPrep = m.withPreprocessing(f -> f.withColumn(DoubleColumn.of("x1",
                new double[f.rowCount()])));
        assertTrue(withPrep.preprocessing().isPresent());
        double[] plain = m.predict(data).doubles("probability_yes").toArray();
        double[] prepped = withPrep.predict(data).doubles("probability_yes").toArray();
        assertTrue(plain[0] != prepped[0], "the preprocessing changed what the model saw");
    }
}
