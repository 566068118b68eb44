package dev.mlops.spark;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.data.CsvSource;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import dev.mlops.data.validate.Constraint;
import dev.mlops.data.validate.Contract;
import dev.mlops.data.validate.Quarantine;
import dev.mlops.data.validate.Severity;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftReport;
import dev.mlops.monitor.WindowSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ModelPackager;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema, quarantine, scoring and drift on local[2] give what the single-machine path gives. */
class SparkStagesTest {
    private static Frame credit;

    @BeforeAll
    static void read() {
        credit = CsvSource.newBuilder(Path.of("../samples/src/main/resources/datasets/credit-g.csv"))
                .name("credit-g.csv").build().read();
        LocalSpark.session();
    }

    @Test
    void schemaOf_mapsSparkTypesAndTextColumns() {
        StructType struct = new StructType().add("d", DataTypes.DoubleType, false).add("f", DataTypes.FloatType)
                .add("i", DataTypes.IntegerType).add("l", DataTypes.LongType).add("b", DataTypes.BooleanType)
                .add("s", DataTypes.StringType).add("t", DataTypes.StringType).add("ts", DataTypes.TimestampType)
                .add("day", DataTypes.DateType).add("dec", DataTypes.createDecimalType(10, 2));
        Schema schema = SparkSchemas.schemaOf(struct, Set.of("t"));
        assertEquals(List.of(FieldType.NUMERIC, FieldType.NUMERIC, FieldType.INTEGER, FieldType.INTEGER,
                FieldType.BOOLEAN, FieldType.CATEGORICAL, FieldType.TEXT, FieldType.TIMESTAMP, FieldType.TIMESTAMP,
                FieldType.NUMERIC), schema.fields().stream().map(f -> f.type()).toList());
        assertEquals(false, schema.field("d").nullable(), "nullability carries over");
    }

