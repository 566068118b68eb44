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

    /** Checks each setting; the message names the setting, the bad value and the allowed range. */
    public InferenceOptions {
        if (!(rangeMargin >= 0)) {
            throw new IllegalArgumentException("InferenceOptions.rangeMargin must be at least 0, got "
                    + rangeMargin + " (the default is 3 spans)");
        }
        if (maxCategories < 0) {
            throw new IllegalArgumentException("InferenceOptions.maxCategories must be at least 0, got "
                    + maxCategories + " (0 infers no allowed sets; the default is 50)");
        }
        if (!(rowCountFactor >= 1)) {
            throw new IllegalArgumentException("InferenceOptions.rowCountFactor must be at least 1, got "
                    + rowCountFactor + " (the default is 10)");
        }
        if (!(missingShareSlack >= 0)) {
            throw new IllegalArgumentException("InferenceOptions.missingShareSlack must be at least 0, got "
                    + missingShareSlack + " (the default is 0.05)");
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("InferenceOptions.confidence must be in (0.5, 1), got " + confidence
                    + " (the default is 0.99)");
        }
        if (minDistributionValues < 2) {
            throw new IllegalArgumentException("InferenceOptions.minDistributionValues must be at least 2, got "
                    + minDistributionValues + " (the default is 30)");
        }
    }

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder newBuilder() {
        return new Builder(DEFAULTS);
    }

    /** The defaults, {@link #DEFAULTS}. */
    public static InferenceOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
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
    /** Collects the settings of {@link InferenceOptions}; {@link #build()} checks them. Not safe to share. */
    public static final class Builder {
        private double rangeMargin;
        private int maxCategories;
        private double rowCountFactor;
        private double missingShareSlack;
        private double confidence;
        private int minDistributionValues;

        private Builder(InferenceOptions from) {
            this.rangeMargin = from.rangeMargin;
            this.maxCategories = from.maxCategories;
            this.rowCountFactor = from.rowCountFactor;
            this.missingShareSlack = from.missingShareSlack;
            this.confidence = from.confidence;
            this.minDistributionValues = from.minDistributionValues;
        }

        /** Numeric ranges widen by this multiple of the observed span on each side, at least 0 (default 3). */
        public Builder rangeMargin(double margin) {
            this.rangeMargin = margin;
            return this;
        }

        /** Columns with at most this many distinct values get an allowed set, at least 0 (default 50). */
        public Builder maxCategories(int max) {
            this.maxCategories = max;
            return this;
        }

        /** The row count may lie within this factor of the reference's, at least 1 (default 10). */
        public Builder rowCountFactor(double factor) {
            this.rowCountFactor = factor;
            return this;
        }

        /** How much missing and new-value shares may rise before sampling is asked, at least 0 (default 0.05). */
        public Builder missingShareSlack(double slack) {
            this.missingShareSlack = slack;
            return this;
        }

        /** The confidence of the sampling rules together, in (0.5, 1) (default 0.99). */
        public Builder confidence(double confidence) {
            this.confidence = confidence;
            return this;
        }

        /** The fewest present values for a range error and a mean rule, at least 2 (default 30). */
        public Builder minDistributionValues(int min) {
            this.minDistributionValues = min;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming the setting, its value and the allowed range when one is out of range
         */
        public InferenceOptions build() {
            return new InferenceOptions(rangeMargin, maxCategories, rowCountFactor, missingShareSlack, confidence,
                    minDistributionValues);
        }
    }
}
