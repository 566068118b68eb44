package dev.mlops.test;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Small synthetic frames with a known answer: seeded feature columns, then a label (or a numeric target) computed
 * from them by a rule you state, with optional label flips or Gaussian noise. The same seed gives the same frame.
 *
 * <pre>{@code
 * Frame f = SyntheticFrame.newBuilder(200, 42)
 *         .uniform("x1", -1, 1).uniform("x2", -1, 1).categorical("colour", "red", "blue")
 *         .label("class", row -> row.getDouble("x1") > 0 ? "good" : "bad")
 *         .flipLabels(0.05)
 *         .build();
 * }</pre>
 */
public final class SyntheticFrame {
    private SyntheticFrame() {
    }

    /** A builder of {@code rows} rows drawn with {@code seed}. */
    public static Builder newBuilder(int rows, long seed) {
        return new Builder(rows, seed);
    }

    /** {@code x1}, {@code x2} uniform in [-1, 1]; {@code class} is {@code good} exactly when {@code x1 > 0}. */
    public static Frame threshold(int rows, long seed) {
        return newBuilder(rows, seed).uniform("x1", -1, 1).uniform("x2", -1, 1)
                .label("class", r -> r.getDouble("x1") > 0 ? "good" : "bad").build();
    }

    /**
     * {@code x1}, {@code x2} uniform in [-1, 1]; {@code class} is {@code good} exactly when the signs of {@code x1}
     * and {@code x2} differ: no single feature and no linear model separates it, a tree or a kernel does.
     */
    public static Frame xor(int rows, long seed) {
        return newBuilder(rows, seed).uniform("x1", -1, 1).uniform("x2", -1, 1)
                .label("class", r -> (r.getDouble("x1") > 0) != (r.getDouble("x2") > 0) ? "good" : "bad").build();
    }

    /** {@code x} uniform in [0, 10]; {@code y = 2x + 1} plus Gaussian noise of standard deviation {@code noise}. */
    public static Frame line(int rows, long seed, double noise) {
        return newBuilder(rows, seed).uniform("x", 0, 10).target("y", r -> 2 * r.getDouble("x") + 1)
                .gaussianNoise(noise).build();
    }

    /** Collects the columns and the rule. Not thread-safe. */
    public static final class Builder {
        private final int rows;
        private final Random random;
        private final List<Column> columns = new ArrayList<>();
        private String labelName;
        private Function<Row, String> labelRule;
        private ToDoubleFunction<Row> targetRule;
        private double flip;
        private double noise;

        private Builder(int rows, long seed) {
            if (rows < 1) {
                throw new IllegalArgumentException("A synthetic frame needs at least one row, got " + rows);
            }
            this.rows = rows;
            this.random = new Random(seed);
        }

        /** A numeric column uniform in {@code [min, max)}. */
        public Builder uniform(String name, double min, double max) {
            if (!(max > min)) {
                throw new IllegalArgumentException("uniform(" + name + ") needs min < max, got " + min + ", " + max);
            }
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = min + (max - min) * random.nextDouble();
            }
            columns.add(DoubleColumn.of(name, v));
            return this;
        }

        /** A numeric column drawn from a normal distribution. */
        public Builder normal(String name, double mean, double stdDev) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = mean + stdDev * random.nextGaussian();
            }
            columns.add(DoubleColumn.of(name, v));
            return this;
        }

        /** A categorical column, each row one of {@code values} with equal chance. */
        public Builder categorical(String name, String... values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("categorical(" + name + ") needs at least one value");
            }
            String[] v = new String[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = values[random.nextInt(values.length)];
            }
            columns.add(CategoricalColumn.of(name, v));
            return this;
        }

        /** A whole-number identifier column 0, 1, 2, ... (a column no model should depend on). */
        public Builder id(String name) {
            long[] v = new long[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = i;
            }
            columns.add(LongColumn.of(name, v));
            return this;
        }

        /** A categorical label computed from each row's features, marked {@link FieldRole#LABEL}. */
        public Builder label(String name, Function<Row, String> rule) {
            requireNoAnswer();
            this.labelName = Objects.requireNonNull(name, "name");
            this.labelRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** A numeric target computed from each row's features, marked {@link FieldRole#LABEL}. */
        public Builder target(String name, ToDoubleFunction<Row> rule) {
            requireNoAnswer();
            this.labelName = Objects.requireNonNull(name, "name");
            this.targetRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Each label is replaced, with this chance, by another of the labels seen (label noise). */
        public Builder flipLabels(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("flipLabels needs a share in [0, 1], got " + share);
            }
            this.flip = share;
            return this;
        }

        /** Gaussian noise of this standard deviation added to the numeric target. */
        public Builder gaussianNoise(double stdDev) {
            if (!(stdDev >= 0)) {
                throw new IllegalArgumentException("gaussianNoise needs a standard deviation >= 0, got " + stdDev);
            }
            this.noise = stdDev;
            return this;
        }

        /** The frame: the feature columns in the order added, then the label. */
        public Frame build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("A synthetic frame needs at least one feature column before build()");
            }
            if (flip > 0 && labelRule == null || noise > 0 && targetRule == null) {
                throw new IllegalStateException("flipLabels needs label(...), gaussianNoise needs target(...)");
            }
            Frame features = Frame.of(columns);
            if (labelName == null) {
                return features;
            }
            if (targetRule != null) {
                double[] y = new double[rows];
                for (int i = 0; i < rows; i++) {
                    y[i] = targetRule.applyAsDouble(features.row(i)) + noise * random.nextGaussian();
                }
                return features.withColumn(DoubleColumn.of(Field.numeric(labelName), y))
                        .withRole(labelName, FieldRole.LABEL);
            }
            String[] labels = new String[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = labelRule.apply(features.row(i));
            }
            List<String> seen = List.of(labels).stream().distinct().sorted().toList();
            for (int i = 0; i < rows && seen.size() > 1; i++) {
                if (random.nextDouble() < flip) {
                    String other = seen.get(random.nextInt(seen.size() - 1));
                    labels[i] = other.equals(labels[i]) ? seen.get(seen.size() - 1) : other;
                }
            }
            return features.withColumn(CategoricalColumn.of(labelName, labels)).withRole(labelName, FieldRole.LABEL);
        }

        private void requireNoAnswer() {
            if (labelName != null) {
                throw new IllegalStateException("The frame already has its answer '" + labelName + "'");
            }
        }
    }
}
