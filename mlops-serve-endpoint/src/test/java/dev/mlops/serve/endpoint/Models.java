package dev.mlops.serve.endpoint;

import dev.mlops.api.Frame;
import dev.mlops.api.PredictionListener;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import dev.mlops.serve.ServerConfig;
import dev.mlops.serve.ServerInfo;
import dev.mlops.serve.ServerStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The committed mlops-serve test models (src/test/resources/models, written by make_models.py) as servers. */
final class Models {
    private static final Path DIR = Path.of("../mlops-serve/src/test/resources/models");

    private Models() {
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name + ".onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** p(good) = sigmoid(1.5 x1 - 2 x2 + 0.25): x1, x2 FP32 [-1, 1] to label INT64 [-1] and probabilities FP32 [-1, 2]. */
    static ModelServer logreg() {
        return logreg(ServerConfig.defaults());
    }

    static ModelServer logreg(ServerConfig config) {
        return ModelServer.newBuilder().config(config).artifact(ModelArtifact.newBuilder().model(bytes("logreg"))
                .signature(logregSignature()).build()).build();
    }

    static ModelSignature logregSignature() {
        return new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.FLOAT, false),
                        TensorSpec.column("x2", ElementType.FLOAT, false)),
                List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                        new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of("bad", "good"), ModelTask.CLASSIFICATION);
    }

    /** score = x + code(color): x FP32 (NaN allowed) and color BYTES to score FP32. */
    static ModelServer categorical() {
        return ModelServer.newBuilder().artifact(ModelArtifact.newBuilder().model(bytes("categorical"))
                .signature(new ModelSignature(
                        List.of(TensorSpec.column("x", ElementType.FLOAT, true),
                                TensorSpec.column("color", ElementType.STRING, true)),
                        List.of(TensorSpec.column("score", ElementType.FLOAT, true)), List.of(),
                        ModelTask.REGRESSION)).build()).build();
    }

    /** The oracle of the logistic regression. */
    static double pGood(double x1, double x2) {
        return 1 / (1 + Math.exp(-(1.5 * x1 - 2 * x2 + 0.25)));
    }

    /**
     * A server that holds every predict call until {@link #release()}: requests stay in flight as long as a test
     * needs, without sleeping.
     */
    static final class Gate implements ModelServer {
        private final ModelServer delegate;
        private final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch entered;

        Gate(ModelServer delegate, int callers) {
            this.delegate = delegate;
            this.entered = new CountDownLatch(callers);
        }

        void release() {
            open.countDown();
        }

        void awaitEntered() throws InterruptedException {
            if (!entered.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the held requests never reached the model");
            }
        }

        private void hold() {
            entered.countDown();
            try {
                if (!open.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the gate was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Prediction predict(String requestId, Map<String, ?> record) {
            hold();
            return delegate.predict(requestId, record);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Prediction> predictAsync(String requestId,
                Map<String, ?> record) {
            hold();
            return delegate.predictAsync(requestId, record);
        }

        @Override
        public java.util.concurrent.CompletableFuture<List<Prediction>> predictAsync(String requestId,
                List<? extends Map<String, ?>> records) {
            hold();
            return delegate.predictAsync(requestId, records);
        }

        @Override
        public List<Prediction> predict(String requestId, List<? extends Map<String, ?>> records) {
            hold();
            return delegate.predict(requestId, records);
        }

        @Override
        public Frame predict(Frame frame) {
            hold();
            return delegate.predict(frame);
        }

        @Override
        public AutoCloseable onPrediction(PredictionListener listener) {
            return delegate.onPrediction(listener);
        }

        @Override
        public boolean refresh() {
            return delegate.refresh();
        }

        @Override
        public ServerInfo info() {
            return delegate.info();
        }

        @Override
        public ServerStats stats() {
            return delegate.stats();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
