package dev.mlops.samples;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelVersion;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import dev.mlops.serve.ServerConfig;
import dev.mlops.serve.ServerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serve stage of the main job: serves {@code model@production} in process, then registers a second version and
 * moves the alias while other threads keep predicting, and prints who answered.
 */
public final class ServeStage {
    private static final int CALLERS = 4;

    private ServeStage() {
    }

    /**
     * What the stage saw.
     *
     * @param successes predictions served
     * @param failures predictions that failed (zero during a correct hot reload)
     * @param byVersion version to the number of predictions it answered
     * @param secondVersion the version number the second artifact got
     */
    public record Result(long successes, long failures, Map<Integer, Long> byVersion, int secondVersion) {
    }

    /**
     * Loads {@code model@production} from the repository, scores the test frame, then registers
     * {@code secondVersion}, moves {@code production} to it while {@value #CALLERS} threads predict, and prints
     * the counts of successes and failures and which version answered.
     */
    public static Result run(ModelRepository repository, String model, Frame test, ModelArtifact secondVersion) {
        CreditPipeline.section("Serve: " + model + "@production in process, then a hot reload under load");
        ServerConfig config = ServerConfig.newBuilder().reloadInterval(Duration.ofMillis(50)).build();
        try (ModelServer server = ModelServer.newBuilder().repository(repository, model + "@production")
                .config(config).build()) {
            ServerInfo info = server.info();
            System.out.println("Serving " + info.source() + " (version " + info.version() + ") on " + info.provider()
                    + ", ONNX Runtime " + info.onnxRuntimeVersion());
            long start = System.nanoTime();
            Frame scored = server.predict(test);
            System.out.printf("Scored %d test rows in %.1f ms; first rows:%n", scored.rowCount(),
                    (System.nanoTime() - start) / 1e6);
            System.out.println(scored.head(5));

            List<Map<String, Object>> records = records(test, info.signature().inputs());
            LongAdder successes = new LongAdder();
            LongAdder failures = new LongAdder();
            Map<Integer, LongAdder> byVersion = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong afterSwap = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            int firstVersion = info.version();
            for (int t = 0; t < CALLERS; t++) {
                int offset = t;
                Thread thread = new Thread(() -> {
                    for (int i = offset; !stop.get(); i += CALLERS) {
                        try {
                            Prediction p = server.predict(records.get(i % records.size()));
                            successes.increment();
                            byVersion.computeIfAbsent(p.version(), v -> new LongAdder()).increment();
                            if (p.version() != firstVersion) {
                                afterSwap.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failures.increment();
                        }
                    }
                }, "serve-stage-caller-" + t);
                thread.start();
                threads.add(thread);
            }
            ModelVersion second = repository.register(model, secondVersion);
            System.out.println("Registered " + model + " version " + second.version() + "; moving production to it"
                    + " while " + CALLERS + " threads predict");
            repository.setAlias(model, "production", second.version());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (afterSwap.get() < 1000 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            Map<Integer, Long> counts = new TreeMap<>();
            byVersion.forEach((v, n) -> counts.put(v, n.sum()));
            System.out.println("Predictions: " + successes.sum() + " succeeded, " + failures.sum() + " failed");
            counts.forEach((v, n) -> System.out.println("  answered by version " + v + ": " + n));
            System.out.println("Now serving version " + server.info().version() + "; server stats: "
                    + server.stats());
            return new Result(successes.sum(), failures.sum(), counts, second.version());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the callers", e);
        }
    }

    /** The test rows as records holding just the model's inputs (missing values as null). */
    static List<Map<String, Object>> records(Frame frame, List<TensorSpec> inputs) {
        List<Map<String, Object>> out = new ArrayList<>(frame.rowCount());
        for (int r = 0; r < frame.rowCount(); r++) {
            Map<String, Object> record = new HashMap<>();
            for (TensorSpec in : inputs) {
                record.put(in.name(), frame.column(in.name()).value(r));
            }
            out.add(record);
        }
        return out;
    }
}
