package dev.mlops.serve;

import dev.mlops.api.Frame;
import dev.mlops.api.ModelLoadException;
import dev.mlops.api.PredictionListener;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Serves one model in process on ONNX Runtime: one session shared by every thread, requests checked against the
 * signature, optional dynamic batching, hot reload when the repository reference moves.
 *
 * <p>Thread-safe. Close it to free the native session and its threads; closing twice does nothing.
 *
 * <pre>{@code
 * try (ModelServer server = ModelServer.newBuilder().repository(repo, "credit@production").build()) {
 *     Prediction p = server.predict(Map.of("age", 35.0, "purpose", "car"));
 *     Frame scored = server.predict(testFrame);
 * }
 * }</pre>
 */
public interface ModelServer extends AutoCloseable {

    /** A builder; name the model with {@link Builder#repository} or {@link Builder#artifact}. */
    static Builder newBuilder() {
        return new Builder();
    }

    /** A server with default settings for {@code name@alias} or {@code name@version} of the repository. */
    static ModelServer load(ModelRepository repository, String ref) {
        return newBuilder().repository(repository, ref).build();
    }

    /** A server with default settings for an artifact directory. */
    static ModelServer load(Path artifactDirectory) {
        return newBuilder().artifact(artifactDirectory).build();
    }

    /**
     * Predicts one record: input name to value ({@code Number}, {@code String}, {@code Boolean}, or an array for
     * inputs of several values per row).
     *
     * <p>A {@code null} value means missing: the model takes it where its signature says the input is nullable
     * (the packaged preprocessing imputes or encodes it), and refuses it elsewhere.
     *
     * @throws PredictionException for a missing, extra or mistyped input, a forbidden NaN, infinity or null, a wrong
     *     shape, a full queue, a timeout or a closed server
     * @throws IllegalArgumentException when {@code record} is null
     */
    default Prediction predict(Map<String, ?> record) {
        return predict(null, record);
    }

    /**
     * Predicts one record under the caller's request id (for example the id of the business transaction, so a label
     * that arrives later can be joined to this prediction). The id is returned in {@link Prediction#requestId()} and
     * carried by the prediction event; {@code null} asks the server to generate one.
     *
     * @throws PredictionException as {@link #predict(Map)}
     */
    Prediction predict(String requestId, Map<String, ?> record);

    /**
     * Predicts one record without blocking the caller while it waits for a batch: for a host whose threads must not
     * wait (an event loop, an asynchronous gRPC or servlet handler), so that many requests in flight cost no thread
     * each. Checked and, without batching or when the batcher is idle, run on the calling thread before this
     * returns (the future is then done); otherwise queued, and completed on the server's batching thread when its
     * batch has run. Dependent stages added without an executor run there too, so keep them short or pass your
     * executor ({@code thenApplyAsync(fn, executor)}).
     *
     * <p>The future fails with the {@link PredictionException} that {@link #predict(String, Map)} would throw
     * (wrapped in a {@code CompletionException} by {@code join()}, an {@code ExecutionException} by {@code get()}).
     *
     * @param requestId the caller's id, as for {@link #predict(String, Map)}; {@code null} to generate one
     * @throws IllegalArgumentException at once when {@code record} is null or {@code requestId} is blank
     */
    java.util.concurrent.CompletableFuture<Prediction> predictAsync(String requestId, Map<String, ?> record);

    /**
     * Predicts several records in one run; the results are in the same order, each with a generated request id.
     *
     * @throws IllegalArgumentException when {@code records} or one of them is null
     */
    default List<Prediction> predict(List<? extends Map<String, ?>> records) {
        return predict(null, records);
    }

    /**
     * Predicts several records of one request in one run (a network request of several rows, say): one record
     * gets {@code requestId} itself, several get {@code <requestId>/<index>}, so each row's label can be joined
     * later; {@code null} asks the server to generate the id.
     *
     * @throws IllegalArgumentException when {@code records} or one of them is null, or {@code requestId} is blank
     */
    List<Prediction> predict(String requestId, List<? extends Map<String, ?>> records);

    /**
     * {@link #predict(String, List)} without blocking the caller while it waits for a batch, as
     * {@link #predictAsync(String, Map)} does for one record.
     *
     * @throws IllegalArgumentException at once when {@code records} or one of them is null, or {@code requestId} is
     *     blank
     */
    java.util.concurrent.CompletableFuture<List<Prediction>> predictAsync(String requestId,
            List<? extends Map<String, ?>> records);

    /**
     * Predicts every row of a frame: columns are matched to inputs by name (other columns are ignored, so a frame
     * with its label and id columns can be passed as it is). Returns a frame of the outputs, one column per output
     * value: {@code label}, {@code probabilities.good}, ... The rows get generated request ids ({@code <id>/<row>}),
     * carried by the prediction event; predict records one by one when each needs the caller's id. A missing cell
     * means missing, as a null in a record does.
     *
     * @throws PredictionException as {@link #predict(Map)} does, naming the row
     * @throws IllegalArgumentException when {@code frame} is null
     */
    Frame predict(Frame frame);

    /**
     * Subscribes a listener to every prediction (a drift monitor or a prediction log); close the handle to
     * unsubscribe. Events a slow listener cannot take are dropped and counted in {@link ServerStats#eventsDropped()}.
     */
    AutoCloseable onPrediction(PredictionListener listener);

    /**
     * Checks the repository reference now and, when it resolves to another version, loads, warms and swaps it in.
     * Calls in flight finish on the old session. Returns whether a new version was swapped in; always false for a
     * bare artifact.
     */
    boolean refresh();

    /** What is being served now. */
    ServerInfo info();

    /** The counters so far. */
    ServerStats stats();

    /** Stops serving, fails queued requests with {@code CLOSED}, and frees sessions once in-flight calls finish. */
    @Override
    void close();

    /** Builds a {@link ModelServer}: the model source, the settings, and optionally an executor and a clock. */
    final class Builder {
        private ModelRepository repository;
        private String ref;
        private Path artifactPath;
        private ModelArtifact artifact;
        private ServerConfig config = ServerConfig.defaults();
        private Executor executor;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Serves {@code name@alias}, {@code name@version} or {@code name} (latest) from a repository. */
        public Builder repository(ModelRepository repository, String ref) {
            this.repository = Objects.requireNonNull(repository, "repository");
            this.ref = Objects.requireNonNull(ref, "ref");
            return this;
        }

        /** Serves the artifact in a directory. */
        public Builder artifact(Path directory) {
            this.artifactPath = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Serves an artifact held in memory. */
        public Builder artifact(ModelArtifact artifact) {
            this.artifact = Objects.requireNonNull(artifact, "artifact");
            return this;
        }

        /** The settings. */
        public Builder config(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Runs the batching loop on this executor instead of the server's own daemon thread (tests pass one they
         * drive by hand, so batches form deterministically).
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The clock that stamps prediction events. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Loads, verifies and warms the model and starts serving.
         *
         * @throws ModelLoadException when the model cannot be found, fails its checksums, or its graph does not
         *     match its signature
         */
        public ModelServer build() {
            int sources = (repository != null ? 1 : 0) + (artifactPath != null ? 1 : 0) + (artifact != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalStateException("Name exactly one model source: repository(repo, ref), "
                        + "artifact(path) or artifact(ModelArtifact); got " + sources);
            }
            return new OnnxModelServer(repository, ref, artifactPath, artifact, config, executor, clock);
        }
    }
}
