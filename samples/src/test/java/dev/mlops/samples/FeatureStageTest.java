package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.test.Datasets;
import org.junit.jupiter.api.Test;

/** The features stage on the bundled credit data. */
class FeatureStageTest {
    @Test
    void run_creditData_keepsInformativeFeaturesAndFitsNumericPreprocessing() {
        Frame credit = Datasets.credit();
        FeatureStage.Result result = FeatureStage.run(credit);
        assertEquals(20, result.ranking().scores().size());
        assertEquals("checking_status", result.ranking().names().get(0), "the best-known predictor of credit risk");
        assertTrue(result.selectedColumns().size() >= 5 && result.selectedColumns().size() < 20,
                result.selectedColumns().toString());
        Frame features = result.preprocessing().apply(credit);
        assertEquals(result.preprocessing().outputNames(), features.columnNames());
        features.columns().forEach(c -> assertEquals(FieldType.NUMERIC, c.type()));
        assertTrue(result.preprocessing().toOnnx().length > 0);
    }
}
