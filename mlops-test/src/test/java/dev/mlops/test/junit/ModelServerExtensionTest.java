package dev.mlops.test.junit;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.Provenance;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.PredictionException;
import dev.mlops.test.SyntheticFrame;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ModelServerExtensionTest {
    /** mlops-serve's committed logistic regression: P(good) = sigmoid(1.5 x1 - 2 x2 + 0.25). */
    static ModelArtifact logreg() {
        try {
            byte[] onnx = Files.readAllBytes(Path.of("../mlops-serve/src/test/resources/models/logreg.onnx"));
            ModelSignature signature = new ModelSignature(
                    List.of(TensorSpec.column("x1", ElementType.FLOAT, false),
                            TensorSpec.column("x2", ElementType.FLOAT, false)),
                    List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                            new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                    List.of("bad", "good"), ModelTask.CLASSIFICATION);
            return ModelArtifact.newBuilder().model(onnx).signature(signature)
                    .provenance(Provenance.of("test", Map.of())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class FromATrainedModel {
        static TrainedModel model;
        static final List<ModelServer> SERVERS = new ArrayList<>();

        @RegisterExtension
        static ModelServerExtension served = ModelServerExtension.fromTrainedModel(() -> model);

        @BeforeAll
        static void train() {
            model = Trainer.logisticRegression().seed(1).train(SyntheticFrame.threshold(200, 4), "class");
        }

        @Test
        void server_isTheTrainedModelOnOnnxRuntime(ModelServer server) {
            SERVERS.add(server);
            assertThat(server == served.server()).as("the parameter is the extension's server").isTrue();
            assertThat(server).agreesWith(model).onRows(SyntheticFrame.threshold(50, 5));
            assertThat(served.predictor().predict(SyntheticFrame.threshold(3, 6)).columnNames())
                    .containsExactly("label", "probabilities.bad", "probabilities.good");
        }

        @Test
        void server_ofTheNextTest_isANewOne(ModelServer server) {
            SERVERS.add(server);
            assertThat(server.stats().requests()).isZero();
        }

        @AfterAll
        static void everyServer_isClosedAfterItsTest() {
            assertThat(SERVERS).hasSize(2).doesNotHaveDuplicates();
            Frame row = Frame.of(DoubleColumn.of("x1", 0.5), DoubleColumn.of("x2", 0.1));
            assertThat(SERVERS).allSatisfy(s -> assertThatThrownBy(() -> s.predict(row))
                    .isInstanceOf(PredictionException.class).hasMessageContaining("CLOSED")
                    .hasMessageContaining("is closed"));
        }
    }

    @Nested
    class FromAnArtifactDirectory {
        @TempDir
        static Path dir;

        @RegisterExtension
        final ModelServerExtension served = ModelServerExtension.fromArtifact(() -> {
            logreg().writeTo(dir.resolve("logreg"));
            return ModelArtifact.read(dir.resolve("logreg"));
        });

        @Test
        void server_predictsWithTheCommittedWeights(ModelServer server) {
            // sigmoid(1.5 * 2 - 2 * 0 + 0.25) = 0.9627
            assertThat(server.predict(Map.of("x1", 2.0, "x2", 0.0)).probabilities().orElseThrow()[1])
                    .isCloseTo(0.9627, org.assertj.core.data.Offset.offset(1e-3));
        }

        @Test
        void fromArtifact_aDirectory_servesWhatIsWrittenThere() {
            logreg().writeTo(dir.resolve("again"));
            ModelServerExtension byPath = ModelServerExtension.fromArtifact(dir.resolve("again"));
            assertThat(byPath.server().info()).isNotNull();
            byPath.afterEach(null);
        }
    }
}
