package dev.mlops.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One served request as a {@link PredictionListener} sees it: the request ids (one per row), the model and version
 * that answered, when it finished, the latency (and, where the server measured them, the part spent queued for a batch
 * and the part spent computing), and the inputs and outputs as frames. The frames (and the ids of a
 * frame request) may be built lazily, on the listener's thread, the first time they are asked for, so publishing
 * costs the predicting thread almost nothing.
 *
 * <p>Thread-safe: the lazy parts are computed once under the event's lock.
 */
public final class PredictionEvent {
    private final String model;
    private final int version;
    private final Instant time;
    private final long latencyNanos;
    private final long queueNanos;
    private final long computeNanos;
    private final int rows;
    private final Supplier<List<String>> requestIds;
    private final Supplier<Frame> inputs;
    private final Supplier<Frame> outputs;
    private List<String> requestIdList;
    private Frame inputFrame;
    private Frame outputFrame;

    /**
     * An event without a breakdown of its latency ({@link #queueNanos()} and {@link #computeNanos()} are 0); each
     * supplier is called at most once. Built by anyone replaying predictions logged elsewhere.
     *
     * @param model        the model name
     * @param version      the version that answered
     * @param time         when the request finished
     * @param latencyNanos how long it took, queueing included
     * @param rows         the number of rows predicted
     * @param requestIds   the request id of each row ({@code rows} of them)
     * @param inputs       the inputs, one column per model input
     * @param outputs      the outputs, one column per output value
     */
    public PredictionEvent(String model, int version, Instant time, long latencyNanos, int rows,
                           Supplier<List<String>> requestIds, Supplier<Frame> inputs, Supplier<Frame> outputs) {
        this(model, version, time, latencyNanos, 0, 0, rows, requestIds, inputs, outputs);
    }

    /**
     * An event with its latency broken down as a server measured it; each supplier is called at most once.
     *
     * @param model        the model name
     * @param version      the version that answered
     * @param time         when the request finished
     * @param latencyNanos how long it took, queueing included
     * @param queueNanos   of that, the time it waited in the batching queue (0 without batching)
     * @param computeNanos of that, the time the model run took: tensors filled, the session run, outputs read (in a
     *                     batch, the whole batch's run)
     * @param rows         the number of rows predicted
     * @param requestIds   the request id of each row ({@code rows} of them)
     * @param inputs       the inputs, one column per model input
     * @param outputs      the outputs, one column per output value
     */
    public PredictionEvent(String model, int version, Instant time, long latencyNanos, long queueNanos,
                           long computeNanos, int rows, Supplier<List<String>> requestIds, Supplier<Frame> inputs,
                           Supplier<Frame> outputs) {
        this.model = Objects.requireNonNull(model, "model");
        this.version = version;
        this.time = Objects.requireNonNull(time, "time");
        this.latencyNanos = latencyNanos;
        this.queueNanos = queueNanos;
        this.computeNanos = computeNanos;
        this.rows = rows;
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
    }

    /** An event of frames already built (for replays and tests); outputs may have no columns. */
    public static PredictionEvent of(String model, int version, Instant time, long latencyNanos,
                                     List<String> requestIds, Frame inputs, Frame outputs) {
        if (requestIds.size() != inputs.rowCount()
                || outputs.columnCount() > 0 && outputs.rowCount() != inputs.rowCount()) {
            throw new IllegalArgumentException("A prediction event needs one request id and one output row per input "
                    + "row; got " + requestIds.size() + " ids, " + inputs.rowCount() + " input rows and "
                    + outputs.rowCount() + " output rows");
        }
        List<String> ids = List.copyOf(requestIds);
        return new PredictionEvent(model, version, time, latencyNanos, inputs.rowCount(), () -> ids, () -> inputs,
                () -> outputs);
    }

    /** The model name. */
    public String model() {
        return model;
    }

    /** The version that answered. */
    public int version() {
        return version;
    }

    /** When the request finished, by the publisher's clock. */
    public Instant time() {
        return time;
    }

    /** How long the request took, queueing included. */
    public long latencyNanos() {
        return latencyNanos;
    }

    /** Of {@link #latencyNanos()}, the time spent waiting in the batching queue; 0 without batching or unmeasured. */
    public long queueNanos() {
        return queueNanos;
    }

    /**
     * Of {@link #latencyNanos()}, the time the model run took (tensors filled, the session run, outputs read; in a
     * batch, the whole batch's run); 0 where unmeasured.
     */
    public long computeNanos() {
        return computeNanos;
    }

    /** The number of rows predicted. */
    public int rows() {
        return rows;
    }

    /** The request id of each row, in row order: what {@code label(requestId, truth)} joins on later. */
    public synchronized List<String> requestIds() {
        if (requestIdList == null) {
            requestIdList = List.copyOf(requestIds.get());
            if (requestIdList.size() != rows) {
                throw new IllegalStateException("The event of " + model + "@" + version + " has " + rows
                        + " rows but " + requestIdList.size() + " request ids");
            }
        }
        return requestIdList;
    }

    /** The inputs, one column per model input. */
    public synchronized Frame inputs() {
        if (inputFrame == null) {
            inputFrame = inputs.get();
        }
        return inputFrame;
    }

    /** The outputs, one column per output value ({@code probabilities.good}, ...). */
    public synchronized Frame outputs() {
        if (outputFrame == null) {
            outputFrame = outputs.get();
        }
        return outputFrame;
    }

    @Override
    public String toString() {
        return "PredictionEvent[" + model + "@" + version + ", rows=" + rows + ", latency=" + latencyNanos / 1000
                + "us]";
    }
}
