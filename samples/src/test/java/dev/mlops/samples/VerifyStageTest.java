package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.split.TrainTestSplit;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyStageTest {

    /** The bundled credit data read by hand (whole numbers as INTEGER, the rest CATEGORICAL). */
    static Frame credit() throws Exception {
        List<CSVRecord> records;
        List<String> header;
        try (Reader in = new InputStreamReader(VerifyStageTest.class.getResourceAsStream("/datasets/credit-g.csv"),
                StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
            header = parser.getHeaderNames();
            records = parser.getRecords();
        }
        List<Column> columns = new ArrayList<>();
        for (String h : header) {
            boolean integer = records.stream().allMatch(r -> r.get(h).matches("-?\\d+"));
            if (integer) {
                columns.add(LongColumn.of(h, records.stream().mapToLong(r -> Long.parseLong(r.get(h))).toArray()));
            } else {
                columns.add(CategoricalColumn.of(h, records.stream().map(r -> r.get(h)).toArray(String[]::new)));
            }
        }
        return Frame.of(columns);
    }

    @Test
    void run_credit_splitsStratifiedAndWritesReports(@TempDir Path dir) throws Exception {
        Frame credit = credit();
        TrainTestSplit split = VerifyStage.run(credit, dir);
        assertEquals(800, split.train().rowCount());
        assertEquals(200, split.test().rowCount());
        assertEquals(60, split.test().categorical("class").codeCounts()[
                split.test().categorical("class").dictionary().indexOf("bad")]);
        String html = Files.readString(dir.resolve("credit-report.html"));
        assertTrue(html.contains("personal_status") && html.contains("age_group"));
        assertTrue(Files.readString(dir.resolve("credit-contract.json")).contains("\"kind\" : \"range\""));
        Path keep = Path.of(System.getProperty("verify.report.dir", "target"));
        Files.createDirectories(keep);
        Files.copy(dir.resolve("credit-report.html"), keep.resolve("credit-report.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
