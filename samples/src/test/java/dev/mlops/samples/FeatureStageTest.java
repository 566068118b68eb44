package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The features stage on the bundled credit data. */
class FeatureStageTest {
    /** credit-g.csv read by hand (no quoting in it): whole numbers as INTEGER, the rest CATEGORICAL. */
    static Frame credit() throws IOException {
        try (InputStream in = FeatureStageTest.class.getResourceAsStream("/datasets/credit-g.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            String[] header = lines[0].split(",");
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].split(",", -1));
                }
            }
            List<Column> cols = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                final int col = c;
                boolean numeric = rows.stream().allMatch(r -> r[col].matches("-?\\d+"));
                if (numeric) {
                    cols.add(LongColumn.of(header[c], rows.stream().mapToLong(r -> Long.parseLong(r[col])).toArray()));
                } else {
                    cols.add(CategoricalColumn.of(header[c], rows.stream().map(r -> r[col]).toArray(String[]::new)));
                }
            }
            return Frame.of(cols);
        }
    }

    @Test
    void run_creditData_keepsInformativeFeaturesAndFitsNumericPreprocessing() throws IOException {
        Frame credit = credit();
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
