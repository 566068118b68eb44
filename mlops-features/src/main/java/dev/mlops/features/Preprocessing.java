package dev.mlops.features;

import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.features.internal.ChainRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An unfitted preprocessing chain: the steps, in order, that turn the feature columns of a frame into the numbers a
 * model reads. {@link #fit(Frame)} fits each step on the output of the ones before it and returns a
 * {@link FittedPreprocessing}, which applies in Java and exports one ONNX graph.
 *
 * <pre>{@code
 * FittedPreprocessing prep = Preprocessing.newBuilder()
 *         .impute(Transform.Imputation.MEDIAN, "age")
 *         .scale(Transform.Scaling.STANDARD, "age", "credit_amount")
 *         .oneHot(Transform.UnseenCategories.IGNORE, "purpose")
 *         .exclude("class")
 *         .build()
 *         .fit(train);
 * }</pre>
 *
 * <p>The chain reads every column whose role is FEATURE, except those excluded; numeric, integer and boolean columns
 * that no step touches pass through as numbers. Every categorical or text input must be encoded (one-hot or
 * ordinal) by some step. Immutable and thread-safe; JSON round trip through {@link #toJson()}.
 *
 * @param steps the transforms, in order
 * @param exclude feature columns the chain does not read
 */
public record Preprocessing(List<Transform> steps, List<String> exclude) {

    /** Copies the parts. */
    public Preprocessing {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        exclude = List.copyOf(exclude == null ? List.of() : exclude);
    }

    /** A builder of an empty chain. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding this chain's steps. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps.addAll(steps);
        b.exclude.addAll(exclude);
        return b;
    }

    /**
     * This chain over only these feature columns, as a pipeline fits it after a feature selection: each step keeps
     * the columns it names that are in {@code features}, in its own order, and a step left with none is dropped.
     * Exclusions are kept. Fitting the result on a frame projected to the selection
     * ({@link FeatureSelection#project(Frame)}) gives the chain one would have written for those columns alone.
     */
    public Preprocessing restrictTo(java.util.Collection<String> features) {
        java.util.Set<String> keep = new java.util.HashSet<>(features);
        List<Transform> out = new ArrayList<>();
        for (Transform t : steps) {
            List<String> cols = t.columns().stream().filter(keep::contains).toList();
            if (!cols.isEmpty()) {
                out.add(cols.size() == t.columns().size() ? t : new Transform(t.kind(), cols, t.imputation(),
                        t.constant(), t.scaling(), t.unseen(), t.buckets(), t.offset()));
            }
        }
        return new Preprocessing(out, exclude);
    }

    /**
     * Fits the chain to a frame.
     *
     * <p>Numeric inputs must be finite or missing (NaN): an infinity would make a fill value, a mean or a scale
     * meaningless and every transformed value missing, so it is refused here, before any step sees it.
     *
     * @throws IllegalArgumentException naming the column and step when a step does not fit the data, or a categorical
     *     input is left unencoded; naming the column, row and value when a numeric input holds an infinity
     */
    public FittedPreprocessing fit(Frame frame) {
        List<Field> inputs = new ArrayList<>();
        for (Column c : frame.columns()) {
            if (c.field().role() == FieldRole.FEATURE && !exclude.contains(c.name())) {
                switch (c.type()) {
                    case TIMESTAMP -> throw new IllegalArgumentException("Feature '" + c.name() + "' is a TIMESTAMP,"
                            + " which preprocessing does not encode; derive numbers from it or exclude it");
                    default -> inputs.add(c.field());
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("The frame has no feature columns to preprocess (columns: "
                    + frame.columnNames() + ")");
        }
        for (Field f : inputs) {
            requireFinite(frame.column(f.name()));
        }
        Frame working = ChainRunner.normalize(frame, inputs);
        List<FittedTransform> fitted = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Transform t = steps.get(i);
            FittedTransform f;
            try {
                f = t.fit(working);
                working = f.apply(working);
            } catch (IllegalArgumentException | dev.mlops.api.DataException e) {
                throw new IllegalArgumentException("Step " + (i + 1) + " (" + t.kind() + " " + t.columns() + ") does"
                        + " not fit the training data: " + e.getMessage(), e);
            }
            fitted.add(f);
        }
        List<String> unencoded = new ArrayList<>();
        for (Column c : working.columns()) {
            if (!(c instanceof DoubleColumn)) {
                unencoded.add(c.name() + " (" + c.type() + ")");
            }
        }
        if (!unencoded.isEmpty()) {
            throw new IllegalArgumentException("These inputs are not numbers at the end of the chain: " + unencoded
                    + "; add oneHot or ordinal for them, or exclude them");
        }
        return new FittedPreprocessing(inputs, fitted, working.columnNames());
    }

    private static void requireFinite(Column c) {
        if (!(c instanceof DoubleColumn d)) {
            return; // integers and booleans are always finite; labels are not numbers
        }
        int first = -1;
        int count = 0;
        for (int r = 0; r < d.size(); r++) {
            if (Double.isInfinite(d.getDouble(r))) {
                count++;
                first = first < 0 ? r : first;
            }
        }
        if (count > 0) {
            throw new IllegalArgumentException("Column '" + c.name() + "' holds " + d.getDouble(first) + " at row "
                    + first + (count > 1 ? " (and " + (count - 1) + " more infinite values)" : "") + ", but"
                    + " preprocessing fits finite numbers only: a fill value, mean or scale fitted on an infinity is"
                    + " meaningless and turns every transformed value missing. Clean the column first: cap it to a"
                    + " finite range, or set the infinities missing and impute them");
        }
    }

    /** The chain as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads a chain written by {@link #toJson()}. */
    public static Preprocessing fromJson(String json) {
        return Json.read(json, Preprocessing.class);
    }

    /** Collects the steps of a {@link Preprocessing}. Not thread-safe. */
    public static final class Builder {
        private final List<Transform> steps = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();

        private Builder() {
        }

        /** Adds a step. */
        public Builder add(Transform step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** Adds {@link Transform#impute}. */
        public Builder impute(Transform.Imputation imputation, String... columns) {
            return add(Transform.impute(imputation, columns));
        }

        /** Adds {@link Transform#imputeConstant(double, String...)}. */
        public Builder imputeConstant(double value, String... columns) {
            return add(Transform.imputeConstant(value, columns));
        }

        /** Adds {@link Transform#imputeConstant(String, String...)}. */
        public Builder imputeConstant(String value, String... columns) {
            return add(Transform.imputeConstant(value, columns));
        }

        /** Adds {@link Transform#scale}. */
        public Builder scale(Transform.Scaling scaling, String... columns) {
            return add(Transform.scale(scaling, columns));
        }

        /** Adds {@link Transform#oneHot}. */
        public Builder oneHot(Transform.UnseenCategories unseen, String... columns) {
            return add(Transform.oneHot(unseen, columns));
        }

        /** Adds {@link Transform#ordinal}. */
        public Builder ordinal(String... columns) {
            return add(Transform.ordinal(columns));
        }

        /** Adds {@link Transform#bucketize}. */
        public Builder bucketize(int buckets, String... columns) {
            return add(Transform.bucketize(buckets, columns));
        }

        /** Adds {@link Transform#log}. */
        public Builder log(String... columns) {
            return add(Transform.log(columns));
        }

        /** Feature columns the chain does not read (the label, when its role is still FEATURE). */
        public Builder exclude(String... columns) {
            exclude.addAll(Arrays.asList(columns));
            return this;
        }

        /** The chain; checks that no step repeats work on a column the same way. */
        public Preprocessing build() {
            return new Preprocessing(steps, exclude);
        }
    }
}
