package dev.mlops.data.validate;

import dev.mlops.api.Json;

/**
 * How a {@link Contract} is inferred from a reference frame (see docs/decisions/021).
 *
 * @param rangeMargin       numeric ranges are widened by this share of the observed range on each side
 *                          ({@code 0.1}: values seen in [20, 70] give [15, 75]); integers round outwards
 * @param maxCategories     categorical and text columns with at most this many distinct values get an allowed set
 * @param rowCountFactor    the row count may lie in {@code [n / factor, n * factor]}
 * @param missingShareSlack a column with missing values may miss up to the observed share plus this much
 */
public record InferenceOptions(double rangeMargin, int maxCategories, double rowCountFactor,
                               double missingShareSlack) {

    /** Margin 0.1, at most 50 categories, row count within a factor of 10, missing-share slack 0.05. */
    public static final InferenceOptions DEFAULTS = new InferenceOptions(0.1, 50, 10, 0.05);

    /** Checks the values as a whole. */
    public InferenceOptions {
        if (!(rangeMargin >= 0) || maxCategories < 0 || !(rowCountFactor >= 1) || !(missingShareSlack >= 0)) {
            throw new IllegalArgumentException("InferenceOptions need rangeMargin >= 0, maxCategories >= 0, "
                    + "rowCountFactor >= 1 and missingShareSlack >= 0; got " + this);
        }
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
