package dev.mlops.data.profile;

import dev.mlops.api.Json;

/**
 * The sketch sizes of a profile, which fix its memory and its error bounds (see docs/decisions/020).
 *
 * <ul>
 *   <li>{@code quantileK}: the KLL sketch's k. At the default 200 the normalized rank error is about 1.33%
 *   (single-quantile, 99% confidence): a reported median lies between the 48.7th and 51.3rd percentiles.</li>
 *   <li>{@code distinctLgK}: log2 of the HLL sketch's registers. At the default 12 (4096 registers) the relative
 *   standard error of a distinct count is about 1.6%; counts below a few hundred are exact.</li>
 *   <li>{@code frequentItemsMapSize}: the ItemsSketch's maximum map size (a power of two). With at most 0.75 of
 *   it distinct labels, the counts are exact; otherwise each count is within the reported maximum error.</li>
 *   <li>{@code histogramBins}: equal-width bins of the histogram derived from the quantile sketch.</li>
 *   <li>{@code numericDistinct}: whether numeric columns also get a distinct-count sketch.</li>
 * </ul>
 *
 * @param quantileK            KLL k, 8 to 65535
 * @param distinctLgK          HLL lgK, 4 to 21
 * @param frequentItemsMapSize ItemsSketch maximum map size, a power of two of at least 8
 * @param histogramBins        histogram bins, at least 1
 * @param numericDistinct      distinct counts for numeric columns too
 */
public record ProfileOptions(int quantileK, int distinctLgK, int frequentItemsMapSize, int histogramBins,
                             boolean numericDistinct) {

    /** The defaults: k = 200, lgK = 12, 128 frequent-item slots, 20 bins, numeric distinct counts on. */
    public static final ProfileOptions DEFAULTS = new ProfileOptions(200, 12, 128, 20, true);

    /** Checks each setting; the message names the setting, the bad value and the allowed range. */
    public ProfileOptions {
        if (quantileK < 8 || quantileK > 65535) {
            throw new IllegalArgumentException("ProfileOptions.quantileK must be in [8, 65535], got " + quantileK
                    + "; the default 200 gives a rank error of about 1.33%");
        }
        if (distinctLgK < 4 || distinctLgK > 21) {
            throw new IllegalArgumentException("ProfileOptions.distinctLgK must be in [4, 21], got " + distinctLgK
                    + "; the default 12 gives a distinct-count error of about 1.6%");
        }
        if (frequentItemsMapSize < 8 || Integer.bitCount(frequentItemsMapSize) != 1) {
            throw new IllegalArgumentException("ProfileOptions.frequentItemsMapSize must be a power of two >= 8, got "
                    + frequentItemsMapSize + (frequentItemsMapSize >= 8
                    ? "; use " + Integer.highestOneBit(frequentItemsMapSize) + " or "
                    + Integer.highestOneBit(frequentItemsMapSize) * 2 : "; the default is 128"));
        }
        if (histogramBins < 1) {
            throw new IllegalArgumentException("ProfileOptions.histogramBins must be >= 1, got " + histogramBins);
        }
    }

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder newBuilder() {
        return new Builder(DEFAULTS);
    }

    /** The defaults, {@link #DEFAULTS}. */
    public static ProfileOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with another KLL k. */
    public ProfileOptions withQuantileK(int k) {
        return new ProfileOptions(k, distinctLgK, frequentItemsMapSize, histogramBins, numericDistinct);
    }

    /** A copy with or without distinct counts of numeric columns. */
    public ProfileOptions withNumericDistinct(boolean on) {
        return new ProfileOptions(quantileK, distinctLgK, frequentItemsMapSize, histogramBins, on);
    }

    /** These options as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Options read from {@link #toJson()}. */
    public static ProfileOptions fromJson(String json) {
        return Json.read(json, ProfileOptions.class);
    }
    /** Collects the settings of {@link ProfileOptions}; {@link #build()} checks them. Not safe to share. */
    public static final class Builder {
        private int quantileK;
        private int distinctLgK;
        private int frequentItemsMapSize;
        private int histogramBins;
        private boolean numericDistinct;

        private Builder(ProfileOptions from) {
            this.quantileK = from.quantileK;
            this.distinctLgK = from.distinctLgK;
            this.frequentItemsMapSize = from.frequentItemsMapSize;
            this.histogramBins = from.histogramBins;
            this.numericDistinct = from.numericDistinct;
        }

        /** The KLL sketch's k, 8 to 65535 (default 200). */
        public Builder quantileK(int k) {
            this.quantileK = k;
            return this;
        }

        /** log2 of the HLL sketch's registers, 4 to 21 (default 12). */
        public Builder distinctLgK(int lgK) {
            this.distinctLgK = lgK;
            return this;
        }

        /** The frequent-items sketch's maximum map size, a power of two of at least 8 (default 128). */
        public Builder frequentItemsMapSize(int size) {
            this.frequentItemsMapSize = size;
            return this;
        }

        /** Equal-width histogram bins, at least 1 (default 20). */
        public Builder histogramBins(int bins) {
            this.histogramBins = bins;
            return this;
        }

        /** Whether numeric columns also get a distinct-count sketch (default on). */
        public Builder numericDistinct(boolean on) {
            this.numericDistinct = on;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming the setting, its value and the allowed range when one is out of range
         */
        public ProfileOptions build() {
            return new ProfileOptions(quantileK, distinctLgK, frequentItemsMapSize, histogramBins, numericDistinct);
        }
    }
}
