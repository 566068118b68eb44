package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.IngestReport;
import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Fuzzes the CSV reader with arbitrary bytes. In a normal test run Jazzer replays the seeds under
 * {@code src/test/resources/dev/mlops/data/CsvFuzzTestInputs}; with {@code JAZZER_FUZZ=1} it searches for new ones.
 */
class CsvFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void csvReader_arbitraryBytes_onlyDataException(byte[] input) {
        if (input.length == 0) {
            input = new byte[] {0};
        }
        int flags = input[0];
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        CsvOptions options = CsvOptions.newBuilder()
                .header((flags & 1) == 0)
                .badRowPolicy((flags & 2) == 0 ? BadRowPolicy.SKIP_AND_REPORT : BadRowPolicy.FAIL_FAST)
                .escape((flags & 4) == 0 ? null : '\\')
                .delimiter((flags & 8) == 0 ? ',' : ';')
                .sampleRows(1 + (flags >>> 4 & 3))
                .fastPath((flags & 64) == 0)
                .build();
        try (FrameBatches b = new CsvReader("fuzz.csv", () -> new ByteArrayInputStream(body), options, 3)) {
            long rows = 0;
            while (b.hasNext()) {
                rows += b.next().rowCount();
            }
            IngestReport r = b.report();
            assertEquals(r.rowsAccepted(), rows);
            assertEquals(r.rowsRead(), r.rowsAccepted() + r.rowsRejected());
        } catch (DataException expected) {
            // the only failure a reader may signal
        }
    }
}
