package dev.mlops.monitor;

import dev.mlops.api.Json;
import java.util.Objects;

/**
 * Which outputs a monitor reads to measure performance once labels arrive (and, for binary classifiers, to
 * estimate it without labels): the predicted class or value, and for binary classifiers the positive class and
 * the output holding its probability.
 *
 * <p>Immutable; JSON with {@link #toJson()} / {@link #fromJson(String)}.
 *
 * @param regression      whether the model predicts a number
 * @param predictedColumn the output with the predicted class (or value)
 * @param positiveClass   the positive class of a binary classifier ({@code null} otherwise)
 * @param scoreColumn     the output with the positive class's probability ({@code null} otherwise)
 */
public record PerformanceSpec(boolean regression, String predictedColumn, String positiveClass, String scoreColumn) {

    /** Checks the settings. */
    public PerformanceSpec {
        Objects.requireNonNull(predictedColumn, "predictedColumn");
        if ((positiveClass == null) != (scoreColumn == null)) {
            throw new IllegalArgumentException("A binary classifier needs both the positive class and its score "
                    + "output; got positiveClass=" + positiveClass + ", scoreColumn=" + scoreColumn);
        }
        if (regression && scoreColumn != null) {
            throw new IllegalArgumentException("A regression model has no positive class or score output");
        }
    }

    /** A binary classifier: predicted class, positive class, and the output with its probability. */
    public static PerformanceSpec binary(String predictedColumn, String positiveClass, String scoreColumn) {
        return new PerformanceSpec(false, predictedColumn, Objects.requireNonNull(positiveClass, "positiveClass"),
                Objects.requireNonNull(scoreColumn, "scoreColumn"));
    }

    /** A classifier of any number of classes (accuracy and balanced accuracy only). */
    public static PerformanceSpec classification(String predictedColumn) {
        return new PerformanceSpec(false, predictedColumn, null, null);
    }

    /** A regression model whose output is the predicted value. */
    public static PerformanceSpec regression(String valueColumn) {
        return new PerformanceSpec(true, valueColumn, null, null);
    }

    /** Whether it is a binary classifier with a score. */
    public boolean binary() {
        return scoreColumn != null;
    }

    /** The settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Settings read from {@link #toJson()}. */
    public static PerformanceSpec fromJson(String json) {
        return Json.read(json, PerformanceSpec.class);
    }
}
