package dev.mlops.serve.endpoint.internal;

import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.Prediction;
import dev.mlops.serve.PredictionException;
import dev.mlops.serve.ServerInfo;
import dev.mlops.serve.endpoint.EndpointConfig;
import dev.mlops.serve.endpoint.internal.EndpointException.Kind;
import dev.mlops.serve.endpoint.internal.InferRequest.RequestedOutput;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The transport-neutral Open Inference Protocol handler over one {@link ModelServer} per model name: health,
 * metadata and inference. The REST servlet and the gRPC service only decode into {@link InferRequest} and encode
 * what comes back, so every transport gives the same outputs.
 *
 * <p>Thread-safe. It admits at most {@code maxConcurrentRequests} inferences at once and refuses the rest at once
 * ({@link Kind#OVERLOADED}); once {@link #beginClose()} is called it refuses new ones ({@link Kind#UNAVAILABLE}) and
 * {@link #awaitIdle} waits for those in flight. It does not own the model servers.
 */
public final class V2Handler implements AutoCloseable {
    /** The platform name of ONNX models in model metadata (as Triton and KServe name it). */
    public static final String PLATFORM = "onnx_onnxv1";
    /** The protocol extensions served. */
    public static final List<String> EXTENSIONS = List.of("binary_tensor_data");
    private static final String VERSION = java.util.Optional.ofNullable(
            V2Handler.class.getPackage().getImplementationVersion()).orElse("0.1.0-SNAPSHOT");

    private final Map<String, ModelServer> models;
    private final EndpointConfig config;
    private final Semaphore permits;
    private final EndpointMetrics metrics;
    private final Object idle = new Object();
    private int inFlight;
    private volatile boolean closing;
    private volatile ExecutorService timed;

    /** A handler over model servers by name (kept in the given order). */
    public V2Handler(Map<String, ModelServer> models, EndpointConfig config, EndpointMetrics metrics) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("An endpoint needs at least one model; add one with model(name, "
                    + "server)");
        }
        this.models = new LinkedHashMap<>(models);
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.permits = new Semaphore(config.maxConcurrentRequests());
    }

    /** The settings. */
    public EndpointConfig config() {
        return config;
    }

    /** The meters. */
    public EndpointMetrics metrics() {
        return metrics;
    }

    /** Whether the endpoint answers at all (true until it is closed). */
    public boolean live() {
        return true;
    }

    /** Whether it takes inference requests: false once closing. */
    public boolean ready() {
        return !closing;
    }

    /**
     * Whether a model (and version, when given) is ready.
     *
     * @throws EndpointException NOT_FOUND for an unknown model or version
     */
    public boolean modelReady(String model, String version) {
        served(model, version);
        return !closing;
    }

    /** The server metadata. */
    public ServerMetadata serverMetadata() {
        return new ServerMetadata("mlops-java", VERSION, EXTENSIONS);
    }

    /**
     * The metadata of a model: platform, versions, and its signature as tensor metadata.
     *
     * @throws EndpointException NOT_FOUND for an unknown model or version
     */
    public ModelMetadata modelMetadata(String model, String version) {
        ServerInfo info = served(model, version).info();
        ModelSignature sig = info.signature();
        return new ModelMetadata(model, List.of(Integer.toString(info.version())), PLATFORM, meta(sig.inputs()),
                meta(sig.outputs()));
    }

    private static List<TensorMetadata> meta(List<TensorSpec> specs) {
        return specs.stream().map(s -> new TensorMetadata(s.name(), DataType.of(s.type()).name(),
                s.shape().stream().mapToLong(Long::longValue).toArray())).toList();
    }

    /** The model names served, in order. */
    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }

    private ModelServer served(String model, String version) {
        ModelServer server = models.get(model);
        if (server == null) {
            throw new EndpointException(Kind.NOT_FOUND, "no model '" + model + "' here; this endpoint serves "
                    + models.keySet());
        }
        if (version != null && !version.isEmpty()) {
            int now = server.info().version();
            if (!version.equals(Integer.toString(now))) {
                throw new EndpointException(Kind.NOT_FOUND, "model '" + model + "' has no version '" + version
                        + "' being served; it serves version " + now + " (leave the version out for the current one)");
            }
        }
        return server;
    }

    /**
     * Runs an inference request: checks it against the model's signature, predicts, and gives the outputs asked for.
     * Blocks until the answer is there; {@link #inferAsync} does not.
     *
     * @param deadlineMicros the transport's own deadline ({@code 0}: none), e.g. a gRPC deadline
     * @throws EndpointException for every refusal; the message names the model, the request id and what was wrong
     */
    public InferResponse infer(String model, String version, InferRequest request, long deadlineMicros) {
        try {
            return inferAsync(model, version, request, deadlineMicros).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof EndpointException ee) {
                throw new EndpointException(ee.kind(), ee.getMessage(), ee.getCause());
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /**
     * {@link #infer} without blocking: the request is checked on this thread and the future completes when its
     * prediction has run (on the model server's batching thread when it was batched), so a transport that answers
     * asynchronously (gRPC) holds no thread per request in flight.
     *
     * @return a future of the response, failed with an {@link EndpointException} for every refusal
     */
    public CompletableFuture<InferResponse> inferAsync(String model, String version, InferRequest request,
                                                       long deadlineMicros) {
        long start = System.nanoTime();
        String tag = models.containsKey(model) ? model : "unknown"; // no meter per name a client makes up
        String where = "model '" + model + "'" + (request.id().isEmpty() ? "" : ", request '" + request.id() + "'")
                + ": ";
        if (closing) {
            return CompletableFuture.failedFuture(failed(tag, where, new EndpointException(Kind.UNAVAILABLE,
                    "the endpoint is closing; retry on another replica")));
        }
        if (!permits.tryAcquire()) {
            return CompletableFuture.failedFuture(failed(tag, where, new EndpointException(Kind.OVERLOADED,
                    "the endpoint already runs " + config.maxConcurrentRequests() + " requests; retry shortly")));
        }
        enter();
        Prepared p;
        CompletableFuture<List<Prediction>> predictions;
        try {
            ModelServer server = served(model, version);
            p = prepare(server.info().signature(), request);
            long timeoutMicros = timeout(request.timeoutMicros(), deadlineMicros);
            predictions = timeoutMicros > 0 ? predictWithin(server, request.id(), p.records, timeoutMicros)
                    : predict(server, request.id(), p.records).whenComplete((r, e) -> permits.release());
        } catch (RuntimeException e) {
            permits.release();
            leave();
            return CompletableFuture.failedFuture(failed(tag, where, e));
        }
        return predictions.handle((list, error) -> {
            try {
                if (error != null) {
                    throw failed(tag, where, answered(error));
                }
                InferResponse response = respond(model, list, p, request);
                metrics.success(model, p.rows, System.nanoTime() - start);
                return response;
            } finally {
                leave();
            }
        });
    }

    /** A refusal, counted, with the model and request named in its message; other exceptions as they are. */
    private RuntimeException failed(String tag, String where, RuntimeException e) {
        if (e instanceof EndpointException ee) {
            metrics.failure(tag, ee.kind());
            return new EndpointException(ee.kind(), where + ee.getMessage(), ee.getCause());
        }
        return e;
    }

    /** What a prediction failed with, as the endpoint answers it. */
    private static RuntimeException answered(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof PredictionException pe) {
            return new EndpointException(kindOf(pe.reason()), pe.getMessage(), pe);
        }
        if (e instanceof RuntimeException re) {
            return re;
        }
        return new EndpointException(Kind.INTERNAL, "the model failed: " + e, e);
    }

    private long timeout(long requestMicros, long deadlineMicros) {
        long t = config.requestTimeoutMillis() * 1000;
        for (long other : new long[] {requestMicros, deadlineMicros}) {
            if (other > 0 && (t == 0 || other < t)) {
                t = other;
            }
        }
        return t;
    }

    /**
     * Predicts within a timeout. The prediction starts on a thread of its own, since a server without batching (or
     * with an idle batcher) runs it on the thread that asks; the permit follows the prediction, so work stays
     * bounded after a timeout, and the caller's future fails with {@code TIMEOUT} when the time is up.
     */
    private CompletableFuture<List<Prediction>> predictWithin(ModelServer server, String id,
                                                              List<Map<String, Object>> records, long micros) {
        CompletableFuture<List<Prediction>> running = CompletableFuture
                .supplyAsync(() -> predict(server, id, records), timedExecutor()).thenCompose(f -> f);
        running.whenComplete((r, e) -> permits.release());
        return running.copy().orTimeout(micros, TimeUnit.MICROSECONDS).exceptionally(e -> {
            if (e instanceof TimeoutException) {
                throw new EndpointException(Kind.TIMEOUT, "the request did not finish within its timeout of "
                        + micros / 1000.0 + " ms; send fewer rows or allow more time");
            }
            throw e instanceof RuntimeException re ? re : new CompletionException(e);
        });
    }

    private ExecutorService timedExecutor() {
        ExecutorService e = timed;
        if (e == null) {
            synchronized (this) {
                if (timed == null) {
                    timed = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "mlops-endpoint-timed");
                        t.setDaemon(true);
                        return t;
                    });
                }
                e = timed;
            }
        }
        return e;
    }

    /** The request's id goes to the server, so the prediction event (and a monitor joining labels) carries it. */
    private static CompletableFuture<List<Prediction>> predict(ModelServer server, String id,
                                                               List<Map<String, Object>> records) {
        return server.predictAsync(id.isBlank() ? null : id, records);
    }

    static Kind kindOf(PredictionException.Reason reason) {
        return switch (reason) {
            case QUEUE_FULL -> Kind.OVERLOADED;
            case TIMEOUT -> Kind.TIMEOUT;
            case CLOSED -> Kind.UNAVAILABLE;
            case RUNTIME_ERROR -> Kind.INTERNAL;
            default -> Kind.BAD_REQUEST;
        };
    }

    // ---- requests to records ---------------------------------------------------------------------------------

    private record Prepared(int rows, List<Map<String, Object>> records, List<TensorSpec> outputs,
                            List<Boolean> binary) {
    }

    private Prepared prepare(ModelSignature sig, InferRequest request) {
        if (request.inputs().isEmpty()) {
            throw EndpointException.badRequest("the request has no inputs; the model takes " + names(sig.inputs()));
        }
        Map<String, Tensor> byName = new HashMap<>();
        for (Tensor t : request.inputs()) {
            if (byName.put(t.name(), t) != null) {
                throw EndpointException.badRequest("input '" + t.name() + "' is given twice; send each input once");
            }
            if (sig.input(t.name()).isEmpty()) {
                throw EndpointException.badRequest("the model has no input '" + t.name() + "'; its inputs are "
                        + names(sig.inputs()));
            }
        }
        int rows = -1;
        String rowsFrom = null;
        List<TensorSpec> specs = sig.inputs();
        Object[] columns = new Object[specs.size()];
        int[] widths = new int[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec spec = specs.get(i);
            Tensor t = byName.get(spec.name());
            if (t == null) {
                throw EndpointException.badRequest("the request lacks input '" + spec.name() + "' ("
                        + DataType.of(spec.type()) + ", shape " + spec.shape() + "); it has " + byName.keySet());
            }
            DataType expected = DataType.of(spec.type());
            // FP32 data for an FP64 input widens exactly: clients written when numeric inputs were FP32 keep working.
            boolean widened = expected == DataType.FP64 && t.datatype() == DataType.FP32;
            if (t.datatype() != expected && !widened) {
                throw EndpointException.badRequest("input '" + spec.name() + "' has datatype " + t.datatype()
                        + " but the model takes " + expected);
            }
            widths[i] = Math.max(1, (int) spec.valuesPerRow());
            int n = rowsOf(t, spec, widths[i]);
            if (rows >= 0 && n != rows) {
                throw EndpointException.badRequest("input '" + spec.name() + "' has " + n + " rows but input '"
                        + rowsFrom + "' has " + rows + "; every input needs the same first dimension");
            }
            rows = n;
            rowsFrom = spec.name();
            columns[i] = t.datatype() == DataType.BYTES ? strings(t) : widened ? widen((float[]) t.data()) : t.data();
        }
        List<Map<String, Object>> records = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> record = new HashMap<>(specs.size() * 2);
            for (int i = 0; i < specs.size(); i++) {
                int w = widths[i];
                record.put(specs.get(i).name(), w == 1 ? Array.get(columns[i], r) : slice(columns[i], r * w, w));
            }
            records.add(record);
        }
        List<TensorSpec> outputs = new ArrayList<>();
        List<Boolean> binary = new ArrayList<>();
        if (request.outputs().isEmpty()) {
            for (TensorSpec o : sig.outputs()) {
                outputs.add(o);
                binary.add(request.binaryOutputs());
            }
        } else {
            Set<String> seen = new HashSet<>();
            for (RequestedOutput o : request.outputs()) {
                TensorSpec spec = sig.output(o.name()).orElseThrow(() -> EndpointException.badRequest(
                        "the model has no output '" + o.name() + "'; its outputs are " + names(sig.outputs())));
                if (!seen.add(o.name())) {
                    throw EndpointException.badRequest("output '" + o.name() + "' is asked for twice");
                }
                outputs.add(spec);
                binary.add(o.binary() != null ? o.binary() : request.binaryOutputs());
            }
        }
        return new Prepared(rows, records, outputs, binary);
    }

    private int rowsOf(Tensor t, TensorSpec spec, int width) {
        long[] shape = t.shape();
        long elements = Tensor.elements(t.name(), shape, config.maxTensorElements());
        if (shape.length == 0 || shape[0] < 1) {
            throw EndpointException.badRequest("input '" + t.name() + "' has shape " + Arrays.toString(shape)
                    + "; its first dimension is the number of rows and must be at least 1");
        }
        boolean fits = shape.length == 1 ? width == 1 : elements / shape[0] == width;
        if (fits && shape.length > 1 && shape.length == spec.shape().size()) {
            for (int d = 1; d < shape.length; d++) {
                fits &= spec.shape().get(d) < 0 || spec.shape().get(d) == shape[d];
            }
        }
        if (!fits) {
            throw EndpointException.badRequest("input '" + t.name() + "' has shape " + Arrays.toString(shape)
                    + " but the model takes shape " + spec.shape() + " (rows first, " + width
                    + " value(s) per row)");
        }
        if (t.size() != elements) {
            throw EndpointException.badRequest("input '" + t.name() + "' has shape " + Arrays.toString(shape)
                    + ", so " + elements + " elements, but its data holds " + t.size());
        }
        return (int) shape[0];
    }

    private static String[] strings(Tensor t) {
        byte[][] raw = (byte[][]) t.data();
        String[] out = new String[raw.length];
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int k = 0; k < raw.length; k++) {
            try {
                out[k] = decoder.decode(ByteBuffer.wrap(raw[k])).toString();
            } catch (CharacterCodingException e) {
                throw EndpointException.badRequest("input '" + t.name() + "' element " + k
                        + " is not valid UTF-8; BYTES inputs of this model are text");
            }
        }
        return out;
    }

    private static Object slice(Object array, int from, int n) {
        Object out = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, from, out, 0, n);
        return out;
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(s -> s.name() + " (" + DataType.of(s.type()) + " " + s.shape() + ")").toList();
    }

    // ---- predictions to tensors ------------------------------------------------------------------------------

    private static InferResponse respond(String model, List<Prediction> predictions, Prepared p,
                                         InferRequest request) {
        int rows = predictions.size();
        List<Tensor> out = new ArrayList<>(p.outputs.size());
        for (TensorSpec spec : p.outputs) {
            Object first = predictions.get(0).outputs().get(spec.name());
            int w = first.getClass().isArray() ? Array.getLength(first) : 1;
            DataType type = DataType.of(spec.type());
            Object data = switch (type) {
                case FP32 -> new float[rows * w];
                case FP64 -> new double[rows * w];
                case INT32 -> new int[rows * w];
                case INT64 -> new long[rows * w];
                case BOOL -> new boolean[rows * w];
                default -> new byte[rows * w][];
            };
            for (int r = 0; r < rows; r++) {
                Object v = predictions.get(r).outputs().get(spec.name());
                for (int k = 0; k < w; k++) {
                    Object e = w == 1 && !v.getClass().isArray() ? v : Array.get(v, k);
                    put(data, r * w + k, e);
                }
            }
            out.add(new Tensor(spec.name(), type, outputShape(spec, rows, w), data));
        }
        String version = Integer.toString(predictions.get(0).version());
        return new InferResponse(model, version, request.id(), out, p.binary);
    }

    private static void put(Object data, int index, Object v) {
        if (data instanceof float[] f) {
            f[index] = ((Number) v).floatValue(); // the server widened the model's float: narrowing is exact
        } else if (data instanceof double[] d) {
            d[index] = ((Number) v).doubleValue();
        } else if (data instanceof int[] a) {
            a[index] = ((Number) v).intValue();
        } else if (data instanceof long[] a) {
            a[index] = ((Number) v).longValue();
        } else if (data instanceof boolean[] b) {
            b[index] = (Boolean) v;
        } else {
            ((byte[][]) data)[index] = String.valueOf(v).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static long[] outputShape(TensorSpec spec, int rows, int w) {
        long[] dims = spec.shapeFor(rows);
        long product = 1;
        for (int d = 1; d < dims.length; d++) {
            product *= dims[d];
        }
        if (product != w) {
            return w == 1 && dims.length == 1 ? dims : new long[] {rows, w};
        }
        return dims;
    }

    // ---- closing ---------------------------------------------------------------------------------------------

    private void enter() {
        synchronized (idle) {
            inFlight++;
        }
        metrics.started();
    }

    private void leave() {
        metrics.finished();
        synchronized (idle) {
            if (--inFlight == 0) {
                idle.notifyAll();
            }
        }
    }

    /** Refuses new inference requests from now on; those in flight go on. */
    public void beginClose() {
        closing = true;
    }

    /** Waits until no request is in flight or the time is up; returns whether it became idle. */
    public boolean awaitIdle(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (idle) {
            while (inFlight > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Stops the timeout threads and the meters' event listeners; the model servers stay open (their owner's). */
    @Override
    public void close() {
        beginClose();
        metrics.close();
        ExecutorService e = timed;
        if (e != null) {
            e.shutdownNow();
        }
    }

    /**
     * Server metadata.
     *
     * @param name the server name
     * @param version the SDK version
     * @param extensions the protocol extensions served
     */
    public record ServerMetadata(String name, String version, List<String> extensions) {
    }

    /**
     * Model metadata.
     *
     * @param name the model name
     * @param versions the versions served
     * @param platform {@link #PLATFORM}
     * @param inputs the inputs of the signature
     * @param outputs the outputs of the signature
     */
    public record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                                List<TensorMetadata> outputs) {
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * One tensor of model metadata.
     *
     * @param name the tensor name
     * @param datatype the protocol datatype
     * @param shape the dimensions, {@code -1} where free
     */
    public record TensorMetadata(String name, String datatype, long[] shape) {
    }
}
