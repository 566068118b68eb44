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

    /** Checks the values as a whole. */
    public ProfileOptions {
        if (quantileK < 8 || quantileK > 65535) {
            throw new IllegalArgumentException("quantileK must be in [8, 65535], got " + quantileK);
        }
        if (distinctLgK < 4 || distinctLgK > 21) {
            throw new IllegalArgumentException("distinctLgK must be in [4, 21], got " + distinctLgK);
        }
        if (frequentItemsMapSize < 8 || Integer.bitCount(frequentItemsMapSize) != 1) {
            throw new IllegalArgumentException("frequentItemsMapSize must be a power of two >= 8, got "
                    + frequentItemsMapSize);
        }
        if (histogramBins < 1) {
            throw new IllegalArgumentException("histogramBins must be >= 1, got " + histogramBins);
        }
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
}
