package dev.mlops.api.tracking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Which runs to find and in what order: filters on experiment, parent, parameter values and latest metric values,
 * ordered by a metric. Immutable; each {@code with}-style method returns a new query.
 *
 * <pre>{@code
 * tracker.search(RunQuery.all().experiment("credit").param("algorithm", "xgboost")
 *         .metric("accuracy", RunQuery.Op.GE, 0.7).orderBy("accuracy", true).limit(5));
 * }</pre>
 *
 * @param experiment only runs of this experiment, or null for any
 * @param parentId only children of this run, or null for any
 * @param params parameter equality filters
 * @param metrics filters on each run's latest metric value
 * @param orderBy the metric to order by, or null for start time
 * @param descending whether the order is highest first
 * @param limit the most runs to return (0 for no limit)
 */
public record RunQuery(String experiment, String parentId, Map<String, String> params, List<MetricFilter> metrics,
                       String orderBy, boolean descending, int limit) {

    /** A comparison against a metric's latest value. */
    public enum Op {
        /** Less than. */
        LT,
        /** Less than or equal. */
        LE,
        /** Equal. */
        EQ,
        /** Greater than or equal. */
        GE,
        /** Greater than. */
        GT;

        boolean test(double actual, double expected) {
            return switch (this) {
                case LT -> actual < expected;
                case LE -> actual <= expected;
                case EQ -> actual == expected;
                case GE -> actual >= expected;
                case GT -> actual > expected;
            };
        }
    }

    /**
     * One metric filter.
     *
     * @param key the metric name
     * @param op the comparison
     * @param value the value compared with
     */
    public record MetricFilter(String key, Op op, double value) {
        /** Checks the parts. */
        public MetricFilter {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(op, "op");
        }
    }

    /** Copies the collections and checks the limit. */
    public RunQuery {
        params = Map.copyOf(params);
        metrics = List.copyOf(metrics);
        if (limit < 0) {
            throw new IllegalArgumentException("A query limit must be 0 (none) or positive, not " + limit);
        }
    }

    /** Every run, oldest first. */
    public static RunQuery all() {
        return new RunQuery(null, null, Map.of(), List.of(), null, false, 0);
    }

    /** Only runs of this experiment. */
    public RunQuery experiment(String name) {
        return new RunQuery(name, parentId, params, metrics, orderBy, descending, limit);
    }

    /** Only children of this run. */
    public RunQuery childrenOf(String parent) {
        return new RunQuery(experiment, parent, params, metrics, orderBy, descending, limit);
    }

    /** Only runs whose parameter {@code key} equals {@code value}. */
    public RunQuery param(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return new RunQuery(experiment, parentId, p, metrics, orderBy, descending, limit);
    }

    /** Only runs whose latest value of {@code key} compares with {@code value} as {@code op} says. */
    public RunQuery metric(String key, Op op, double value) {
        List<MetricFilter> m = new ArrayList<>(metrics);
        m.add(new MetricFilter(key, op, value));
        return new RunQuery(experiment, parentId, params, m, orderBy, descending, limit);
    }

    /** Orders by the latest value of a metric; runs without it come last. */
    public RunQuery orderBy(String metric, boolean highestFirst) {
        return new RunQuery(experiment, parentId, params, metrics, metric, highestFirst, limit);
    }

    /** Returns at most {@code n} runs. */
    public RunQuery limit(int n) {
        return new RunQuery(experiment, parentId, params, metrics, orderBy, descending, n);
    }

    /** Whether a run passes every filter. */
    public boolean matches(RunRecord run) {
        if (experiment != null && !experiment.equals(run.experiment())) {
            return false;
        }
        if (parentId != null && !parentId.equals(run.parentId())) {
            return false;
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getValue().equals(run.params().get(e.getKey()))) {
                return false;
            }
        }
        for (MetricFilter f : metrics) {
            OptionalDouble v = run.latestMetric(f.key());
            if (v.isEmpty() || !f.op().test(v.getAsDouble(), f.value())) {
                return false;
            }
        }
        return true;
    }

    /** Filters, orders and limits runs as this query says; stores that cannot push a query down use this. */
    public List<RunRecord> apply(Collection<RunRecord> runs) {
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord r : runs) {
            if (matches(r)) {
                out.add(r);
            }
        }
        Comparator<RunRecord> byStart = Comparator.comparingLong(RunRecord::startMillis).thenComparing(RunRecord::id);
        if (orderBy == null) {
            out.sort(descending ? byStart.reversed() : byStart);
        } else {
            out.sort((a, b) -> {
                OptionalDouble x = a.latestMetric(orderBy);
                OptionalDouble y = b.latestMetric(orderBy);
                if (x.isEmpty() || y.isEmpty()) {
                    return x.isEmpty() == y.isEmpty() ? byStart.compare(a, b) : x.isEmpty() ? 1 : -1;
                }
                int c = Double.compare(x.getAsDouble(), y.getAsDouble());
                return c != 0 ? (descending ? -c : c) : byStart.compare(a, b);
            });
        }
        return limit > 0 && out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }
}
