package dev.mlops.test.junit;

import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import dev.mlops.features.Preprocessing;
import dev.mlops.test.Predictor;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.onnx.ModelPackager;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link ModelServer} for a test, started from an artifact or a trained model on first use and closed after the
 * test; register it with {@code @RegisterExtension} and take the server as a parameter or from {@link #server()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ModelServerExtension served = ModelServerExtension.fromTrainedModel(() -> model);
 *
 * @Test
 * void served_agreesWithTribuo(ModelServer server) {
 *     assertThat(server).agreesWith(model).onRows(test);
 * }
 * }</pre>
 *
 * <p>The server starts lazily, so a source computed in {@code @BeforeAll} (a model trained once for the class) is
 * read when the first test needs it, and another extension registered after this one (an endpoint in front of the
 * server, say) can build on {@link #server()}. Each test gets a fresh server, so listeners and counters never leak
 * between tests. One instance serves the tests of one class one at a time; it is not for concurrent test methods.
 */
public final class ModelServerExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {
    private final Supplier<ModelArtifact> source;
    private ServerConfig config = ServerConfig.defaults();
    private ModelServer server;

    private ModelServerExtension(Supplier<ModelArtifact> source) {
        this.source = source;
    }

    /** Serves the artifact directory at {@code directory} (as {@link ModelArtifact#writeTo} writes it). */
    public static ModelServerExtension fromArtifact(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return new ModelServerExtension(() -> ModelArtifact.read(directory));
    }

    /** Serves an artifact, supplied when the first test needs the server. */
    public static ModelServerExtension fromArtifact(Supplier<ModelArtifact> artifact) {
        return new ModelServerExtension(Objects.requireNonNull(artifact, "artifact"));
    }

    /**
     * Serves a trained model, supplied when the first test needs the server, packaged with its preprocessing as one
     * ONNX artifact ({@link ModelPackager}), exactly as a release would ship it.
     */
    public static ModelServerExtension fromTrainedModel(Supplier<TrainedModel> model) {
        Objects.requireNonNull(model, "model");
        return new ModelServerExtension(() -> artifactOf(model.get()));
    }

    /**
     * The ONNX artifact of a trained model: its preprocessing and model in one graph, one input per column. A model
     * trained without preprocessing gets a pass-through one, so that its columns are still the inputs by name.
     */
    public static ModelArtifact artifactOf(TrainedModel model) {
        ModelPackager.Builder b = ModelPackager.newBuilder().trainedModel(model);
        if (model.preprocessing().isEmpty()) {
            b.preprocessing(Preprocessing.newBuilder().build().fit(Frame.empty(Schema.of(model.features()))));
        }
        return b.build();
    }

    /** The server's settings (batching, timeouts, provider); the defaults unless set. */
    public ModelServerExtension withConfig(ServerConfig serverConfig) {
        this.config = Objects.requireNonNull(serverConfig, "serverConfig");
        return this;
    }

    /** The server of the current test, started on first use. */
    public synchronized ModelServer server() {
        if (server == null) {
            ModelArtifact artifact = Objects.requireNonNull(source.get(),
                    "The artifact (or model) supplier of the ModelServerExtension returned null; set the field it"
                            + " reads before the first test uses the server (in @BeforeAll, say)");
            server = ModelServer.newBuilder().artifact(artifact).config(config).build();
        }
        return server;
    }

    /** The server of the current test as a {@link Predictor}, for the kit's assertions and behavioural checks. */
    public Predictor predictor() {
        return Predictor.of(server());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ModelServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
