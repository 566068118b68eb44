package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Ingest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

class TribuoSourceTest {

    private static MutableDataset<Label> labelled() {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("test", OffsetDateTime.now(),
                factory), factory);
        d.add(new ArrayExample<>(new Label("good"), new String[] {"age", "amount"}, new double[] {31, 1200}));
        d.add(new ArrayExample<>(new Label("bad"), new String[] {"age"}, new double[] {22}));
        ArrayExample<Label> weighted = new ArrayExample<>(new Label("good"), new String[] {"amount", "age"},
                new double[] {800, 45});
        weighted.setWeight(2f);
        d.add(weighted);
        return d;
    }

    @Test
    void of_labelledDataset_givesNumericFeaturesCategoricalLabelAndWeights() {
        Ingest ingest = TribuoSource.of(labelled()).ingest();
        Frame f = ingest.frame();
        assertEquals(3, f.rowCount());
        assertEquals(FieldType.NUMERIC, f.schema().field("age").type());
        assertEquals(List.of(31.0, 22.0, 45.0), List.of(f.doubles("age").getDouble(0), f.doubles("age").getDouble(1),
                f.doubles("age").getDouble(2)));
        assertEquals(0.0, f.doubles("amount").getDouble(1), "an absent sparse feature is 0, as in Tribuo");
        CategoricalColumn label = f.categorical("label");
        assertEquals(FieldRole.LABEL, label.field().role());
        assertEquals(List.of("good", "bad", "good"), List.of(label.getString(0), label.getString(1), label.getString(2)));
        assertEquals(FieldRole.WEIGHT, f.schema().field("weight").role());
        assertEquals(2.0, f.doubles("weight").getDouble(2));
        assertEquals(3, ingest.report().rowsAccepted());
        assertTrue(ingest.report().isClean());
    }

    @Test
    void batches_splitTheExamples_andEveryBatchHasTheSchema() {
        List<Integer> sizes = new ArrayList<>();
        try (FrameBatches b = TribuoSource.of(labelled()).withLabelColumn("class").batches(2)) {
            while (b.hasNext()) {
                Frame batch = b.next();
                sizes.add(batch.rowCount());
                assertEquals(b.schema(), batch.schema());
            }
            assertEquals(3, b.report().rowsRead());
        }
        assertEquals(List.of(2, 1), sizes);
    }

    @Test
    void roundTrip_frameToTribuoAndBack_keepsValuesAndLabels() {
        Frame original = Frame.of(DoubleColumn.of("x", 1.5, -2, 3), DoubleColumn.of("y", 0.25, 7, -1),
                CategoricalColumn.of("class", "a", "b", "a")).withRole("class", FieldRole.LABEL);
        MutableDataset<?> dataset = Trainer.logisticRegression().dataset(original, "class");
        Frame back = TribuoSource.of(dataset).withLabelColumn("class").read();
        assertEquals(original.select("x", "y", "class").fingerprint(), back.select("x", "y", "class").fingerprint());
    }

    @Test
    void of_regressionDataset_givesNumericLabel() {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> d = new MutableDataset<>(new SimpleDataSourceProvenance("reg", OffsetDateTime.now(),
                factory), factory);
        d.add(new ArrayExample<>(new Regressor("price", 10.5), new String[] {"rooms"}, new double[] {3}));
        d.add(new ArrayExample<>(new Regressor("price", 7.0), new String[] {"rooms"}, new double[] {2}));
        Frame f = TribuoSource.of(d).read();
        assertEquals(FieldType.NUMERIC, f.schema().field("label").type());
        assertEquals(10.5, f.doubles("label").getDouble(0));
        assertEquals(2.0, f.doubles("rooms").getDouble(1));
    }
}
