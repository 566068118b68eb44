package dev.mlops.samples;

import dev.mlops.train.onnx.ExportedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportStageTest {
    @Test
    void export_writesModelOnnxAndReturnsItsSignature(@TempDir Path dir) throws Exception {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("toy",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), f), f);
        for (int i = 0; i < 40; i++) {
            data.add(new ArrayExample<>(new Label(i % 2 == 0 ? "good" : "bad"),
                    new String[]{"duration", "amount"}, new double[]{i % 2, i * 0.5}));
        }
        Model<Label> model = new CARTClassificationTrainer(3).train(data);

        ExportedModel exported = ExportStage.export(model, List.of("amount", "duration", "age"), dir);

        assertArrayEquals(exported.modelBytes(), Files.readAllBytes(dir.resolve("model.onnx")));
        assertEquals(List.of("amount", "duration", "age"), exported.featureNames());
        assertEquals(ExportedModel.Task.CLASSIFICATION, exported.task());
    }
}
