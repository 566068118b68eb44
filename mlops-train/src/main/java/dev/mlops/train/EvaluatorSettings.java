package dev.mlops.train;

import dev.mlops.api.Json;
import java.util.List;
import java.util.Objects;

/**
 * The settings of an {@link Evaluator}, all of them values: what a run records (as JSON, parameter
 * {@code evaluator}) so that the evaluation can be repeated from its record. The model compared with and the progress
 * listener are not settings: see {@link Evaluator#compareWith(TrainedModel, MetricThreshold...)} and
 * {@link Evaluator#listener(TrainingListener)}.
 *
 * <pre>{@code
 * EvaluatorSettings s = EvaluatorSettings.newBuilder().sliceBy("personal_status").learningCurve(0.5, 1.0).build();
 * Evaluation eval = Evaluator.of(s).evaluate(model, train, test);
 * EvaluatorSettings back = EvaluatorSettings.fromJson(s.toJson());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param primaryMetric the metric judged by, or null to follow the label's balance (decision 085)
 * @param sliceColumns the columns the primary metric is reported per value of
 * @param buckets the number of quantile buckets a numeric slice column is cut into, at least 2
 * @param minSliceRows slices with fewer rows are reported but never named among the worst
 * @param minMargin the advantage over the best baseline that counts as meaningful
 * @param overfitGap the train-minus-validation gap above which the fit is called over-fitting
 * @param seed the seed of the stratified baseline, the learning-curve subsamples and the bootstrap
 * @param mistakes how many confident mistakes to list
 * @param learningCurve the fractions of the training rows a learning curve is computed at, each in (0, 1]; empty
 *     for none
 * @param thresholds the gates a candidate must pass
 * @param significanceLevel the level of the significance test against the current model, in (0, 1)
 * @param requireSignificance whether a candidate is blessed only when significantly better than the current model
 */
public record EvaluatorSettings(String primaryMetric, List<String> sliceColumns, int buckets, int minSliceRows,
                                double minMargin, double overfitGap, long seed, int mistakes,
                                List<Double> learningCurve, List<MetricThreshold> thresholds,
                                double significanceLevel, boolean requireSignificance) {

    /** Checks the settings as a whole and copies the lists. */
    public EvaluatorSettings {
        sliceColumns = List.copyOf(sliceColumns == null ? List.of() : sliceColumns);
        learningCurve = List.copyOf(learningCurve == null ? List.of() : learningCurve);
        thresholds = List.copyOf(thresholds == null ? List.of() : thresholds);
        if (primaryMetric != null && primaryMetric.isBlank()) {
            throw new IllegalArgumentException("The primary metric is blank; name one or leave it null to follow the"
                    + " label's balance");
        }
        if (buckets < 2) {
            throw new IllegalArgumentException("Bucket count must be at least 2, not " + buckets);
        }
        if (minSliceRows < 0 || mistakes < 0) {
            throw new IllegalArgumentException("minSliceRows and mistakes must be >= 0, not " + minSliceRows + " and "
                    + mistakes);
        }
        if (!Double.isFinite(minMargin) || !Double.isFinite(overfitGap)) {
            throw new IllegalArgumentException("minMargin and overfitGap must be finite, not " + minMargin + " and "
                    + overfitGap);
        }
        for (Double f : learningCurve) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("Learning-curve fractions must be in (0, 1], not " + f);
            }
        }
        if (!(significanceLevel > 0 && significanceLevel < 1)) {
            throw new IllegalArgumentException("The significance level must be in (0, 1), not " + significanceLevel);
        }
    }

    /**
     * A builder of the defaults: primary metric by the label's balance, no slices, 4 buckets, 10 rows per named
     * slice, margin 0.02, over-fitting gap 0.05, seed 42, 10 mistakes, no learning curve, no thresholds,
     * significance level 0.05 not required.
     */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The defaults ({@link #newBuilder()}). */
    public static EvaluatorSettings defaults() {
        return newBuilder().build();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.primaryMetric = primaryMetric;
        b.sliceColumns = sliceColumns;
        b.buckets = buckets;
        b.minSliceRows = minSliceRows;
        b.minMargin = minMargin;
        b.overfitGap = overfitGap;
        b.seed = seed;
        b.mistakes = mistakes;
        b.learningCurve = learningCurve;
        b.thresholds = thresholds;
        b.significanceLevel = significanceLevel;
        b.requireSignificance = requireSignificance;
        return b;
    }

    /** The settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads settings written by {@link #toJson()}. */
    public static EvaluatorSettings fromJson(String json) {
        return Json.read(json, EvaluatorSettings.class);
    }

    /** Builds {@link EvaluatorSettings}; every check happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private String primaryMetric;
        private List<String> sliceColumns = List.of();
        private int buckets = 4;
        private int minSliceRows = 10;
        private double minMargin = 0.02;
        private double overfitGap = 0.05;
        private long seed = 42L;
        private int mistakes = 10;
        private List<Double> learningCurve = List.of();
        private List<MetricThreshold> thresholds = List.of();
        private double significanceLevel = 0.05;
        private boolean requireSignificance;

        private Builder() {
        }

        /** Judges by this metric whatever the label's balance; null to follow the balance (the default). */
        public Builder primaryMetric(String metric) {
            this.primaryMetric = metric;
            return this;
        }

        /** Reports the primary metric per value of these columns (default none). */
        public Builder sliceBy(String... columns) {
            this.sliceColumns = List.of(columns);
            return this;
        }

        /** Numeric slice columns are cut into this many quantile buckets (default 4). */
        public Builder buckets(int count) {
            this.buckets = count;
            return this;
        }

        /** Slices with fewer rows are never named among the worst (default 10). */
        public Builder minSliceRows(int rows) {
            this.minSliceRows = rows;
            return this;
        }

        /** The meaningful advantage over the best baseline (default 0.02). */
        public Builder minMargin(double margin) {
            this.minMargin = margin;
            return this;
        }

        /** The gap above which the fit is called over-fitting (default 0.05). */
        public Builder overfitGap(double gap) {
            this.overfitGap = gap;
            return this;
        }

        /** The seed of baselines, curve subsamples and bootstrap (default 42). */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** How many confident mistakes to list (default 10). */
        public Builder mistakes(int count) {
            this.mistakes = count;
            return this;
        }

        /** A learning curve at these fractions of the training rows (default none; none given: none). */
        public Builder learningCurve(double... atFractions) {
            this.learningCurve = java.util.Arrays.stream(atFractions).boxed().toList();
            return this;
        }

        /** The gates a candidate must pass (default none). */
        public Builder thresholds(List<MetricThreshold> gates) {
            this.thresholds = List.copyOf(Objects.requireNonNull(gates, "gates"));
            return this;
        }

        /** The significance test's level (default 0.05). */
        public Builder significanceLevel(double level) {
            this.significanceLevel = level;
            return this;
        }

        /** Whether a candidate must also be significantly better than the current model (default false). */
        public Builder requireSignificance(boolean required) {
            this.requireSignificance = required;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public EvaluatorSettings build() {
            return new EvaluatorSettings(primaryMetric, sliceColumns, buckets, minSliceRows, minMargin, overfitGap,
                    seed, mistakes, learningCurve, thresholds, significanceLevel, requireSignificance);
        }
    }
}
