package dev.mlops.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Micrometer meters of a monitor (docs/decisions/109): gauges hold the latest closed window's values, so a host's
 * registry (Prometheus or any other) exposes them without the monitor knowing the backend. Thread-safe.
 */
final class MonitorMeters {
    static final String PREFIX = "mlops.monitor.";

    private final MeterRegistry registry;
    private final Map<String, double[]> driftScores = new ConcurrentHashMap<>();
    private final Map<String, double[]> performance = new ConcurrentHashMap<>();
    private final double[] drifted = {Double.NaN};
    private final double[] driftedShare = {Double.NaN};
    private final double[] reconstruction = {Double.NaN};
    private final Counter windows;
    private final Counter alerts;
    /**
     * Held here because Micrometer holds a function meter's state object weakly: a supplier referenced only by the
     * registry is collected at the next GC, and the label meters then read NaN.
     */
    private final Supplier<LabelStats> labels;

    MonitorMeters(MeterRegistry registry, Supplier<LabelStats> labels) {
        this.registry = registry;
        this.labels = labels;
        Gauge.builder(PREFIX + "drifted.features", drifted, v -> v[0])
                .description("input features that drifted in the latest window").register(registry);
        Gauge.builder(PREFIX + "drifted.share", driftedShare, v -> v[0])
                .description("share of input features that drifted in the latest window").register(registry);
        Gauge.builder(PREFIX + "reconstruction.error", reconstruction, v -> v[0])
                .description("mean PCA reconstruction error of the latest window").register(registry);
        windows = Counter.builder(PREFIX + "windows").description("windows closed").register(registry);
        alerts = Counter.builder(PREFIX + "alerts").description("alerts raised").register(registry);
        for (String state : new String[] {"joined", "expired", "evicted", "unknown"}) {
            FunctionCounter.builder(PREFIX + "labels", labels, s -> switch (state) {
                case "joined" -> s.get().joined();
                case "expired" -> s.get().expired();
                case "evicted" -> s.get().evicted();
                default -> s.get().unknown();
            }).tag("state", state).description("delayed labels by outcome").register(registry);
        }
        Gauge.builder(PREFIX + "labels.pending", labels, s -> s.get().pending())
                .description("predictions waiting for their label").register(registry);
    }

    void window(WindowReport r) {
        windows.increment();
        long n = 0;
        for (FeatureDrift f : r.features()) {
            gauge(driftScores, PREFIX + "drift.score", "column", f.column())[0] = f.statistic();
            n += !f.output() && f.drifted() ? 1 : 0;
        }
        drifted[0] = n;
        driftedShare[0] = r.driftedShare();
        reconstruction[0] = r.reconstruction().error();
    }

    void measured(WindowPerformance p) {
        set("measured", "accuracy", p.accuracy());
        set("measured", "roc_auc", p.rocAuc());
        set("measured", "rmse", p.rmse());
    }

    void estimated(EstimatedPerformance e) {
        set("estimated", "accuracy", e.accuracy().estimate());
        set("estimated", "roc_auc", e.rocAuc().estimate());
        set("estimated", "f1", e.f1().estimate());
    }

    void alert() {
        alerts.increment();
    }

    private void set(String kind, String metric, double v) {
        if (!Double.isNaN(v)) {
            double[] holder = performance.computeIfAbsent(kind + "/" + metric, k -> {
                double[] h = {Double.NaN};
                Gauge.builder(PREFIX + "performance", h, x -> x[0]).tag("kind", kind).tag("metric", metric)
                        .description("performance of the latest window").register(registry);
                return h;
            });
            holder[0] = v;
        }
    }

    private double[] gauge(Map<String, double[]> holders, String name, String tag, String value) {
        return holders.computeIfAbsent(value, k -> {
            double[] h = {Double.NaN};
            Gauge.builder(name, h, x -> x[0]).tag(tag, value).description("drift statistic of the latest window")
                    .register(registry);
            return h;
        });
    }
}
