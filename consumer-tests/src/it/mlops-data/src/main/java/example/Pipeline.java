package example;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.Ingest;
import dev.mlops.data.CsvSource;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import java.nio.file.Path;

/** Reads the diabetes data, profiles it (DataSketches, JSON), infers a contract, validates and splits it. */
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
        System.out.println("mlops-data consumer: " + ingest.report().rowsRead() + " rows read, contract "
                + (report.passed() ? "holds" : "fails") + " on its own data");
    }
}
