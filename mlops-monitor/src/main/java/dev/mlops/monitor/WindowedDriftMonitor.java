package dev.mlops.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.api.PredictionEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The drift monitor built by {@link DriftMonitor.Builder}: windows, evaluation and history under one lock. */
final class WindowedDriftMonitor implements DriftMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(WindowedDriftMonitor.class);

    private final DriftEvaluator evaluator;
    private final Windower windower;
    private final LabelJoin labels;
    private final PerformanceEstimator estimator;
    private final Clock clock;
    private final int history;
    private final MonitorAlerts alerts;
    private MonitorMeters meters;
    private final Deque<Window> windows = new ArrayDeque<>();
    private final Deque<WindowReport> reports = new ArrayDeque<>();
    private final Set<String> outputColumns = new LinkedHashSet<>();
    private final CopyOnWriteArrayList<Consumer<WindowReport>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    WindowedDriftMonitor(DriftEvaluator evaluator, Windower windower, LabelJoin labels,
                         PerformanceEstimator estimator, MonitorAlerts alerts, Clock clock, int history,
                         String snapshot) {
        this.alerts = alerts;
        this.evaluator = evaluator;
        this.windower = windower;
        this.labels = labels;
        this.estimator = estimator;
        this.clock = clock;
        this.history = history;
        if (snapshot != null) {
            restore(snapshot);
        }
    }

    @Override
    public void observe(PredictionEvent event) {
        observe(event.inputs(), event.outputs(), event.time(), labels == null ? List.of() : event.requestIds());
    }

    @Override
    public void observe(Frame inputs, Frame outputs, Instant time, List<String> requestIds) {
        if (closed) {
            throw new IllegalStateException("The drift monitor is closed; build a new one to observe again");
        }
        Reconstruction rec = evaluator.reconstruction();
        Frame rows = combine(rec == null || inputs.rowCount() == 0 ? inputs : rec.withErrors(inputs), outputs);
        if (rows.rowCount() == 0) {
            return;
        }
        if (!requestIds.isEmpty() && requestIds.size() != inputs.rowCount()) {
            throw new IllegalArgumentException("Observed " + inputs.rowCount() + " rows with " + requestIds.size()
                    + " request ids; pass one id per row, or none");
        }
        List<Window> done;
        List<Alert> raised = new ArrayList<>();
        synchronized (this) {
            alerts.scores(outputs, clock.instant(), raised);
            boolean join = labels != null && !requestIds.isEmpty();
            String[] keys = join || estimator != null ? new String[rows.rowCount()] : null;
            done = windower.add(rows, time, clock.instant(), keys);
            if (estimator != null) {
                estimator.observe(outputs, keys);
            }
            if (join) {
                labels.expire(clock.instant());
                labels.observe(outputs, requestIds, keys, clock.instant()); // the TTL runs from observation
            }
        }
        fireAndCount(raised);
        publish(done);
    }

    /** Registers the meters (after construction, because they read the monitor's label counts). */
    void bindMeters(io.micrometer.core.instrument.MeterRegistry registry) {
        this.meters = new MonitorMeters(registry, this::labelStats);
    }

    private void fireAndCount(List<Alert> raised) {
        alerts.fire(raised);
        if (meters != null) {
            raised.forEach(a -> meters.alert());
        }
    }

    @Override
    public LabelOutcome label(String requestId, Object truth) {
        if (labels == null) {
            throw new IllegalStateException("This monitor joins no labels; build it with labels(PerformanceSpec, "
                    + "ttl, capacity)");
        }
        LabelOutcome outcome;
        List<Alert> raised = new ArrayList<>();
        synchronized (this) {
            labels.expire(clock.instant());
            outcome = labels.label(requestId, truth);
            if (outcome == LabelOutcome.JOINED) {
                WindowPerformance p = labels.performance(labels.lastWindow());
                alerts.joined(labels.lastError(), p, clock.instant(), raised);
                if (meters != null && p != null) {
                    meters.measured(p);
                }
            }
        }
        fireAndCount(raised);
        return outcome;
    }

    @Override
    public synchronized LabelStats labelStats() {
        if (labels == null) {
            return new LabelStats(0, 0, 0, 0, 0, 0, 0);
        }
        labels.expire(clock.instant());
        return labels.stats();
    }

    @Override
    public synchronized List<EstimatedPerformance> estimatedPerformance() {
        return estimator == null ? List.of() : estimator.estimates();
    }

    @Override
    public java.util.Optional<CalibrationCheck> calibration() {
        return estimator == null ? java.util.Optional.empty() : java.util.Optional.of(estimator.check());
    }

    @Override
    public synchronized List<WindowPerformance> performance() {
        return labels == null ? List.of() : labels.performance();
    }

    private Frame combine(Frame inputs, Frame outputs) {
        if (outputs.columnCount() == 0) {
            return inputs;
        }
        if (outputs.rowCount() != inputs.rowCount()) {
            throw new IllegalArgumentException("Observed inputs have " + inputs.rowCount() + " rows but outputs "
                    + outputs.rowCount() + "; pass one output row per input row");
        }
        List<Column> cols = new ArrayList<>(inputs.columns());
        synchronized (this) {
            for (Column c : outputs.columns()) {
                Column o = inputs.hasColumn(c.name()) ? c.rename("output." + c.name()) : c;
                outputColumns.add(o.name());
                cols.add(o);
            }
        }
        return Frame.of(cols);
    }

    @Override
    public dev.mlops.data.profile.Profile reference() {
        return evaluator.reference();
    }

    @Override
    public java.util.Optional<dev.mlops.data.profile.Profile> predictionReference() {
        return java.util.Optional.ofNullable(evaluator.predictionReference());
    }

    @Override
    public List<WindowReport> advance() {
        List<Window> done;
        synchronized (this) {
            done = windower.advance(clock.instant());
        }
        return publish(done);
    }

    @Override
    public List<WindowReport> flush() {
        List<Window> done;
        synchronized (this) {
            done = windower.flush();
        }
        return publish(done);
    }

    private List<WindowReport> publish(List<Window> done) {
        List<WindowReport> out = new ArrayList<>();
        for (Window w : done) {
            WindowReport r = evaluate(w);
            synchronized (this) {
                add(windows, w);
                add(reports, r);
            }
            out.add(r);
            EstimatedPerformance estimate;
            synchronized (this) {
                estimate = estimator == null ? null : estimator.estimate(r.key());
            }
            List<Alert> raised = new ArrayList<>();
            alerts.closed(r, estimate, raised);
            if (meters != null) {
                meters.window(r);
                if (estimate != null) {
                    meters.estimated(estimate);
                }
            }
            fireAndCount(raised);
            for (Consumer<WindowReport> l : listeners) {
                try {
                    l.accept(r);
                } catch (RuntimeException e) { // a report listener must not stop monitoring
                    LOG.warn("A drift report listener threw on window {}; it is skipped for this report", r.key(), e);
                }
            }
        }
        return out;
    }

    private <T> void add(Deque<T> deque, T item) {
        deque.addLast(item);
        while (deque.size() > history) {
            deque.removeFirst();
        }
    }

    @Override
    public synchronized List<WindowReport> reports() {
        return List.copyOf(reports);
    }

    @Override
    public synchronized List<Window> windows() {
        return List.copyOf(windows);
    }

    @Override
    public synchronized List<Window> openWindows() {
        return windower.openWindows();
    }

    @Override
    public WindowReport evaluate(Window window) {
        Set<String> outs;
        synchronized (this) {
            outs = Set.copyOf(outputColumns);
        }
        return evaluator.evaluate(window, outs);
    }

    @Override
    public synchronized long lateRows() {
        return windower.lateRows();
    }

    @Override
    public AutoCloseable onReport(Consumer<WindowReport> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized String snapshot() {
        ObjectNode root = windower.snapshot();
        ArrayNode outs = root.putArray("outputColumns");
        outputColumns.forEach(outs::add);
        return Json.write(root);
    }

    private void restore(String snapshot) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(snapshot);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataException("Cannot read a drift monitor snapshot: " + e.getOriginalMessage()
                    + "; pass the text DriftMonitor.snapshot() returned", e);
        }
        windower.restore(root);
        for (JsonNode n : root.path("outputColumns")) {
            outputColumns.add(n.asText());
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "DriftMonitor[" + windower.spec().kind() + ", " + evaluator.reference().columns().size()
                + " reference columns]";
    }
}