    @Test
    void schemaOf_unsupportedType_namesColumnTypeAndWhatToDo() {
        StructType struct = new StructType().add("ok", DataTypes.DoubleType)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType));
        DataException e = assertThrows(DataException.class, () -> SparkSchemas.schemaOf(struct, Set.of()));
        assertTrue(e.getMessage().contains("'tags'") && e.getMessage().contains("array<string>")
                && e.getMessage().contains("cast"), e.getMessage());
    }

    @Test
    void quarantine_rowLevelRules_matchTheSingleMachineQuarantineAndCountsAddUp() {
        Frame data = withBadRows(credit);
        Contract contract = Contract.of(List.of(
                new Constraint.Range("age", 18, 70, Severity.ERROR),
                new Constraint.AllowedValues("housing", List.of("own", "rent"), Severity.ERROR),
                new Constraint.Completeness("duration", 0, Severity.ERROR),
                new Constraint.Unique("credit_amount", Severity.ERROR)));
        Quarantine local = Validator.of(Contract.of(contract.constraints().subList(0, 3))).quarantine(data);

        SparkQuarantine spark = SparkValidation.quarantine(LocalSpark.ordered(data, 3), contract);

        assertEquals(data.rowCount(), spark.read());
        assertEquals(spark.read(), spark.passedCount() + spark.quarantinedCount());
        assertEquals(local.valid().rowCount(), spark.passedCount());
        assertEquals(local.invalid().rowCount(), spark.quarantinedCount());
        assertEquals(spark.passedCount(), spark.passed().count());
        List<String> reasons = spark.quarantined().collectAsList().stream()
                .map(r -> r.<String>getAs(Quarantine.VIOLATIONS_COLUMN)).toList();
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < local.invalid().rowCount(); r++) {
            expected.add(local.invalid().text(Quarantine.VIOLATIONS_COLUMN).getString(r));
        }
        assertEquals(expected, reasons, "the same rules broken by the same rows, in order");
        ValidationReport alone = Validator.of(Contract.of(contract.constraints().subList(3, 4))).validate(data);
        assertEquals(alone.results().size(), spark.wholeDataset().results().size());
        for (int i = 0; i < alone.results().size(); i++) {
            var one = alone.results().get(i);
            var many = spark.wholeDataset().results().get(i);
            // the same verdict, counts, message and failing rows; the sample rows carry only the rule's columns
            assertEquals(List.of(one.name(), one.status(), one.observed(), one.failingRows(), one.message()),
                    List.of(many.name(), many.status(), many.observed(), many.failingRows(), many.message()),
                    "uniqueness, a whole-Dataset rule, gives the single machine's result");
            assertEquals(one.sample().stream().map(r -> r.row()).toList(),
                    many.sample().stream().map(r -> r.row()).toList());
        }
        assertEquals(alone.passed(), spark.wholeDataset().passed());
    }

    private static ModelArtifact model;

    /** A logistic regression on credit-g, trained once for the class. */
    private static synchronized ModelArtifact creditModel() {
        if (model == null) {
            Preprocessing.Builder prep = Preprocessing.newBuilder();
            List<String> categorical = new ArrayList<>();
            List<String> numeric = new ArrayList<>();
            for (Column c : credit.columns()) {
                if (!c.name().equals("class")) {
                    (c.type().isNumeric() ? numeric : categorical).add(c.name());
                }
            }
            prep.scale(Transform.Scaling.STANDARD, numeric.toArray(String[]::new))
                    .oneHot(Transform.UnseenCategories.IGNORE, categorical.toArray(String[]::new));
            Frame train = credit.withRole("class", FieldRole.LABEL);
            TrainedModel trained = Trainer.logisticRegression().seed(7).preprocessing(prep.build().fit(train))
                    .train(train, "class");
            ModelArtifact artifact = ModelPackager.newBuilder().trainedModel(trained).build();
            model = artifact;
        }
        return model;
    }

    @Test
    void server_tamperedOrSwappedModel_isRefusedNamingTheChecksums() {
        ModelArtifact artifact = creditModel();
        java.util.Map<String, byte[]> files = new java.util.HashMap<>(artifact.toFiles());
        byte[] bytes = files.get(ModelArtifact.MODEL_FILE).clone();
        bytes[bytes.length / 2] ^= 1;
        files.put(ModelArtifact.MODEL_FILE, bytes);
        String checksum = artifact.checksums().get(ModelArtifact.MODEL_FILE);
        dev.mlops.api.ModelLoadException tampered = assertThrows(dev.mlops.api.ModelLoadException.class,
                () -> ServerCache.server(checksum + "-tampered", files));
        assertTrue(tampered.getMessage().contains("Checksum mismatch"), tampered.getMessage());
        dev.mlops.api.ModelLoadException swapped = assertThrows(dev.mlops.api.ModelLoadException.class,
                () -> ServerCache.server("0".repeat(64), artifact.toFiles()));
        assertTrue(swapped.getMessage().contains(checksum) && swapped.getMessage().contains("0".repeat(64)),
                swapped.getMessage());
    }

    @Test
    void score_emptyDataset_isRefusedWithWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScoring.score(LocalSpark.ordered(credit.head(0), 1), creditModel()));
        assertTrue(e.getMessage().contains("empty Dataset"), e.getMessage());
    }

    @Test
    void score_creditModel_appendsTheServersOutputsWithTheSameNamesAndValues() {
        ModelArtifact artifact = creditModel();
        Frame local;
        try (ModelServer server = ModelServer.newBuilder().artifact(artifact).build()) {
            local = server.predict(credit);
        }
        int loadsBefore = ServerCache.loads();

        Dataset<Row> scored = SparkScoring.score(LocalSpark.ordered(credit, 4), artifact);
        List<Row> rows = scored.collectAsList();
        SparkScoring.score(LocalSpark.ordered(credit, 3), artifact).count();

        assertEquals(1, ServerCache.loads() - loadsBefore, "one server per JVM, reused across partitions and jobs");
        List<String> expectedColumns = new ArrayList<>(credit.columnNames());
        expectedColumns.addAll(local.columnNames());
        assertEquals(expectedColumns, Arrays.asList(scored.columns()));
        assertEquals(credit.rowCount(), rows.size());
        for (Column out : local.columns()) {
            for (int r = 0; r < rows.size(); r++) {
                assertEquals(out.value(r), rows.get(r).getAs(out.name()), out.name() + " of row " + r);
            }
        }
    }

    @Test
    void report_perDay_equalsTheSingleMachineMonitorsReport() {
        Frame reference = credit.drop("class").slice(0, 500);
        Frame days = withDays(credit.drop("class").slice(500, 1000));
        ProfileOptions options = SparkProfilesTest.exact(days.rowCount());
        Instant t = Instant.parse("2026-01-05T00:00:00Z");
        Profile refProfile = Profile.of(reference, options);
        DriftReport expected;
        try (DriftMonitor monitor = DriftMonitor.against(refProfile).window(WindowSpec.byKey("day"))
                .profileOptions(options).clock(java.time.Clock.fixed(t, java.time.ZoneOffset.UTC)).build()) {
            monitor.observe(days, Frame.of(), t);
            monitor.flush();
            expected = DriftReport.of("credit by day", monitor, t);
        }
        DriftReport spark;
        try (DriftMonitor monitor = DriftMonitor.against(refProfile).window(WindowSpec.byKey("day"))
                .profileOptions(options).build()) {
            spark = SparkDrift.report("credit by day", LocalSpark.dataset(days, 3), "day", monitor, options, t);
        }
        assertEquals(3, spark.windows().size());
        assertTrue(spark.windows().get(2).driftedColumns().contains("credit_amount"),
                "the planted drift is found: " + spark.windows().get(2).driftedColumns());
        assertEquals(expected.toJson(), spark.toJson());
    }

    /** The frame with a day column: three days, the last with credit amounts tripled. */
    private static Frame withDays(Frame f) {
        String[] day = new String[f.rowCount()];
        double[] amount = new double[f.rowCount()];
        for (int r = 0; r < day.length; r++) {
            int d = r * 3 / day.length;
            day[r] = "2026-01-0" + (d + 1);
            double a = ((Number) f.column("credit_amount").value(r)).doubleValue();
            amount[r] = d == 2 ? a * 3 : a;
        }
        return f.withColumn(DoubleColumn.of("credit_amount", amount))
                .withColumn(dev.mlops.api.CategoricalColumn.of("day", day));
    }

    /** Credit with some ages out of range, some housing unknown and some durations missing. */
    private static Frame withBadRows(Frame f) {
        DoubleColumn.Builder duration = DoubleColumn.builder("duration");
        for (int r = 0; r < f.rowCount(); r++) {
            if (r % 97 == 0) {
                duration.addMissing();
            } else {
                duration.add(((Number) f.column("duration").value(r)).doubleValue());
            }
        }
        return f.withColumn(duration.build());
    }
}
