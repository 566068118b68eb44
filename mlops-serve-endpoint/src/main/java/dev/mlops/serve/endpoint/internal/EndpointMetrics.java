package dev.mlops.serve.endpoint.internal;

import dev.mlops.serve.ModelServer;
import dev.mlops.serve.endpoint.internal.EndpointException.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoint's meters in a Prometheus registry, named like the familiar inference-server counters: request
 * success and failure (by reason), inference count (rows), execution count (model runs), request duration
 * (histogram) and pending requests. Thread-safe; recording is lock-free after the first request of a model.
 */
public final class EndpointMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> success = new ConcurrentHashMap<>();
    private final Map<String, Counter> rows = new ConcurrentHashMap<>();
    private final Map<String, Timer> duration = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    /** Meters for these models (their execution counts are read from the servers' own statistics). */
    public EndpointMetrics(Map<String, ModelServer> models) {
        models.forEach((name, server) -> FunctionCounter.builder("mlops_inference_exec_count", server,
                        s -> s.stats().batches()).description("model runs (batched runs count once)")
                .tag("model", name).register(registry));
        Gauge.builder("mlops_inference_pending_request_count", pending, AtomicInteger::get)
                .description("inference requests in flight").register(registry);
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
        duration.computeIfAbsent(model, m -> Timer.builder("mlops_inference_request_duration")
                .description("time from decoded request to encoded answer").tag("model", m)
                .publishPercentileHistogram().register(registry)).record(nanos, TimeUnit.NANOSECONDS);
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
}
