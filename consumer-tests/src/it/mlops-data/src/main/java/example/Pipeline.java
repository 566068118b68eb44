package example;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.Ingest;
import dev.mlops.data.CsvSink;
import dev.mlops.data.CsvSource;
import dev.mlops.data.JsonLinesSink;
import dev.mlops.data.JsonLinesSource;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import java.nio.file.Path;

/**
 * Reads the diabetes data, profiles it (DataSketches, JSON), infers a contract, validates and splits it, and writes
 * the test rows as CSV and JSON Lines that read back the same.
 */
public final class Pipeline {
    public static void main(String[] args) {
        Path diabetes = Path.of(args[0], "samples/src/main/resources/datasets/diabetes.csv");
        Ingest ingest = CsvSource.newBuilder(diabetes).role("class", FieldRole.LABEL).build().ingest();
        Frame data = ingest.frame();
        Profile profile = Profile.fromJson(Profile.of(data).toJson());
        ValidationReport report = Validator.inferFrom(data).validate(data);
        TrainTestSplit split = Splitter.stratified("class", 0.2, 42).split(data);
        if (profile.rowCount() != data.rowCount() || split.train().rowCount() + split.test().rowCount() != data.rowCount()) {
            throw new AssertionError("profile or split lost rows: " + profile + " / " + split);
        }
        Path csv = Path.of(args[1], "test.csv");
        Path jsonl = Path.of(args[1], "test.jsonl");
        CsvSink.of(csv).write(split.test());
        JsonLinesSink.of(jsonl).write(split.test());
        Frame fromCsv = CsvSource.newBuilder(csv).schema(data.schema()).build().read();
        Frame fromJson = JsonLinesSource.newBuilder(jsonl).schema(data.schema()).build().read();
        if (!fromCsv.fingerprint().equals(split.test().fingerprint())
                || !fromJson.fingerprint().equals(split.test().fingerprint())) {
            throw new AssertionError("the written test rows do not read back the same");
        }
        System.out.println("mlops-data consumer: " + ingest.report().rowsRead() + " rows read, contract "
                + (report.passed() ? "holds" : "fails") + " on its own data, " + fromCsv.rowCount()
                + " test rows written as CSV and JSON Lines");
    }
}
