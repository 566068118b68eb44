package dev.mlops.monitor;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.data.metrics.MetricMath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Joins labels that arrive later to the predictions they belong to, by request id: a bounded store of pending
 * predictions (oldest evicted first when full, expired after a time to live), and per window the joined pairs
 * from which performance is measured. Not thread-safe: the monitor calls it under its lock.
 */
final class LabelJoin {
    private final PerformanceSpec spec;
    private final Duration ttl;
    private final int capacity;
    private final int history;
    /** Insertion (observation) order, so the oldest is first for expiry and eviction. */
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final LinkedHashMap<String, Joined> windows = new LinkedHashMap<>();
    private long observed;
    private long joined;
    private long expired;
    private long evicted;
    private long unknown;
    private long duplicates;
    /** The error of the last joined label: 1 or 0 for a wrong or right class, the absolute error for regression. */
    private double lastError = Double.NaN;
    private String lastWindow;
    /** Recently joined ids, to tell a duplicate from an unknown id (bounded like the store). */
    private final LinkedHashMap<String, Boolean> done = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > LabelJoin.this.capacity;
        }
    };

    private record Pending(String window, Instant time, String predicted, double value, double score) {
    }

    /** The joined predictions and truths of one window. */
    static final class Joined {
        long predictions;
        final List<String> predicted = new ArrayList<>();
        final List<String> truth = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<Double> truthValues = new ArrayList<>();
        final List<Double> scores = new ArrayList<>();
    }

    LabelJoin(PerformanceSpec spec, Duration ttl, int capacity, int history) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (ttl.isNegative() || ttl.isZero() || capacity < 1) {
            throw new IllegalArgumentException("Delayed labels need a positive time to live and capacity; got "
                    + ttl + ", " + capacity);
        }
        this.ttl = ttl;
        this.capacity = capacity;
        this.history = history;
    }

    PerformanceSpec spec() {
        return spec;
    }

    /** Records the predictions of observed rows, each under its id and the window its row went to. */
    void observe(Frame outputs, List<String> requestIds, String[] windowKeys, Instant time) {
        if (requestIds.isEmpty()) {
            return;
        }
        Column predicted = column(outputs, spec.predictedColumn());
        Column score = spec.binary() ? column(outputs, spec.scoreColumn()) : null;
        for (int r = 0; r < requestIds.size(); r++) {
            String key = windowKeys[r] == null ? "late" : windowKeys[r];
            window(key).predictions++;
            String p = predicted.isMissing(r) ? null : predicted.format(r);
            double v = spec.regression() && !predicted.isMissing(r) ? ((Number) predicted.value(r)).doubleValue()
                    : Double.NaN;
            double s = score == null || score.isMissing(r) ? Double.NaN : ((Number) score.value(r)).doubleValue();
            pending.put(requestIds.get(r), new Pending(key, time, p, v, s));
            observed++;
        }
        while (pending.size() > capacity) {
            Iterator<Pending> it = pending.values().iterator();
            it.next();
            it.remove();
            evicted++;
        }
    }

    private static Column column(Frame outputs, String name) {
        if (!outputs.hasColumn(name)) {
            throw new IllegalArgumentException("Performance is measured from output '" + name
                    + "' but the observed outputs are " + outputs.columnNames() + "; fix the PerformanceSpec");
        }
        return outputs.column(name);
    }

    private Joined window(String key) {
        Joined j = windows.computeIfAbsent(key, k -> new Joined());
        while (windows.size() > history) {
            Iterator<String> it = windows.keySet().iterator();
            it.next();
            it.remove();
        }
        return j;
    }

    /** Expires predictions older than the time to live at {@code now}. */
    void expire(Instant now) {
        Instant limit = now.minus(ttl);
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            if (it.next().time().isBefore(limit)) {
                it.remove();
                expired++;
            } else {
                break; // observation order is time order for one publisher; stop at the first fresh one
            }
        }
    }

    LabelOutcome label(String requestId, Object truth) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(truth, "truth");
        if (spec.regression() && !(truth instanceof Number)) {
            throw new IllegalArgumentException("A regression label must be a number, got '" + truth + "' for request "
                    + requestId);
        }
        Pending p = pending.remove(requestId);
        if (p == null) {
            if (done.containsKey(requestId)) {
                duplicates++;
                return LabelOutcome.DUPLICATE;
            }
            unknown++;
            return LabelOutcome.UNKNOWN;
        }
        Joined j = window(p.window());
        lastWindow = p.window();
        if (spec.regression()) {
            j.values.add(p.value());
            j.truthValues.add(((Number) truth).doubleValue());
            lastError = Math.abs(p.value() - ((Number) truth).doubleValue());
        } else {
            j.predicted.add(p.predicted());
            j.truth.add(truth.toString());
            j.scores.add(p.score());
            lastError = truth.toString().equals(p.predicted()) ? 0 : 1;
        }
        done.put(requestId, Boolean.TRUE);
        joined++;
        return LabelOutcome.JOINED;
    }

    double lastError() {
        return lastError;
    }

    /** The key of the window the last joined label went to. */
    String lastWindow() {
        return lastWindow;
    }

    /** The measured performance of one window. */
    WindowPerformance performance(String key) {
        Joined j = windows.get(key);
        return j == null ? null : measure(key, j);
    }

    LabelStats stats() {
        return new LabelStats(observed, pending.size(), joined, expired, evicted, unknown, duplicates);
    }

    Map<String, Joined> windows() {
        return windows;
    }

    List<WindowPerformance> performance() {
        List<WindowPerformance> out = new ArrayList<>();
        windows.forEach((k, j) -> out.add(measure(k, j)));
        return out;
    }

    private WindowPerformance measure(String key, Joined j) {
        double nan = Double.NaN;
        if (spec.regression()) {
            int n = j.values.size();
            double se = 0;
            double ae = 0;
            for (int i = 0; i < n; i++) {
                double e = j.values.get(i) - j.truthValues.get(i);
                se += e * e;
                ae += Math.abs(e);
            }
            return new WindowPerformance(key, j.predictions, n, nan, nan, nan, nan, n == 0 ? nan : Math.sqrt(se / n),
                    n == 0 ? nan : ae / n);
        }
        int n = j.truth.size();
        if (n == 0) {
            return new WindowPerformance(key, j.predictions, 0, nan, nan, nan, nan, nan, nan);
        }
        int correct = 0;
        Map<String, int[]> recall = new HashMap<>();
        for (int i = 0; i < n; i++) {
            boolean right = j.truth.get(i).equals(j.predicted.get(i));
            correct += right ? 1 : 0;
            int[] c = recall.computeIfAbsent(j.truth.get(i), x -> new int[2]);
            c[0] += right ? 1 : 0;
            c[1]++;
        }
        double balanced = 0;
        for (String c : new TreeSet<>(recall.keySet())) {
            balanced += (double) recall.get(c)[0] / recall.get(c)[1];
        }
        balanced /= recall.size();
        double auc = nan;
        double logLoss = nan;
        if (spec.binary()) {
            boolean[] positive = new boolean[n];
            double[] score = new double[n];
            int[] truth = new int[n];
            double[][] proba = new double[n][];
            for (int i = 0; i < n; i++) {
                positive[i] = j.truth.get(i).equals(spec.positiveClass());
                score[i] = j.scores.get(i);
                truth[i] = positive[i] ? 1 : 0;
                proba[i] = new double[] {1 - score[i], score[i]};
            }
            auc = MetricMath.rocAuc(positive, score);
            logLoss = MetricMath.logLoss(truth, proba);
        }
        return new WindowPerformance(key, j.predictions, n, (double) correct / n, balanced, auc, logLoss, nan, nan);
    }
}
