package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Column;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.PredictionColumns;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.data.CsvSource;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import dev.mlops.serve.PredictionException;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ModelPackager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, part 2: a categorical column with missing cells was refused at serving ({@code MISSING_VALUE}) although
 * the packaged preprocessing imputes it. Trained, packaged and served end to end on bundled data with missing
 * categories, the server answers what {@link TrainedModel#predict(Frame)} answers, for frames and for records.
 */
class ServeMissingCategoriesTest {
    private static final String LABEL = "Class";
    private static final double TOLERANCE = 1e-5;

    private static Frame read(String dataset) {
        return CsvSource.newBuilder(Path.of("../samples/src/main/resources/datasets/" + dataset + ".csv"))
                .role(LABEL, FieldRole.LABEL).build().read();
    }

    /** Median and scale for numbers, most frequent and one-hot for categories: every feature imputed. */
    private static FittedPreprocessing imputeAll(Frame frame, Transform.UnseenCategories unseen, boolean impute) {
        Preprocessing.Builder chain = Preprocessing.newBuilder();
        for (Column c : frame.columns()) {
            if (c.field().role() != FieldRole.FEATURE) {
                continue;
            }
            if (c.type() == FieldType.CATEGORICAL) {
                if (impute) {
                    chain.impute(Transform.Imputation.MOST_FREQUENT, c.name());
                }
                chain.oneHot(unseen, c.name());
            } else {
                chain.impute(Transform.Imputation.MEDIAN, c.name()).scale(Transform.Scaling.STANDARD, c.name());
            }
        }
        return chain.build().fit(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vote", "breast-cancer"})
    void servedFrameAndRecordsWithMissingCategories_equalTrainedModelPredict(String dataset) {
        Frame data = read(dataset);
        List<Integer> holes = rowsWithMissingCategories(data);
        assertFalse(holes.isEmpty(), dataset + " has missing categories");
        FittedPreprocessing prep = imputeAll(data, Transform.UnseenCategories.IGNORE, true);
        TrainedModel trained = Trainer.logisticRegression().seed(42).preprocessing(prep).train(data, LABEL);
        ModelArtifact artifact = ModelPackager.newBuilder().trainedModel(trained).build();
        for (TensorSpec in : artifact.signature().inputs()) {
            assertTrue(in.nullable(), in + " is imputed, so it accepts missing values");
        }
        assertTrue(artifact.signature().inputs().stream().anyMatch(t -> t.type() == ElementType.STRING));

        Frame expected = trained.predict(data);
        List<String> labels = artifact.signature().labels();
        try (ModelServer server = ModelServer.newBuilder().artifact(artifact).build()) {
            Frame served = server.predict(data);
            for (int r = 0; r < data.rowCount(); r++) {
                String where = dataset + " row " + r;
                assertEquals(expected.categorical(PredictionColumns.LABEL).getString(r), served.categorical("label").getString(r),
                        where);
                for (String label : labels) {
                    assertEquals(expected.doubles(PredictionColumns.PROBABILITY_PREFIX + label).getDouble(r),
                            served.doubles("probabilities." + label).getDouble(r), TOLERANCE, where + ", " + label);
                }
            }

            List<Map<String, Object>> records = new ArrayList<>();
            for (int r : holes) {
                records.add(record(data, artifact, r));
            }
            List<Prediction> predictions = server.predict(records);
            for (int i = 0; i < holes.size(); i++) {
                int r = holes.get(i);
                Prediction p = predictions.get(i);
                String where = dataset + " record of row " + r;
                assertEquals(expected.categorical(PredictionColumns.LABEL).getString(r), p.label().orElseThrow(), where);
                double[] probs = p.probabilities().orElseThrow();
                for (int j = 0; j < labels.size(); j++) {
                    assertEquals(expected.doubles(PredictionColumns.PROBABILITY_PREFIX + labels.get(j)).getDouble(r), probs[j], TOLERANCE,
                            where + ", " + labels.get(j));
                }
                assertEquals(p.probabilities().orElseThrow()[0], server.predict(records.get(i)).probabilities()
                        .orElseThrow()[0], TOLERANCE, "one record alone: " + where);
            }
        }
    }

    /** Where the preprocessing does not handle a missing category, serving still refuses it, naming column and row. */
    @ParameterizedTest
    @ValueSource(strings = {"vote"})
    void servedMissingCategory_withoutImputation_isRefusedAsBefore(String dataset) {
        Frame data = read(dataset);
        List<Integer> holes = rowsWithMissingCategories(data);
        Frame complete = data.rows(IntStream.range(0, data.rowCount())
                .filter(r -> !holes.contains(r)).toArray());
        FittedPreprocessing strict = imputeAll(complete, Transform.UnseenCategories.ERROR, false);
        TrainedModel trained = Trainer.logisticRegression().seed(42).preprocessing(strict).train(complete, LABEL);
        ModelArtifact artifact = ModelPackager.newBuilder().trainedModel(trained).build();
        assertTrue(artifact.signature().inputs().stream().noneMatch(TensorSpec::nullable));
        int row = holes.get(0);
        try (ModelServer server = ModelServer.newBuilder().artifact(artifact).build()) {
            PredictionException e = assertThrows(PredictionException.class, () -> server.predict(data));
            assertEquals(PredictionException.Reason.MISSING_VALUE, e.reason());
            String first = artifact.signature().inputs().get(0).name(); // checked first; missing first in row 2
            assertEquals(first, e.input().orElseThrow());
            assertTrue(e.getMessage().contains("column '" + first + "' is missing at row 2 but the signature does not"
                    + " allow missing values there"), e.getMessage());
            e = assertThrows(PredictionException.class, () -> server.predict(record(data, artifact, row)));
            assertEquals(PredictionException.Reason.MISSING_VALUE, e.reason());
            assertTrue(e.getMessage().contains("is null but the model does not accept missing values there"),
                    e.getMessage());
        }
    }

    private static List<Integer> rowsWithMissingCategories(Frame data) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < data.rowCount(); r++) {
            for (Column c : data.columns()) {
                if (c.type() == FieldType.CATEGORICAL && c.field().role() == FieldRole.FEATURE && c.isMissing(r)) {
                    rows.add(r);
                    break;
                }
            }
        }
        return rows;
    }

    /** Row {@code r} as a record of the model's inputs: a missing cell is {@code null}. */
    private static Map<String, Object> record(Frame data, ModelArtifact artifact, int r) {
        Map<String, Object> record = new HashMap<>();
        for (TensorSpec in : artifact.signature().inputs()) {
            record.put(in.name(), data.column(in.name()).value(r));
        }
        return record;
    }
}
