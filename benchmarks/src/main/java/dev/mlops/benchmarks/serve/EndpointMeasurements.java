package dev.mlops.benchmarks.serve;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.endpoint.ModelEndpoint;
import inference.GRPCInferenceServiceGrpc;
import inference.OpenInferenceGrpc.ModelInferRequest;
import inference.OpenInferenceGrpc.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The network endpoint under bounded loopback load: throughput and p50/p99 of 1-row and 64-row requests by REST
 * JSON, REST binary and gRPC, each beside the same stack's trivial static response (the transport floor) and the
 * in-process predict (the model floor); and the JDK {@code HttpServer} against Jetty 12 on the same static answer
 * (docs/decisions/090). Prints summary rows; listed in {@code benchmarks/extra-mains.txt}.
 *
 * <p>Every loop is bounded: {@code CALLERS} threads, each a fixed number of requests, to 127.0.0.1 only.
 */
public final class EndpointMeasurements {
    private static final int CALLERS = 8;
    private static final byte[] STATIC = "{\"model_name\":\"m\",\"outputs\":[]}".getBytes(StandardCharsets.UTF_8);

    private EndpointMeasurements() {
    }

    /** A call that returns whether it succeeded. */
    private interface Call {
        boolean run() throws Exception;
    }

    /** p50 us, p99 us, requests/s, failures. */
    private static double[] load(int each, Call call) throws InterruptedException {
        long[] latencies = new long[CALLERS * each];
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] ts = new Thread[CALLERS];
        for (int t = 0; t < CALLERS; t++) {
            int base = t * each;
            ts[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        long s = System.nanoTime();
                        if (!call.run()) {
                            failures.incrementAndGet();
                        }
                        latencies[base + i] = System.nanoTime() - s;
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            });
            ts[t].start();
        }
        long begin = System.nanoTime();
        start.countDown();
        for (Thread t : ts) {
            t.join(TimeUnit.MINUTES.toMillis(5));
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Arrays.sort(latencies);
        return new double[] {latencies[latencies.length / 2] / 1e3, latencies[(int) (latencies.length * 0.99)] / 1e3,
                latencies.length / seconds, failures.get()};
    }

    private static double[] measure(String name, int each, Call call) throws InterruptedException {
        load(Math.max(50, each / 4), call); // warm-up
        double[] r = load(each, call);
        if (r[3] > 0) {
            // A failed request is answered faster than a real one: its figures would flatter nothing but an error.
            throw new IllegalStateException(name + ": " + (long) r[3] + " of " + CALLERS * each + " requests failed; "
                    + "no figure is printed for it. Run one request by hand to see the answer.");
        }
        return r;
    }

    private static void row(String name, String metric, String unit, double value, String floorName, double floor) {
        System.out.println(String.join(",", "serve.EndpointMeasurements." + name, metric, unit, fmt(value),
                floorName.isEmpty() ? "" : "serve.EndpointMeasurements." + floorName, fmt(floor),
                fmt(value / floor)));
    }

    private static void rows(String name, double[] r, String floorName, double[] floor) {
        row(name, "thrpt (higher is better)", "req/s", r[2], floorName, floor[2]);
        row(name, "p50 (lower is better)", "us", r[0], floorName, floor[0]);
        row(name, "p99 (lower is better)", "us", r[1], floorName, floor[1]);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    public static void main(String[] args) throws Exception {
        int each = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        if (args.length > 1 && args[1].equals("batching")) {
            grpcBatching(each);
            System.exit(0);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).build();

        // the transport floors: each stack's trivial static answer to the same POST
        HttpServer jdk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        jdk.setExecutor(Executors.newFixedThreadPool(CALLERS));
        jdk.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, STATIC.length);
                out.write(STATIC);
            }
        });
        jdk.start();
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Content.Source.asByteBuffer(request); // read the body, as a real handler must
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(STATIC), callback);
                return true;
            }
        });
        jetty.start();
        Server grpcStatic = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase() {
                    private final ModelInferResponse answer = ModelInferResponse.newBuilder().setModelName("m")
                            .build();

                    @Override
                    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
                        out.onNext(answer);
                        out.onCompleted();
                    }
                }).build().start();

        try (ModelServer server = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).build();
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("mlp", server).build()) {
            URI infer = endpoint.httpUri().resolve("v2/models/mlp/infer");
            ManagedChannel channel = NettyChannelBuilder.forTarget(endpoint.grpcTarget()).usePlaintext().build();
            ManagedChannel staticChannel = NettyChannelBuilder.forTarget("127.0.0.1:" + grpcStatic.getPort())
                    .usePlaintext().build();
            GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc
                    .newBlockingStub(channel);
            GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub staticStub = GRPCInferenceServiceGrpc
                    .newBlockingStub(staticChannel);

            byte[] small = json(ServeFixtures.values(1, 1));
            URI jdkUri = URI.create("http://127.0.0.1:" + jdk.getAddress().getPort() + "/v2/models/mlp/infer");
            URI jettyUri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/v2/models/mlp/infer");
            double[] jdkFloor = measure("jdk", each, () -> post(client, jdkUri, small, false).statusCode() == 200);
            double[] jettyFloor = measure("jetty", each, () -> post(client, jettyUri, small, false).statusCode()
                    == 200);
            rows("jdkHttpServerStatic", jdkFloor, "jettyStatic", jettyFloor);
            double[] grpcFloor = measure("grpc", each, () -> staticStub.modelInfer(ModelInferRequest
                    .getDefaultInstance()).getModelName().equals("m"));

            for (int rowsPerRequest : new int[] {1, 64}) {
                float[][] values = ServeFixtures.values(rowsPerRequest, rowsPerRequest);
                List<Map<String, Object>> records = ServeFixtures.records(values);
                byte[] jsonBody = json(values);
                byte[] binaryBody = binary(values);
                int header = binaryHeader(values.length).length;
                ModelInferRequest grpcRequest = raw(values);
                int n = rowsPerRequest == 1 ? each : Math.max(200, each / 4);
                String p = "[rows=" + rowsPerRequest + "]";
                double[] inProcess = measure("inProcess", n, () -> server.predict(records).size() == records.size());
                double[] restJson = measure("restJson", n, () -> post(client, infer, jsonBody, false).statusCode()
                        == 200);
                double[] restBinary = measure("restBinary", n, () -> {
                    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(infer)
                            .header("Content-Type", "application/octet-stream")
                            .header("Inference-Header-Content-Length", Integer.toString(header))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(binaryBody)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    return r.statusCode() == 200;
                });
                double[] grpc = measure("grpc", n, () -> stub.modelInfer(grpcRequest).getRawOutputContentsCount()
                        == 2);
                rows("restJson" + p, restJson, "jettyStatic", jettyFloor);
                rows("restBinary" + p, restBinary, "jettyStatic", jettyFloor);
                rows("grpc" + p, grpc, "grpcStatic", grpcFloor);
                for (String[] pair : new String[][] {{"restJson", "0"}, {"restBinary", "1"}, {"grpc", "2"}}) {
                    double[] r = pair[1].equals("0") ? restJson : pair[1].equals("1") ? restBinary : grpc;
                    row(pair[0] + p + "[vsInProcess]", "thrpt (higher is better)", "req/s", r[2],
                            "inProcess" + p, inProcess[2]);
                }
            }
            channel.shutdownNow();
            staticChannel.shutdownNow();
        } finally {
            grpcStatic.shutdownNow();
            jetty.stop();
            jdk.stop(0);
        }
        System.exit(0); // the HttpClient's selector thread is not a daemon
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    /**
     * gRPC with {@code IN_FLIGHT} requests under way from an asynchronous client (each sends the next when its
     * answer arrives), over a server with batching on against one with it off: requests per second, requests per
     * process CPU-second (the client's share is the same in both), p50 and p99. Best of 3 in turn. Run it alone with
     * the arguments {@code <requests per run> batching}.
     */
    private static void grpcBatching(int each) throws Exception {
        int total = Math.max(each, 1000) * 8;
        ModelInferRequest request = raw(ServeFixtures.values(1, 1));
        dev.mlops.serve.ServerConfig on = dev.mlops.serve.ServerConfig.newBuilder().threads(1, 1)
                .batching(32, Duration.ZERO).build();
        dev.mlops.serve.ServerConfig off = dev.mlops.serve.ServerConfig.newBuilder().threads(1, 1).build();
        try (ModelServer batched = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(on).build();
             ModelServer unbatched = ModelServer.newBuilder().artifact(ServeFixtures.artifact()).config(off).build();
             ModelEndpoint a = ModelEndpoint.newBuilder().model("mlp", batched).build();
             ModelEndpoint b = ModelEndpoint.newBuilder().model("mlp", unbatched).build()) {
            ManagedChannel[] channels = {NettyChannelBuilder.forTarget(a.grpcTarget()).usePlaintext().build(),
                    NettyChannelBuilder.forTarget(b.grpcTarget()).usePlaintext().build()};
            double[][] best = new double[2][];
            for (int run = 0; run < 4; run++) {
                for (int m = 0; m < 2; m++) {
                    double[] r = inFlight(GRPCInferenceServiceGrpc.newStub(channels[m]), request, IN_FLIGHT, total);
                    if (run == 0) {
                        continue; // warm-up
                    }
                    if (best[m] == null) {
                        best[m] = r;
                    } else {
                        best[m] = new double[] {Math.min(best[m][0], r[0]), Math.min(best[m][1], r[1]),
                                Math.max(best[m][2], r[2]), Math.max(best[m][3], r[3])};
                    }
                }
            }
            String n = "grpcInFlight" + IN_FLIGHT + "[batching=on]";
            String f = "grpcInFlight" + IN_FLIGHT + "[batching=off]";
            row(n, "thrpt (higher is better)", "req/s", best[0][2], f, best[1][2]);
            row(n, "cpu thrpt (higher is better)", "req/cpu-s", best[0][3], f, best[1][3]);
            row(n, "p50 (lower is better)", "us", best[0][0], f, best[1][0]);
            row(n, "p99 (lower is better)", "us", best[0][1], f, best[1][1]);
            for (ManagedChannel c : channels) {
                c.shutdownNow();
            }
        }
    }

    private static final int IN_FLIGHT = 32;

    /** p50 us, p99 us, requests/s, requests per process CPU-second. */
    private static double[] inFlight(GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub, ModelInferRequest request,
                                     int inFlight, int total) throws InterruptedException {
        long[] latencies = new long[total];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(inFlight);
        long cpu0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int c = 0; c < inFlight; c++) {
            send(stub, request, next, latencies, failures, done);
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the in-flight requests did not finish");
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
        if (failures.get() > 0) {
            System.err.println("grpcInFlight: " + failures.get() + " failed requests");
        }
        Arrays.sort(latencies);
        return new double[] {latencies[total / 2] / 1e3, latencies[(int) (total * 0.99)] / 1e3, total / wall,
                total / cpu};
    }

    private static void send(GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub, ModelInferRequest request,
                             java.util.concurrent.atomic.AtomicInteger next, long[] latencies, AtomicLong failures,
                             CountDownLatch done) {
        int k = next.getAndIncrement();
        if (k >= latencies.length) {
            done.countDown();
            return;
        }
        long start = System.nanoTime();
        stub.modelInfer(request, new StreamObserver<>() {
            @Override
            public void onNext(ModelInferResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                failures.incrementAndGet();
                onCompleted();
            }

            @Override
            public void onCompleted() {
                latencies[k] = System.nanoTime() - start;
                send(stub, request, next, latencies, failures, done);
            }
        });
    }

    private static HttpResponse<byte[]> post(HttpClient client, URI uri, byte[] body, boolean binary)
            throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", binary ? "application/octet-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] json(float[][] values) {
        StringBuilder b = new StringBuilder("{\"inputs\":[");
        for (int j = 0; j < ServeFixtures.INPUTS; j++) {
            b.append(j == 0 ? "" : ",").append("{\"name\":\"").append(ServeFixtures.NAMES[j])
                    .append("\",\"datatype\":\"FP32\",\"shape\":[").append(values.length).append(",1],\"data\":[");
            for (int r = 0; r < values.length; r++) {
                b.append(r == 0 ? "" : ",").append(values[r][j]);
            }
            b.append("]}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] binaryHeader(int rows) {
        StringBuilder b = new StringBuilder("{\"inputs\":[");
        for (int j = 0; j < ServeFixtures.INPUTS; j++) {
            b.append(j == 0 ? "" : ",").append("{\"name\":\"").append(ServeFixtures.NAMES[j])
                    .append("\",\"datatype\":\"FP32\",\"shape\":[").append(rows)
                    .append(",1],\"parameters\":{\"binary_data_size\":").append(rows * 4).append("}}");
        }
        return b.append("],\"parameters\":{\"binary_data_output\":true}}").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] binary(float[][] values) {
        byte[] head = binaryHeader(values.length);
        ByteBuffer b = ByteBuffer.allocate(head.length + values.length * ServeFixtures.INPUTS * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(head);
        for (int j = 0; j < ServeFixtures.INPUTS; j++) {
            for (float[] row : values) {
                b.putFloat(row[j]);
            }
        }
        return b.array();
    }

    private static ModelInferRequest raw(float[][] values) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName("mlp");
        for (int j = 0; j < ServeFixtures.INPUTS; j++) {
            b.addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(ServeFixtures.NAMES[j])
                    .setDatatype("FP32").addShape(values.length).addShape(1));
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : values) {
                buf.putFloat(row[j]);
            }
            b.addRawInputContents(ByteString.copyFrom(buf.array()));
        }
        return b.build();
    }

}
