package dev.mlops.train.scoping;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the use case needs of a model, stated before any is trained: a metric floor or ceiling, a p99 latency per
 * prediction, a model size, or a fairness floor (the disparate-impact ratio of favourable predictions across the
 * groups of an attribute). Scoping reports which quick candidates meet each one, with the measured value.
 *
 * @param kind what is required
 * @param metric the metric for {@link Kind#MIN_METRIC} and {@link Kind#MAX_METRIC}, else empty
 * @param value the bound: metric value, microseconds, bytes or ratio
 * @param attribute the group column for {@link Kind#MIN_DISPARATE_IMPACT}, else empty
 * @param favourable the favourable class for {@link Kind#MIN_DISPARATE_IMPACT}, else empty
 */
public record Requirement(Kind kind, String metric, double value, String attribute, String favourable) {

    /** The kinds of requirement. */
    public enum Kind {
        /** The cross-validated metric is at least the value. */
        MIN_METRIC,
        /** The cross-validated metric is at most the value. */
        MAX_METRIC,
        /** The 99th percentile of one-row prediction latency is at most the value, in microseconds. */
        MAX_P99_LATENCY_MICROS,
        /** The saved model is at most the value, in bytes. */
        MAX_MODEL_BYTES,
        /** The lowest disparate-impact ratio of favourable predictions across the attribute's groups. */
        MIN_DISPARATE_IMPACT
    }

    /** Checks the fields. */
    public Requirement {
        Objects.requireNonNull(kind, "kind");
        metric = metric == null ? "" : metric;
        attribute = attribute == null ? "" : attribute;
        favourable = favourable == null ? "" : favourable;
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("A " + kind + " requirement needs a bound, not NaN");
        }
        if ((kind == Kind.MIN_METRIC || kind == Kind.MAX_METRIC) && metric.isBlank()) {
            throw new IllegalArgumentException("A " + kind + " requirement needs a metric name such as roc_auc");
        }
        if (kind == Kind.MIN_DISPARATE_IMPACT && (attribute.isBlank() || favourable.isBlank())) {
            throw new IllegalArgumentException("A fairness requirement needs the group attribute and the favourable"
                    + " class, e.g. minDisparateImpact(\"personal_status\", \"good\", 0.8)");
        }
    }

    /** The cross-validated {@code metric} must reach {@code value}. */
    public static Requirement atLeast(String metric, double value) {
        return new Requirement(Kind.MIN_METRIC, metric, value, "", "");
    }

    /** The cross-validated {@code metric} must not exceed {@code value} (for errors such as rmse). */
    public static Requirement atMost(String metric, double value) {
        return new Requirement(Kind.MAX_METRIC, metric, value, "", "");
    }

    /** One-row predictions must take at most {@code p99} at the 99th percentile. */
    public static Requirement maxP99Latency(Duration p99) {
        return new Requirement(Kind.MAX_P99_LATENCY_MICROS, "", p99.toNanos() / 1000.0, "", "");
    }

    /** The saved model must be at most {@code bytes}. */
    public static Requirement maxModelBytes(long bytes) {
        return new Requirement(Kind.MAX_MODEL_BYTES, "", bytes, "", "");
    }

    /** Every group of {@code attribute} gets {@code favourable} predictions at {@code ratio} of the best group's rate. */
    public static Requirement minDisparateImpact(String attribute, String favourable, double ratio) {
        return new Requirement(Kind.MIN_DISPARATE_IMPACT, "", ratio, attribute, favourable);
    }

    /** Whether a measured value meets the bound. */
    public boolean metBy(double measured) {
        if (Double.isNaN(measured)) {
            return false;
        }
        return switch (kind) {
            case MIN_METRIC, MIN_DISPARATE_IMPACT -> measured >= value;
            case MAX_METRIC, MAX_P99_LATENCY_MICROS, MAX_MODEL_BYTES -> measured <= value;
        };
    }

    /** How it reads: {@code "roc_auc >= 0.75"}, {@code "p99 latency <= 500 us"}. */
    public String describe() {
        return switch (kind) {
            case MIN_METRIC -> String.format(Locale.ROOT, "%s >= %.4g", metric, value);
            case MAX_METRIC -> String.format(Locale.ROOT, "%s <= %.4g", metric, value);
            case MAX_P99_LATENCY_MICROS -> String.format(Locale.ROOT, "p99 latency <= %.0f us", value);
            case MAX_MODEL_BYTES -> String.format(Locale.ROOT, "model size <= %.0f bytes", value);
            case MIN_DISPARATE_IMPACT -> String.format(Locale.ROOT, "disparate impact of '%s' by %s >= %.2f",
                    favourable, attribute, value);
        };
    }
}
