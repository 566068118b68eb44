package dev.mlops.serve;

import dev.mlops.api.Frame;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What a {@link PredictionListener} receives after each served request: the inputs and outputs as frames (built
 * lazily, on the listener's thread, the first time they are asked for), the version and the latency.
 */
public final class PredictionEvent {
    private final String model;
    private final int version;
    private final Instant time;
    private final long latencyNanos;
    private final int rows;
    private final Supplier<Frame> inputs;
    private final Supplier<Frame> outputs;
    private Frame inputFrame;
    private Frame outputFrame;

    /** An event; the suppliers are called at most once each. Built by the server. */
    public PredictionEvent(String model, int version, Instant time, long latencyNanos, int rows,
                           Supplier<Frame> inputs, Supplier<Frame> outputs) {
        this.model = model;
        this.version = version;
        this.time = time;
        this.latencyNanos = latencyNanos;
        this.rows = rows;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** The model name. */
    public String model() {
        return model;
    }

    /** The version that answered. */
    public int version() {
        return version;
    }

    /** When the request finished, by the server's clock. */
    public Instant time() {
        return time;
    }

    /** How long the request took, queueing included. */
    public long latencyNanos() {
        return latencyNanos;
    }

    /** The number of rows predicted. */
    public int rows() {
        return rows;
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
