package dev.mlops.features;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.data.metrics.MetricMath;
import dev.mlops.data.split.Shuffle;
import dev.mlops.features.internal.FeatureData;
import dev.mlops.features.internal.Rankings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Model-agnostic permutation importance: how much a metric worsens when one feature's values are shuffled, so the
 * model can no longer use them. Works with any {@link Predictor}, so a trained model of any kind plugs in.
 *
 * <p>The importance of a feature is the mean over {@code repeats} shuffles of (baseline metric - shuffled metric)
 * for a metric where higher is better, and the reverse otherwise; it can be negative when shuffling helps by
 * chance. Shuffles come from the seed alone, so a ranking is reproducible.
 *
 * <pre>{@code
 * FeatureSelector importance = PermutationImportance.newBuilder()
 *         .predictor(model::predictClassCodes).metric(PermutationImportance.Metric.accuracy())
 *         .repeats(5).seed(42).build();
 * FeatureRanking ranking = importance.rank(validation, "class");
 * }</pre>
 *
 * <p>Immutable and thread-safe when the predictor is.
 */
public final class PermutationImportance implements FeatureSelector {

    /**
     * A model as a function: one prediction per row of the frame, in the label's terms: the value for a numeric
     * label; for a categorical label the class's code in the label column's dictionary (for probabilities, write a
     * metric that reads them).
     */
    @FunctionalInterface
    public interface Predictor {
        /** One prediction per row. */
        double[] predict(Frame frame);
    }

    /** A score of predictions against the truth; see {@link #higherIsBetter()}. */
    public interface Metric {
        /** The score of {@code predicted} against {@code truth} (same length). */
        double score(double[] truth, double[] predicted);

        /** The metric's name, recorded in the ranking's settings. */
        String name();

        /** Whether a higher score is better. */
        boolean higherIsBetter();

        /** A metric from a function. */
        static Metric of(String name, boolean higherIsBetter, java.util.function.ToDoubleBiFunction<double[], double[]> fn) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fn, "fn");
            return new Metric() {
                @Override
                public double score(double[] truth, double[] predicted) {
                    return fn.applyAsDouble(truth, predicted);
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean higherIsBetter() {
                    return higherIsBetter;
                }
            };
        }

        /** The share of rows whose prediction equals the truth. */
        static Metric accuracy() {
            return of("accuracy", true, (t, p) -> {
                int ok = 0;
                for (int i = 0; i < t.length; i++) {
                    ok += t[i] == p[i] ? 1 : 0;
                }
                return t.length == 0 ? 0 : (double) ok / t.length;
            });
        }

        /** The mean squared error (lower is better). */
        static Metric meanSquaredError() {
            return of("mean_squared_error", false, (t, p) -> {
                double s = 0;
                for (int i = 0; i < t.length; i++) {
                    s += (t[i] - p[i]) * (t[i] - p[i]);
                }
                return t.length == 0 ? 0 : s / t.length;
            });
        }

        /** The coefficient of determination R squared. */
        static Metric r2() {
            return of("r2", true, MetricMath::r2);
        }
    }

    private final Predictor predictor;
    private final Metric metric;
    private final int repeats;
    private final long seed;

    private PermutationImportance(Builder b) {
        this.predictor = b.predictor;
        this.metric = b.metric;
        this.repeats = b.repeats;
        this.seed = b.seed;
    }

    /** A builder; a predictor and a metric are required. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().predictor(predictor).metric(metric).repeats(repeats).seed(seed);
    }

    /** Ranks each feature column of {@code frame} by how much shuffling it worsens the metric. */
    @Override
    public FeatureRanking rank(Frame frame, String label) {
        Rankings.requireLabel(frame, label);
        Column labelColumn = frame.column(label);
        if (labelColumn.missingCount() > 0) {
            throw new IllegalArgumentException("Label '" + label + "' is missing in " + labelColumn.missingCount()
                    + " rows; drop those rows before measuring permutation importance");
        }
        double[] truth = truth(labelColumn);
        double baseline = metric.score(truth, predict(frame));
        SplittableRandom root = new SplittableRandom(seed);
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        int n = frame.rowCount();
        for (Column c : frame.columns()) {
            if (c.name().equals(label) || c.field().role() != FieldRole.FEATURE) {
                continue;
            }
            // One stream per feature, split in frame order, so adding a repeat never changes earlier shuffles.
            SplittableRandom random = root.split();
            double sum = 0;
            for (int r = 0; r < repeats; r++) {
                int[] perm = permutation(n, random);
                double shuffled = metric.score(truth, predict(frame.withColumn(c.select(perm))));
                sum += metric.higherIsBetter() ? baseline - shuffled : shuffled - baseline;
            }
            scores.put(c.name(), sum / repeats);
        }
        Map<String, String> settings = Map.of("metric", metric.name(), "repeats", Integer.toString(repeats),
                "seed", Long.toString(seed), "baseline", Double.toString(baseline));
        return Rankings.sorted("permutation_importance", frame, label, settings, scores, notes);
    }

    private double[] predict(Frame frame) {
        double[] p = predictor.predict(frame);
        if (p == null || p.length != frame.rowCount()) {
            throw new IllegalStateException("The predictor returned " + (p == null ? "null" : p.length + " values")
                    + " for a frame of " + frame.rowCount() + " rows; it must return one prediction per row");
        }
        return p;
    }

    static double[] truth(Column label) {
        if (label instanceof CategoricalColumn c) {
            double[] out = new double[c.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = c.code(i);
            }
            return out;
        }
        double[] v = FeatureData.numeric(label);
        if (v == null) {
            throw new IllegalArgumentException("Label '" + label.name() + "' is " + label.type()
                    + "; permutation importance needs a NUMERIC, INTEGER, BOOLEAN or CATEGORICAL label");
        }
        return v;
    }

    static int[] permutation(int n, SplittableRandom random) {
        return Shuffle.permutation(n, random);
    }

    /** Settings for {@link PermutationImportance}; checked as a whole in {@link #build()}. */
    public static final class Builder {
        private Predictor predictor;
        private Metric metric;
        private int repeats = 5;
        private long seed = 42;

        private Builder() {
        }

        /** The model to explain (required). */
        public Builder predictor(Predictor predictor) {
            this.predictor = predictor;
            return this;
        }

        /** The metric to worsen (required). */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /** How many shuffles per feature (default 5). */
        public Builder repeats(int repeats) {
            this.repeats = repeats;
            return this;
        }

        /** The seed of the shuffles (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The checked settings. */
        public PermutationImportance build() {
            StringBuilder problems = new StringBuilder();
            if (predictor == null) {
                problems.append(" a predictor is required;");
            }
            if (metric == null) {
                problems.append(" a metric is required;");
            }
            if (repeats < 1) {
                problems.append(" repeats must be at least 1, got ").append(repeats).append(';');
            }
            if (problems.length() > 0) {
                throw new IllegalArgumentException("Invalid permutation importance settings:" + problems);
            }
            return new PermutationImportance(this);
        }
    }
}
