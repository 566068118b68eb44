package dev.mlops.serve;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.mlops.api.ModelLoadException;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.PredictionException.Reason;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for one model version, shared by every thread, with a reference count: the model cache,
 * the "serving now" slot and each call in flight hold a reference, and the session closes when the last is
 * released. That is what lets a hot reload swap versions without failing or blocking a call.
 */
final class LoadedModel {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);
    /** One environment per JVM (ONNX Runtime's own singleton); never closed. */
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final ThreadLocal<InputBatch.Scratch> SCRATCH = ThreadLocal.withInitial(InputBatch.Scratch::new);
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /** Native objects opened and not yet closed, for leak tests: tensors, results, sessions. */
    static final AtomicLong OPEN_TENSORS = new AtomicLong();
    static final AtomicLong OPEN_RESULTS = new AtomicLong();
    static final AtomicLong OPEN_SESSIONS = new AtomicLong();

    final String model;
    final int version;
    final String source;
    final ModelSignature signature;
    final ExecutionProvider provider;
    private final OrtSession session;
    private final AtomicInteger refs = new AtomicInteger(1);
    /**
     * Whether ONNX Runtime writes the outputs into this thread's direct buffers (pinned outputs), read once into the
     * output arrays, instead of allocating them itself (which the Java API then copies twice: into a heap buffer and
     * out of it). Only where every output is numeric with a fixed shape but for its batch dimension; turned off for
     * good if the graph refuses it.
     */
    private volatile boolean pinOutputs;

    private LoadedModel(String model, int version, String source, ModelSignature signature, OrtSession session,
                        ExecutionProvider provider) {
        this.model = model;
        this.version = version;
        this.source = source;
        this.signature = signature;
        this.session = session;
        this.provider = provider;
        this.pinOutputs = signature.outputs().stream().allMatch(LoadedModel::pinnable);
    }

    /** A numeric output of shape {@code [-1, d1, ...]} with every {@code d} known: its size follows from the rows. */
    private static boolean pinnable(TensorSpec spec) {
        boolean numeric = switch (spec.type()) {
            case FLOAT, DOUBLE, INT64, INT32 -> true;
            default -> false;
        };
        if (!numeric || spec.shape().isEmpty() || spec.shape().get(0) != -1) {
            return false;
        }
        return spec.shape().stream().skip(1).allMatch(d -> d > 0);
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mlops-serve-timeouts");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /**
     * Creates the session, checks the signature against the graph, and warms it up. The returned model holds one
     * reference, owned by the caller.
     */
    static LoadedModel load(ModelArtifact artifact, String model, int version, String source, ServerConfig config) {
        long start = System.nanoTime();
        boolean cudaAvailable = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        ExecutionProvider chosen = switch (config.provider()) {
            case CPU -> ExecutionProvider.CPU;
            case CUDA -> {
                if (!cudaAvailable) {
                    throw new ModelLoadException("The CUDA execution provider was asked for but this ONNX Runtime "
                            + "build has none (available: " + OrtEnvironment.getAvailableProviders() + "). Put "
                            + "com.microsoft.onnxruntime:onnxruntime_gpu on the class path instead of onnxruntime, "
                            + "or use ExecutionProvider.AUTO or CPU.");
                }
                yield ExecutionProvider.CUDA;
            }
            case AUTO -> cudaAvailable ? ExecutionProvider.CUDA : ExecutionProvider.CPU;
        };
        OrtSession session;
        try {
            session = createSession(artifact, config, chosen);
        } catch (OrtException e) {
            if (chosen == ExecutionProvider.CUDA && config.provider() == ExecutionProvider.AUTO) {
                LOG.info("CUDA provider found but unusable ({}); falling back to CPU for {}", e.getMessage(), source);
                chosen = ExecutionProvider.CPU;
                try {
                    session = createSession(artifact, config, chosen);
                } catch (OrtException e2) {
                    throw loadFailure(source, e2);
                }
            } else {
                throw loadFailure(source, e);
            }
        }
        OPEN_SESSIONS.incrementAndGet();
        LoadedModel loaded = new LoadedModel(model, version, source, artifact.signature(), session, chosen);
        try {
            loaded.checkSignature();
            warmUp(loaded, source, artifact.signature(), config.warmupRuns());
        } catch (RuntimeException e) {
            loaded.release();
            if (e instanceof ModelLoadException) {
                throw e;
            }
            throw new ModelLoadException("Model " + source + " loaded but failed its warm-up run: " + e.getMessage()
                    + ". Check that the graph runs in ONNX Runtime " + ENV.getVersion() + ".", e);
        }
        LOG.info("Loaded {} (version {}) on {} in {} ms", source, version, chosen,
                (System.nanoTime() - start) / 1_000_000);
        return loaded;
    }

    /**
     * Runs a synthetic row (zeros, empty strings). A graph whose string input is not nullable may refuse the empty
     * string (a strict one-hot encoder knows only its categories), so there a refused row skips the warm-up rather
     * than failing the load; any other failure fails it.
     */
    private static void warmUp(LoadedModel loaded, String source, ModelSignature signature, int runs) {
        InputBatch warm = InputBatch.synthetic(signature);
        for (int i = 0; i < runs; i++) {
            try {
                loaded.run(warm, 0);
            } catch (PredictionException e) {
                boolean strictStrings = signature.inputs().stream()
                        .anyMatch(t -> t.type() == ElementType.STRING && !t.nullable());
                if (!strictStrings || e.reason() != Reason.RUNTIME_ERROR) {
                    throw e;
                }
                LOG.warn("Skipped the warm-up of {}: its graph refuses the synthetic row of empty strings ({}); a "
                        + "string input that is not nullable takes only the values it knows", source, e.getMessage());
                return;
            }
        }
    }

    private static OrtSession createSession(ModelArtifact artifact, ServerConfig config, ExecutionProvider provider)
            throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (config.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(config.intraOpThreads());
            }
            if (config.interOpThreads() > 0) {
                options.setInterOpNumThreads(config.interOpThreads());
            }
            if (provider == ExecutionProvider.CUDA) {
                options.addCUDA(0);
            }
            return ENV.createSession(artifact.modelBytes(), options);
        }
    }

    private static ModelLoadException loadFailure(String source, OrtException e) {
        return new ModelLoadException("ONNX Runtime " + ENV.getVersion() + " cannot load the graph of " + source
                + ": " + e.getMessage() + ". Check the file with onnx.checker.check_model.", e);
    }

    /** Every signature input is a graph input of the same type and shape, and every signature output exists. */
    private void checkSignature() {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            for (TensorSpec spec : signature.inputs()) {
                check("input", spec, inputs.get(spec.name()), inputs.keySet().toString());
            }
            for (String name : inputs.keySet()) {
                if (signature.input(name).isEmpty()) {
                    throw new ModelLoadException("The graph of " + source + " has input '" + name + "' that its "
                            + "signature does not declare; the signature is out of date. Re-package the model.");
                }
            }
            for (TensorSpec spec : signature.outputs()) {
                check("output", spec, outputs.get(spec.name()), outputs.keySet().toString());
            }
        } catch (OrtException e) {
            throw new ModelLoadException("Cannot read the inputs and outputs of " + source + ": " + e.getMessage(), e);
        }
    }

    private void check(String kind, TensorSpec spec, NodeInfo node, String known) {
        if (node == null) {
            throw new ModelLoadException("The signature of " + source + " declares " + kind + " '" + spec.name()
                    + "' but the graph has none; the graph's " + kind + "s are " + known + ". Re-package the model.");
        }
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw new ModelLoadException("The graph " + kind + " '" + spec.name() + "' of " + source + " is "
                    + node.getInfo() + ", not a tensor; only tensor inputs and outputs are served.");
        }
        ElementType graphType = elementType(info.type);
        if (graphType != spec.type()) {
            throw new ModelLoadException("The signature of " + source + " says " + kind + " '" + spec.name()
                    + "' is " + spec.type() + " but the graph has " + info.type + ". Re-package the model.");
        }
        long[] dims = info.getShape();
        if (kind.equals("input")) {
            boolean ok = dims.length == spec.shape().size();
            for (int d = 1; ok && d < dims.length; d++) {
                ok = dims[d] < 0 || spec.shape().get(d) < 0 || dims[d] == spec.shape().get(d);
            }
            if (!ok) {
                throw new ModelLoadException("The signature of " + source + " says input '" + spec.name()
                        + "' has shape " + spec.shape() + " but the graph has " + java.util.Arrays.toString(dims)
                        + ". Re-package the model.");
            }
        }
    }

    private static ElementType elementType(OnnxJavaType t) {
        return switch (t) {
            case FLOAT -> ElementType.FLOAT;
            case DOUBLE -> ElementType.DOUBLE;
            case INT64 -> ElementType.INT64;
            case INT32 -> ElementType.INT32;
            case STRING -> ElementType.STRING;
            case BOOL -> ElementType.BOOL;
            default -> null;
        };
    }

    /** Takes a reference; false when the session is already closed (it was swapped out: read the slot again). */
    boolean retain() {
        for (int c = refs.get(); c > 0; c = refs.get()) {
            if (refs.compareAndSet(c, c + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Drops a reference; the last one closes the session. */
    void release() {
        if (refs.decrementAndGet() == 0) {
            try {
                session.close();
                OPEN_SESSIONS.decrementAndGet();
                LOG.debug("Closed session of {}", source);
            } catch (OrtException e) {
                LOG.warn("Closing the session of {} failed: {}", source, e.toString());
            }
        }
    }

    int references() {
        return refs.get();
    }

    /**
     * Runs one batch. A deadline ({@code System.nanoTime()} units, 0 for none) arms a watchdog that stops the run
     * through {@code RunOptions.setTerminate}. Every tensor and the result are closed before this returns.
     */
    OutputBatch run(InputBatch input, long deadlineNanos) {
        Terminator terminator = null;
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        Map<String, OnnxTensor> pinned = pinOutputs ? new LinkedHashMap<>() : null;
        try {
            if (deadlineNanos != 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw timeout();
                }
                terminator = new Terminator(new OrtSession.RunOptions());
                terminator.arm(left);
            }
            InputBatch.Scratch scratch = SCRATCH.get();
            ByteBuffer[] outputs = null;
            try {
                input.createTensors(ENV, scratch, tensors);
                if (pinned != null) {
                    outputs = pinOutputTensors(scratch, input.rows(), pinned);
                }
            } finally {
                OPEN_TENSORS.addAndGet(tensors.size() + (pinned == null ? 0 : pinned.size()));
            }
            OrtSession.Result result;
            if (pinned != null) {
                result = terminator == null ? session.run(tensors, Set.of(), pinned)
                        : session.run(tensors, Set.of(), pinned, terminator.options);
            } else {
                result = terminator == null ? session.run(tensors) : session.run(tensors, terminator.options);
            }
            OPEN_RESULTS.incrementAndGet();
            try (result) {
                return outputs != null ? OutputBatch.read(signature, outputs, input.rows())
                        : OutputBatch.read(signature, result, input.rows());
            } finally {
                OPEN_RESULTS.decrementAndGet();
            }
        } catch (OrtException e) {
            if (terminator != null && terminator.fired) {
                throw timeout();
            }
            if (pinned != null) {
                // The graph's outputs are not the shape the signature promised for these rows: let ONNX Runtime
                // allocate them from now on, and run this batch again that way.
                pinOutputs = false;
                LOG.info("{}: ONNX Runtime refused outputs sized from the signature ({}); it allocates them from now "
                        + "on", source, e.getMessage());
                return run(input, deadlineNanos);
            }
            throw new PredictionException(Reason.RUNTIME_ERROR, null, "ONNX Runtime failed running " + source + ": "
                    + e.getMessage(), e);
        } finally {
            closeAll(tensors);
            if (pinned != null) {
                closeAll(pinned);
            }
            if (terminator != null) {
                terminator.close();
            }
        }
    }

    private static void closeAll(Map<String, OnnxTensor> tensors) {
        for (OnnxTensor t : tensors.values()) {
            t.close();
            OPEN_TENSORS.decrementAndGet();
        }
    }

    /** One tensor per output over this thread's direct buffers (after the inputs' slots), sized for the rows. */
    private ByteBuffer[] pinOutputTensors(InputBatch.Scratch scratch, int rows, Map<String, OnnxTensor> pinned)
            throws OrtException {
        int slot = signature.inputs().size();
        ByteBuffer[] buffers = new ByteBuffer[signature.outputs().size()];
        for (int k = 0; k < buffers.length; k++) {
            TensorSpec spec = signature.outputs().get(k);
            long[] shape = spec.shapeFor(rows);
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            int width = spec.type() == ElementType.FLOAT || spec.type() == ElementType.INT32 ? 4 : 8;
            ByteBuffer b = scratch.buffer(slot + k, Math.toIntExact(n * width));
            buffers[k] = b;
            OnnxTensor t = switch (spec.type()) {
                case FLOAT -> OnnxTensor.createTensor(ENV, b.asFloatBuffer(), shape);
                case DOUBLE -> OnnxTensor.createTensor(ENV, b.asDoubleBuffer(), shape);
                case INT64 -> OnnxTensor.createTensor(ENV, b.asLongBuffer(), shape);
                case INT32 -> OnnxTensor.createTensor(ENV, b.asIntBuffer(), shape);
                default -> throw new IllegalStateException("not pinnable: " + spec);
            };
            pinned.put(spec.name(), t);
        }
        return buffers;
    }

    private PredictionException timeout() {
        return new PredictionException(Reason.TIMEOUT, null, "the request to " + source + " did not finish within "
                + "its timeout and was stopped; raise ServerConfig.requestTimeout or send smaller batches");
    }

    /** Sets the terminate flag of a run's options at its deadline, never after the options are closed. */
    private static final class Terminator {
        final OrtSession.RunOptions options;
        volatile boolean fired;
        private boolean closed;
        private ScheduledFuture<?> task;

        Terminator(OrtSession.RunOptions options) {
            this.options = options;
        }

        void arm(long nanos) {
            task = WATCHDOG.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
        }

        private synchronized void fire() {
            if (!closed) {
                try {
                    options.setTerminate(true);
                    fired = true;
                } catch (OrtException e) {
                    LOG.warn("Could not stop a run at its deadline: {}", e.toString());
                }
            }
        }

        synchronized void close() {
            closed = true;
            if (task != null) {
                task.cancel(false);
            }
            options.close();
        }
    }
}
