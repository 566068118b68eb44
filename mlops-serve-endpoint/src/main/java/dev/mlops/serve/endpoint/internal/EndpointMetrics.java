package dev.mlops.serve.endpoint.internal;

import dev.mlops.serve.ModelServer;
import dev.mlops.serve.endpoint.internal.EndpointException.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint's meters in a Prometheus registry, named like the familiar inference-server counters: request
 * success and failure (by reason), inference count (rows), execution count (model runs), request, queue and compute
 * durations (histograms) and pending requests. Thread-safe; recording is lock-free after the first request of a
 * model.
 *
 * <p>The queue and compute durations are the servers' own measurements, read from their prediction events on the
 * servers' listener threads, so recording them costs the request nothing; an event a server drops because its
 * listeners fell behind ({@code ServerStats.eventsDropped}) is missing from those two histograms only.
 */
public final class EndpointMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> success = new ConcurrentHashMap<>();
    private final Map<String, Counter> rows = new ConcurrentHashMap<>();
    private final Map<String, Timer> duration = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    /**
     * Meters for these models: their execution counts are read from the servers' statistics, their queue and compute
     * durations from the servers' prediction events (a listener on each server until {@link #close()}).
     */
    public EndpointMetrics(Map<String, ModelServer> models) {
        try {
            models.forEach(this::meter);
        } catch (RuntimeException e) {
            close(); // a closed server refuses the listener: drop those already subscribed
            throw e;
        }
        Gauge.builder("mlops_inference_pending_request_count", pending, AtomicInteger::get)
                .description("inference requests in flight").register(registry);
    }

    private void meter(String name, ModelServer server) {
        FunctionCounter.builder("mlops_inference_exec_count", server, s -> s.stats().batches())
                .description("model runs (batched runs count once)").tag("model", name).register(registry);
        Timer queue = histogram("mlops_inference_queue_duration", name,
                "time a request waited in the batching queue for its batch to start (0 without batching)");
        Timer compute = histogram("mlops_inference_compute_duration", name,
                "time of the model run that answered a request: tensors filled, session run, outputs read");
        AutoCloseable subscription = server.onPrediction(e -> {
            queue.record(e.queueNanos(), TimeUnit.NANOSECONDS);
            compute.record(e.computeNanos(), TimeUnit.NANOSECONDS);
        });
        synchronized (subscriptions) {
            subscriptions.add(subscription);
        }
    }

    /** A request started. */
    public void started() {
        pending.incrementAndGet();
    }

    /** A request finished (either way). */
    public void finished() {
        pending.decrementAndGet();
    }

    void success(String model, int rowCount, long nanos) {
        success.computeIfAbsent(model, m -> Counter.builder("mlops_inference_request_success")
                .description("inference requests answered").tag("model", m).register(registry)).increment();
        rows.computeIfAbsent(model, m -> Counter.builder("mlops_inference_count")
                .description("rows inferred").tag("model", m).register(registry)).increment(rowCount);
        duration.computeIfAbsent(model, m -> histogram("mlops_inference_request_duration", m,
                "time from decoded request to encoded answer")).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer histogram(String name, String model, String description) {
        return Timer.builder(name).description(description).tag("model", model).publishPercentileHistogram()
                .register(registry);
    }

    void failure(String model, Kind kind) {
        String key = model + '\u0000' + kind;
        failures.computeIfAbsent(key, k -> Counter.builder("mlops_inference_request_failure")
                .description("inference requests refused or failed, by reason").tag("model", model)
                .tag("reason", kind.name().toLowerCase(Locale.ROOT)).register(registry)).increment();
    }

    /** The meters in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops listening to the servers' prediction events; the other meters stay readable. */
    @Override
    public void close() {
        synchronized (subscriptions) {
            for (AutoCloseable s : subscriptions) {
                try {
                    s.close();
                } catch (Exception e) {
                    throw new IllegalStateException("Could not unsubscribe the endpoint's meters from a model "
                            + "server: " + e, e);
                }
            }
            subscriptions.clear();
        }
    }
}
