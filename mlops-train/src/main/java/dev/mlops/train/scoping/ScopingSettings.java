package dev.mlops.train.scoping;

import dev.mlops.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Scoping} assessment does, as an immutable value that round-trips through JSON.
 *
 * @param seed the seed of the folds, the stratified baseline and the quick models
 * @param folds cross-validation folds (2 or more)
 * @param metric the metric every candidate is scored by; empty for the default (roc_auc for classes, r2 for values)
 * @param tolerance how close (in the metric's units) a rule must come to the best model to suffice, and how far a
 *     candidate must beat the baselines to count as signal
 * @param leakageThreshold a single feature that alone scores this well (balanced accuracy or r2, cross-validated)
 *     is reported as a leakage suspect
 * @param requirements what the use case needs, checked against every rule and model
 * @param population per column, the expected population share of each group (representativeness)
 * @param biasBy per attribute column, the favourable class whose rate is compared across its groups
 */
public record ScopingSettings(long seed, int folds, String metric, double tolerance, double leakageThreshold,
                              List<Requirement> requirements, Map<String, Map<String, Double>> population,
                              Map<String, String> biasBy) {

    /** Copies the collections. */
    public ScopingSettings {
        metric = metric == null ? "" : metric;
        requirements = List.copyOf(requirements);
        Map<String, Map<String, Double>> p = new LinkedHashMap<>();
        population.forEach((k, v) -> p.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        population = java.util.Collections.unmodifiableMap(p);
        biasBy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(biasBy));
    }

    /** The defaults: seed 42, 5 folds, the task's default metric, tolerance 0.02, leakage at 0.98. */
    public static ScopingSettings defaults() {
        return newBuilder().build();
    }

    /** A builder with the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder().seed(seed).folds(folds).metric(metric).tolerance(tolerance)
                .leakageThreshold(leakageThreshold).requirements(requirements.toArray(Requirement[]::new));
        population.forEach(b::population);
        biasBy.forEach(b::biasBy);
        return b;
    }

    /** The settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Settings written by {@link #toJson()}. */
    public static ScopingSettings fromJson(String json) {
        return Json.read(json, ScopingSettings.class);
    }

    /** Builds {@link ScopingSettings}; {@link #build()} checks them as a whole. */
    public static final class Builder {
        private long seed = 42;
        private int folds = 5;
        private String metric = "";
        private double tolerance = 0.02;
        private double leakageThreshold = 0.98;
        private final List<Requirement> requirements = new ArrayList<>();
        private final Map<String, Map<String, Double>> population = new LinkedHashMap<>();
        private final Map<String, String> biasBy = new LinkedHashMap<>();

        private Builder() {
        }

        /** The seed of folds, baselines and models. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Cross-validation folds. */
        public Builder folds(int value) {
            folds = value;
            return this;
        }

        /** The metric candidates are scored by (any name of the task's metrics). */
        public Builder metric(String value) {
            metric = Objects.requireNonNull(value, "metric");
            return this;
        }

        /** The tolerance in the metric's units. */
        public Builder tolerance(double value) {
            tolerance = value;
            return this;
        }

        /** The single-feature score from which a feature is a leakage suspect. */
        public Builder leakageThreshold(double value) {
            leakageThreshold = value;
            return this;
        }

        /** Adds requirements of the use case. */
        public Builder requirements(Requirement... values) {
            requirements.addAll(List.of(values));
            return this;
        }

        /** States the population shares of a column's groups (any positive weights). */
        public Builder population(String column, Map<String, Double> shares) {
            population.put(Objects.requireNonNull(column, "column"), Map.copyOf(shares));
            return this;
        }

        /** Reports the favourable-label rate by the groups of an attribute. */
        public Builder biasBy(String attribute, String favourable) {
            biasBy.put(Objects.requireNonNull(attribute, "attribute"), Objects.requireNonNull(favourable,
                    "favourable"));
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the setting when folds are fewer than 2, the tolerance is not a
         *     non-negative number, or the leakage threshold is not in (0, 1]
         */
        public ScopingSettings build() {
            if (folds < 2) {
                throw new IllegalArgumentException("Scoping needs at least 2 folds, not " + folds);
            }
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("The tolerance must be a finite number >= 0, not " + tolerance);
            }
            if (!(leakageThreshold > 0 && leakageThreshold <= 1)) {
                throw new IllegalArgumentException("The leakage threshold must be in (0, 1], not " + leakageThreshold);
            }
            return new ScopingSettings(seed, folds, metric, tolerance, leakageThreshold, requirements, population,
                    biasBy);
        }
    }
}
