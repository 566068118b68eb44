package dev.mlops.features;

import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.features.internal.TransformFitter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One unfitted preprocessing step over some columns: its kind and settings. {@link #fit(Frame)} learns what it needs
 * from data (means, categories, cut points) and returns an immutable {@link FittedTransform}. Chain steps with
 * {@link Preprocessing}.
 *
 * <p>Immutable and thread-safe; JSON round trip through {@link #toJson()} / {@link #fromJson(String)}. Build with
 * the static factories ({@link #impute}, {@link #scale}, {@link #oneHot}, {@link #ordinal}, {@link #bucketize},
 * {@link #log}).
 *
 * @param kind what the step does
 * @param columns the columns it reads and replaces
 * @param imputation for {@link Kind#IMPUTE}: how the fill value is chosen
 * @param constant for {@link Imputation#CONSTANT}: the fill value (a number for numeric columns)
 * @param scaling for {@link Kind#SCALE}: the scaler
 * @param unseen for {@link Kind#ONE_HOT}: what a category not seen in fitting becomes
 * @param buckets for {@link Kind#BUCKETIZE}: the number of equal-frequency buckets
 * @param offset for {@link Kind#LOG}: the transform is {@code ln(x + offset)}
 */
public record Transform(Kind kind, List<String> columns, Imputation imputation, String constant, Scaling scaling,
        UnseenCategories unseen, int buckets, double offset) {

    /** What a transform does. */
    public enum Kind {
        /** Fill missing values. */
        IMPUTE,
        /** Shift and scale numbers. */
        SCALE,
        /** One 0/1 column per category. */
        ONE_HOT,
        /** One column of category indices. */
        ORDINAL,
        /** Equal-frequency bucket indices. */
        BUCKETIZE,
        /** {@code ln(x + offset)}. */
        LOG
    }

    /** How an imputer chooses the fill value. */
    public enum Imputation {
        /** The mean of the fitted values (numeric columns). */
        MEAN,
        /** The median of the fitted values (numeric columns). */
        MEDIAN,
        /** The most frequent value, the smallest among ties (numeric or categorical). */
        MOST_FREQUENT,
        /** A given constant. */
        CONSTANT
    }

    /** How a scaler maps {@code x} to {@code (x - offset) * scale}. */
    public enum Scaling {
        /** Offset the mean, scale by 1 / standard deviation (divisor n). */
        STANDARD,
        /** Offset the minimum, scale by 1 / (max - min), into [0, 1]. */
        MIN_MAX,
        /** Offset the median, scale by 1 / interquartile range; robust to outliers. */
        ROBUST
    }

    /** What one-hot encoding does with a category it did not see when fitted (and with missing values). */
    public enum UnseenCategories {
        /** All zeros. */
        IGNORE,
        /** Fail, naming the column, row and value. */
        ERROR
    }

    /** Checks the settings for the kind. */
    public Transform {
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A " + kind + " transform needs at least one column");
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("A " + kind + " transform lists a column twice: " + columns);
        }
        switch (kind) {
            case IMPUTE -> {
                Objects.requireNonNull(imputation, "imputation");
                if (imputation == Imputation.CONSTANT && (constant == null || constant.isEmpty())) {
                    throw new IllegalArgumentException("Constant imputation needs a non-empty constant");
                }
            }
            case SCALE -> Objects.requireNonNull(scaling, "scaling");
            case ONE_HOT -> Objects.requireNonNull(unseen, "unseen");
            case BUCKETIZE -> {
                if (buckets < 2) {
                    throw new IllegalArgumentException("Bucketizing needs at least 2 buckets, got " + buckets);
                }
            }
            case LOG -> {
                if (!Double.isFinite(offset)) {
                    throw new IllegalArgumentException("The log transform needs a finite offset, got " + offset);
                }
            }
            case ORDINAL -> {
            }
        }
    }

    /** Fills missing values with the mean, median or most frequent value of each column. */
    public static Transform impute(Imputation imputation, String... columns) {
        if (imputation == Imputation.CONSTANT) {
            throw new IllegalArgumentException("CONSTANT imputation of " + Arrays.asList(columns)
                    + " has no value to fill in; use imputeConstant(value, columns)");
        }
        return new Transform(Kind.IMPUTE, Arrays.asList(columns), imputation, null, null, null, 0, 0);
    }

    /** Fills missing values of numeric columns with a constant. */
    public static Transform imputeConstant(double value, String... columns) {
        return new Transform(Kind.IMPUTE, Arrays.asList(columns), Imputation.CONSTANT, Double.toString(value), null,
                null, 0, 0);
    }

    /** Fills missing values of categorical or text columns with a constant label. */
    public static Transform imputeConstant(String value, String... columns) {
        return new Transform(Kind.IMPUTE, Arrays.asList(columns), Imputation.CONSTANT, value, null, null, 0, 0);
    }

    /** Scales numeric columns (missing values stay missing). */
    public static Transform scale(Scaling scaling, String... columns) {
        return new Transform(Kind.SCALE, Arrays.asList(columns), null, null, scaling, null, 0, 0);
    }

    /**
     * Replaces each categorical or text column {@code c} by one 0/1 column {@code c=label} per category seen in
     * fitting, in sorted order. Missing values count as unseen (impute them first to give them a category).
     */
    public static Transform oneHot(UnseenCategories unseen, String... columns) {
        return new Transform(Kind.ONE_HOT, Arrays.asList(columns), null, null, null, unseen, 0, 0);
    }

    /** Replaces categorical or text columns by the index of their label among the sorted fitted labels; unseen or missing: -1. */
    public static Transform ordinal(String... columns) {
        return new Transform(Kind.ORDINAL, Arrays.asList(columns), null, null, null, null, 0, 0);
    }

    /** Replaces numeric columns by their equal-frequency bucket index {@code 0..buckets-1} (missing stays missing). */
    public static Transform bucketize(int buckets, String... columns) {
        return new Transform(Kind.BUCKETIZE, Arrays.asList(columns), null, null, null, null, buckets, 0);
    }

    /** Replaces numeric columns {@code x} by {@code ln(1 + x)} (missing stays missing; below -1 gives NaN). */
    public static Transform log(String... columns) {
        return logWithOffset(1, columns);
    }

    /** Replaces numeric columns {@code x} by {@code ln(x + offset)}. */
    public static Transform logWithOffset(double offset, String... columns) {
        return new Transform(Kind.LOG, Arrays.asList(columns), null, null, null, null, 0, offset);
    }

    /**
     * Learns this step from a frame.
     *
     * @throws IllegalArgumentException naming the column when a column is missing or of a type the step cannot use
     */
    public FittedTransform fit(Frame frame) {
        return TransformFitter.fit(this, frame);
    }

    /** The settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads settings written by {@link #toJson()}. */
    public static Transform fromJson(String json) {
        return Json.read(json, Transform.class);
    }
}
