package dev.mlops.benchmarks.serve;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Serving figures JMH does not give directly, printed as summary rows (no header): p99 latency of 32 concurrent
 * callers with batching on against off, resident memory growth over 1 M predictions, and load-to-first-prediction
 * time against raw ONNX Runtime. Listed in {@code benchmarks/extra-mains.txt}.
 */
public final class ServeMeasurements {
    private ServeMeasurements() {
    }

    public static void main(String[] args) throws Exception {
        long predictions = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        // A second argument picks parts: "overhead", "batching" or both ("overhead,batching"); none runs all.
        List<String> only = List.of((args.length > 1 ? args[1] : "all").split(","));
        if (only.contains("all") || only.contains("overhead")) {
            ServeOverhead.run(ServeMeasurements::row);
        }
        if (only.contains("all") || only.contains("batching")) {
            BatchingCpuTime.run(ServeMeasurements::row);
        }
        if (only.contains("all")) {
            concurrent();
            residentMemory(predictions);
            loadToFirstPrediction();
        }
    }

    /** Prints one summary row; {@code floor} NaN for none. */
    interface Row {
        void print(String name, String metric, String unit, double value, String floorName, double floor);
    }

    private static void row(String name, String metric, String unit, double value, String floorName,
                            double floor) {
        String ratio = Double.isNaN(floor) ? "" : fmt(value / floor);
        System.out.println(String.join(",", "serve.ServeMeasurements." + name, metric, unit, fmt(value),
                floorName, Double.isNaN(floor) ? "" : fmt(floor), ratio));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** 32 threads, each 2000 single-row predictions; latency percentiles and throughput. */
    private static void concurrent() throws Exception {
        List<Map<String, Object>> records = ServeFixtures.records(ServeFixtures.values(256, 3));
        double[][] results = new double[2][];
        for (int mode = 0; mode < 2; mode++) {
            ServerConfig config = mode == 0 ? ServerConfig.newBuilder().batching(32, Duration.ZERO).build()
                    : ServerConfig.defaults();
            try (ModelServer server = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(config)
                    .build()) {
                runCallers(server, records, 300); // warm-up
                results[mode] = runCallers(server, records, 2000);
            }
        }
        row("p99Latency32Callers[batching=on]", "p99 (lower is better)", "us", results[0][1],
                "p99Latency32Callers[batching=off]", results[1][1]);
        row("p50Latency32Callers[batching=on]", "p50 (lower is better)", "us", results[0][0],
                "p50Latency32Callers[batching=off]", results[1][0]);
        row("throughput32Callers[batching=on]", "thrpt (higher is better)", "ops/s", results[0][2],
                "throughput32Callers[batching=off]", results[1][2]);
    }

    private static double[] runCallers(ModelServer server, List<Map<String, Object>> records, int each)
            throws InterruptedException {
        int threads = 32;
        long[] latencies = new long[threads * each];
        CountDownLatch start = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            ts[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    long s = System.nanoTime();
                    server.predict(records.get((base + i) & 255));
                    latencies[base + i] = System.nanoTime() - s;
                }
            });
            ts[t].start();
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread t : ts) {
            t.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Arrays.sort(latencies);
        return new double[] {latencies[latencies.length / 2] / 1e3, latencies[(int) (latencies.length * 0.99)] / 1e3,
                latencies.length / seconds};
    }

    /** Resident memory after 50 k warm-up predictions and after {@code n} more. */
    private static void residentMemory(long n) throws IOException {
        List<Map<String, Object>> records = ServeFixtures.records(ServeFixtures.values(256, 4));
        try (ModelServer server = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).build()) {
            for (int i = 0; i < 50_000; i++) {
                server.predict(records.get(i & 255));
            }
            System.gc();
            long before = vmRssKb();
            for (long i = 0; i < n; i++) {
                server.predict(records.get((int) (i & 255)));
            }
            System.gc();
            long after = vmRssKb();
            row("rssGrowthOver" + n + "Predictions[before=" + before + "kB after=" + after + "kB]",
                    "growth (lower is better)", "%", 100.0 * (after - before) / before, "", Double.NaN);
        }
    }

    private static long vmRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Median over 15 runs of: build a server from an artifact directory and serve one prediction. */
    private static void loadToFirstPrediction() throws IOException, OrtException {
        Path dir = Files.createTempDirectory("mlops-serve-bench");
        ModelArtifact artifact = ServeFixtures.artifact();
        artifact.writeTo(dir);
        Map<String, Object> record = ServeFixtures.records(ServeFixtures.values(1, 5)).get(0);
        byte[] bytes = Files.readAllBytes(dir.resolve(ModelArtifact.MODEL_FILE));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] ours = new long[15];
        long[] cold = new long[15];
        long[] raw = new long[15];
        ServerConfig noWarmup = ServerConfig.newBuilder().warmupRuns(0).build();
        for (int k = -3; k < 15; k++) {
            long s = System.nanoTime();
            try (ModelServer server = ModelServer.load(dir)) {
                server.predict(record);
            }
            long t = System.nanoTime() - s;
            s = System.nanoTime();
            try (ModelServer server = ModelServer.newBuilder().artifact(dir).config(noWarmup).build()) {
                server.predict(record);
            }
            long c = System.nanoTime() - s;
            s = System.nanoTime();
            try (OrtSession session = env.createSession(Files.readAllBytes(dir.resolve(ModelArtifact.MODEL_FILE)),
                    new OrtSession.SessionOptions())) {
                Map<String, OnnxTensor> in = new HashMap<>();
                try {
                    for (int j = 0; j < ServeFixtures.INPUTS; j++) {
                        in.put(ServeFixtures.NAMES[j], OnnxTensor.createTensor(env,
                                FloatBuffer.wrap(new float[] {((Double) record.get(ServeFixtures.NAMES[j])).floatValue()}),
                                new long[] {1, 1}));
                    }
                    try (OrtSession.Result r = session.run(in)) {
                        ((OnnxTensor) r.get(1)).getFloatBuffer();
                    }
                } finally {
                    in.values().forEach(OnnxTensor::close);
                }
            }
            long rt = System.nanoTime() - s;
            if (k >= 0) {
                ours[k] = t;
                cold[k] = c;
                raw[k] = rt;
            }
        }
        Arrays.sort(ours);
        Arrays.sort(cold);
        Arrays.sort(raw);
        row("loadToFirstPrediction[warmupRuns=2]", "median (lower is better)", "ms", ours[7] / 1e6,
                "rawCreateSessionAndRun", raw[7] / 1e6);
        row("loadToFirstPrediction[warmupRuns=0]", "median (lower is better)", "ms", cold[7] / 1e6,
                "rawCreateSessionAndRun", raw[7] / 1e6);
        if (bytes.length == 0) {
            throw new IllegalStateException("empty model");
        }
    }
}
