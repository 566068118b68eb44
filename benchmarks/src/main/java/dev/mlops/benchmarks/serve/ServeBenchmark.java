package dev.mlops.benchmarks.serve;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.Frame;
import dev.mlops.benchmarks.Floor;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import dev.mlops.serve.ServerConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * In-process serving against raw ONNX Runtime on the same model (mlp20: 20 inputs, a 32-unit hidden layer):
 * one row, 1024 rows from a Frame, and 32 concurrent callers with batching on and off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServeBenchmark {
    private static final long[] ONE = {1, 1};
    private static final long[] BATCH = {1024, 1};
    private static final int ROTATION = 256;

    private ModelServer server;
    private ModelServer batched;
    private ModelServer unbatched;
    private OrtEnvironment env;
    private OrtSession raw;
    private float[][] oneRows;
    private List<Map<String, Object>> records;
    private Frame frame1024;
    private FloatBuffer[] direct1024;
    private ModelServer doubles;
    private OrtSession rawDoubles;
    private DoubleBuffer[] directDoubles1024;

    /** A caller's position in the rotation of rows. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            next = (next + 1) & (ROTATION - 1);
            return next;
        }
    }

    @Setup
    public void setUp() throws OrtException {
        // One intra-op thread on both sides of the one-row and 1024-row pairs: the same work, and on a shared
        // machine ONNX Runtime's spinning pool threads would otherwise dominate the noise.
        server = ModelServer.newBuilder().artifact(ServeFixtures.artifact())
                .config(ServerConfig.newBuilder().threads(1, 1).build()).build();
        batched = ModelServer.newBuilder().artifact(ServeFixtures.artifact())
                .config(ServerConfig.newBuilder().batching(32, Duration.ofNanos(200_000)).build()).build();
        unbatched = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).build();
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            raw = env.createSession(ServeFixtures.modelBytes(), options);
        }
        doubles = ModelServer.newBuilder().artifact(ServeFixtures.doubleArtifact())
                .config(ServerConfig.newBuilder().threads(1, 1).build()).build();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            rawDoubles = env.createSession(ServeFixtures.doubleModelBytes(), options);
        }
        oneRows = ServeFixtures.values(ROTATION, 1);
        records = ServeFixtures.records(oneRows);
        float[][] batch = ServeFixtures.values(1024, 2);
        frame1024 = ServeFixtures.frame(batch);
        direct1024 = new FloatBuffer[ServeFixtures.INPUTS];
        for (int j = 0; j < ServeFixtures.INPUTS; j++) {
            FloatBuffer b = ByteBuffer.allocateDirect(1024 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (float[] row : batch) {
                b.put(row[j]);
            }
            b.rewind();
            direct1024[j] = b;
        }
        directDoubles1024 = new DoubleBuffer[ServeFixtures.INPUTS];
        for (int j = 0; j < ServeFixtures.INPUTS; j++) {
            DoubleBuffer b = ByteBuffer.allocateDirect(1024 * Double.BYTES).order(ByteOrder.nativeOrder())
                    .asDoubleBuffer();
            for (float[] row : batch) {
                b.put(row[j]);
            }
            b.rewind();
            directDoubles1024[j] = b;
        }
    }

    @TearDown
    public void tearDown() throws OrtException {
        server.close();
        batched.close();
        unbatched.close();
        raw.close();
        doubles.close();
        rawDoubles.close();
    }

    @Benchmark
    @Floor("rawOneRow")
    public Prediction predictOneRow(Cursor c) {
        return server.predict(records.get(c.advance()));
    }

    /** The floor: create 20 tensors, run, read label and probabilities, close everything. */
    @Benchmark
    public float rawOneRow(Cursor c) throws OrtException {
        float[] row = oneRows[c.advance()];
        Map<String, OnnxTensor> in = new HashMap<>(32);
        try {
            for (int j = 0; j < ServeFixtures.INPUTS; j++) {
                in.put(ServeFixtures.NAMES[j], OnnxTensor.createTensor(env, FloatBuffer.wrap(row, j, 1).slice(), ONE));
            }
            try (OrtSession.Result r = raw.run(in)) {
                long label = ((OnnxTensor) r.get(0)).getLongBuffer().get(0);
                FloatBuffer p = ((OnnxTensor) r.get(1)).getFloatBuffer();
                return p.get(1) + label;
            }
        } finally {
            for (OnnxTensor t : in.values()) {
                t.close();
            }
        }
    }

    @Benchmark
    @Floor("rawBatch1024")
    public Frame predictFrame1024() {
        return server.predict(frame1024);
    }

    /** The floor: tensors over ready direct buffers, run, copy both outputs out, close. */
    @Benchmark
    public float rawBatch1024() throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>(32);
        try {
            for (int j = 0; j < ServeFixtures.INPUTS; j++) {
                in.put(ServeFixtures.NAMES[j], OnnxTensor.createTensor(env, direct1024[j], BATCH));
            }
            try (OrtSession.Result r = raw.run(in)) {
                long[] labels = new long[1024];
                ((OnnxTensor) r.get(0)).getLongBuffer().get(labels);
                float[] p = new float[2048];
                ((OnnxTensor) r.get(1)).getFloatBuffer().get(p);
                return p[1] + labels[0];
            }
        } finally {
            for (OnnxTensor t : in.values()) {
                t.close();
            }
        }
    }

    /** The same 1024 rows into the network with DOUBLE inputs (issue 13.1 exports numeric inputs as double). */
    @Benchmark
    @Floor("rawBatch1024Doubles")
    public Frame predictFrame1024Doubles() {
        return doubles.predict(frame1024);
    }

    /** The floor: tensors over ready direct double buffers, run, copy both outputs out, close. */
    @Benchmark
    public float rawBatch1024Doubles() throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>(32);
        try {
            for (int j = 0; j < ServeFixtures.INPUTS; j++) {
                in.put(ServeFixtures.NAMES[j], OnnxTensor.createTensor(env, directDoubles1024[j], BATCH));
            }
            try (OrtSession.Result r = rawDoubles.run(in)) {
                long[] labels = new long[1024];
                ((OnnxTensor) r.get(0)).getLongBuffer().get(labels);
                float[] p = new float[2048];
                ((OnnxTensor) r.get(1)).getFloatBuffer().get(p);
                return p[1] + labels[0];
            }
        } finally {
            for (OnnxTensor t : in.values()) {
                t.close();
            }
        }
    }

    /** A lone caller of the batching server: it must not pay for batching (issue 13.3: within 1.10x). */
    @Benchmark
    @Floor("loneCallerUnbatched")
    public Prediction loneCallerBatched(Cursor c) {
        return batched.predict(records.get(c.advance()));
    }

    /** The floor of the lone caller: the same server with batching off. */
    @Benchmark
    public Prediction loneCallerUnbatched(Cursor c) {
        return unbatched.predict(records.get(c.advance()));
    }

    @Benchmark
    @Threads(32)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Floor("concurrentUnbatched")
    public Prediction concurrentBatched(Cursor c) {
        return batched.predict(records.get(c.advance()));
    }

    /** The floor of the concurrent case: the same server with batching off. */
    @Benchmark
    @Threads(32)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Prediction concurrentUnbatched(Cursor c) {
        return unbatched.predict(records.get(c.advance()));
    }
}
