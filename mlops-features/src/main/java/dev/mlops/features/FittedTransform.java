package dev.mlops.features;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.features.internal.FittedSteps;
import java.util.List;

/**
 * A preprocessing step fitted to data: immutable, it applies the same learned values (fill values, offsets,
 * categories, cut points) to any frame with its input columns, and can emit itself as ONNX nodes (through
 * {@link FittedPreprocessing#toOnnx()}). Columns it does not touch pass through unchanged.
 *
 * <p>Thread-safe. JSON round trip through {@link #toJson()} / {@link #fromJson(String)}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FittedSteps.Impute.class, name = "impute"),
    @JsonSubTypes.Type(value = FittedSteps.Scale.class, name = "scale"),
    @JsonSubTypes.Type(value = FittedSteps.OneHot.class, name = "one_hot"),
    @JsonSubTypes.Type(value = FittedSteps.Ordinal.class, name = "ordinal"),
    @JsonSubTypes.Type(value = FittedSteps.Bucketize.class, name = "bucketize"),
    @JsonSubTypes.Type(value = FittedSteps.Log.class, name = "log")
})
public interface FittedTransform {

    /**
     * The frame with this step's columns replaced by their transformed values (numeric results as NUMERIC columns).
     *
     * @throws IllegalArgumentException naming the column when an input column is absent or of the wrong type
     * @throws dev.mlops.api.DataException naming column, row and value for an unseen category under
     *     {@link Transform.UnseenCategories#ERROR}
     */
    Frame apply(Frame frame);

    /** The columns this step reads. */
    List<String> inputColumns();

    /** The step as JSON. */
    default String toJson() {
        return Json.write(this);
    }

    /** Reads a step written by {@link #toJson()}. */
    static FittedTransform fromJson(String json) {
        return Json.read(json, FittedTransform.class);
    }
}
