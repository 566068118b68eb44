package dev.mlops.data.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.api.Json;

/**
 * How a {@link Contract} is inferred from a reference frame, so that the contract holds on other samples of the same
 * data and fails on data that really changed (decisions 022 and 081).
 *
 * @param rangeMargin          numeric ranges are widened by this multiple of the observed span on each side
 *                             ({@code 3}: values seen in [20, 70] give [-130, 220]); a range stays at or above 0
 *                             for whole numbers that were never negative and for numbers whose minimum was 0,
 *                             and integers round outwards
 * @param maxCategories        categorical and text columns with at most this many distinct values get an allowed
 *                             set (a warning) and a new-value share (an error)
 * @param rowCountFactor       the row count may lie in {@code [n / factor, n * factor]}
 * @param missingShareSlack    missing and new-value shares may rise by this much before sampling is even asked
 * @param confidence           the confidence of the contract's sampling rules (missing shares, new-value shares,
 *                             means) together: each rule of k holds at {@code 1 - (1 - confidence) / k}, so two
 *                             samples of the same data set one of them off at most {@code 1 - confidence} of the
 *                             time, however many columns there are
 * @param minDistributionValues the fewest present reference values for which a range is an error (below, a
 *                             warning) and a mean rule is inferred at all: fewer values say too little of the tails
 */
public record InferenceOptions(double rangeMargin, int maxCategories, double rowCountFactor,
                               double missingShareSlack, double confidence, int minDistributionValues) {

    /**
     * Margin 3 spans, at most 50 categories, row count within a factor of 10, slack 0.05, confidence 0.99, ranges
     * and means from 30 values.
     */
    public static final InferenceOptions DEFAULTS = new InferenceOptions(3, 50, 10, 0.05, 0.99, 30);

    /** Checks the values as a whole. */
    public InferenceOptions {
        if (!(rangeMargin >= 0) || maxCategories < 0 || !(rowCountFactor >= 1) || !(missingShareSlack >= 0)
                || !(confidence > 0.5 && confidence < 1) || minDistributionValues < 2) {
            throw new IllegalArgumentException("InferenceOptions need rangeMargin >= 0, maxCategories >= 0, "
                    + "rowCountFactor >= 1, missingShareSlack >= 0, confidence in (0.5, 1) and "
                    + "minDistributionValues >= 2; got " + this);
        }
    }

    /** Options with the default confidence and minimum values (the four settings of the first format). */
    public InferenceOptions(double rangeMargin, int maxCategories, double rowCountFactor, double missingShareSlack) {
        this(rangeMargin, maxCategories, rowCountFactor, missingShareSlack, DEFAULTS.confidence(),
                DEFAULTS.minDistributionValues());
    }

    /** Reads JSON written before {@code confidence} and {@code minDistributionValues} existed, with their defaults. */
    @JsonCreator
    static InferenceOptions json(@JsonProperty("rangeMargin") double rangeMargin,
                                 @JsonProperty("maxCategories") int maxCategories,
                                 @JsonProperty("rowCountFactor") double rowCountFactor,
                                 @JsonProperty("missingShareSlack") double missingShareSlack,
                                 @JsonProperty("confidence") Double confidence,
                                 @JsonProperty("minDistributionValues") Integer minDistributionValues) {
        return new InferenceOptions(rangeMargin, maxCategories, rowCountFactor, missingShareSlack,
                confidence == null ? DEFAULTS.confidence() : confidence,
                minDistributionValues == null ? DEFAULTS.minDistributionValues() : minDistributionValues);
    }

    /** These options with another confidence for the sampling tolerances. */
    public InferenceOptions withConfidence(double newConfidence) {
        return new InferenceOptions(rangeMargin, maxCategories, rowCountFactor, missingShareSlack, newConfidence,
                minDistributionValues);
    }

    /** These options as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Options read from {@link #toJson()}. */
    public static InferenceOptions fromJson(String json) {
        return Json.read(json, InferenceOptions.class);
    }
}
