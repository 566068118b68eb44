package dev.mlops.samples;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.data.validate.Contract;
import dev.mlops.data.validate.Validator;
import dev.mlops.test.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyStageTest {

    @Test
    void run_credit_splitsStratifiedAndWritesReports(@TempDir Path dir) throws Exception {
        Frame credit = Datasets.credit();
        TrainTestSplit split = VerifyStage.run(credit, dir);
        assertEquals(800, split.train().rowCount());
        assertEquals(200, split.test().rowCount());
        assertEquals(60, split.test().categorical("class").codeCounts()[
                split.test().categorical("class").dictionary().indexOf("bad")]);
        String html = Files.readString(dir.resolve("credit-report.html"));
        assertTrue(html.contains("personal_status") && html.contains("age_group"));
        String contract = Files.readString(dir.resolve("credit-contract.json"));
        assertTrue(contract.contains("\"kind\" : \"range\""));
        assertThat(Validator.of(Contract.fromJson(contract)).validate(split.test(), "test split")).hasNoErrors();
        Path keep = Path.of(System.getProperty("verify.report.dir", "target"));
        Files.createDirectories(keep);
        Files.copy(dir.resolve("credit-report.html"), keep.resolve("credit-report.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
