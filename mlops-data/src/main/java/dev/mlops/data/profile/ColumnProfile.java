package dev.mlops.data.profile;

import dev.mlops.api.FieldType;
import java.util.Objects;
import java.util.Optional;

/**
 * The statistics of one column. Which parts are present depends on the type: numbers, integers and timestamps
 * (epoch milliseconds) have {@link #moments()} and {@link #quantiles()}; categories and text have
 * {@link #frequentItems()}; every type but boolean has {@link #distinct()} (numbers only when
 * {@link ProfileOptions#numericDistinct()} is on); booleans have {@link #trueCount()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnProfile {
    private final String name;
    private final FieldType type;
    private final long count;
    private final long missing;
    private final Moments moments;
    private final QuantileSketch quantiles;
    private final DistinctCount distinct;
    private final FrequentItems frequentItems;
    private final long trueCount;

    ColumnProfile(String name, FieldType type, long count, long missing, Moments moments, QuantileSketch quantiles,
                  DistinctCount distinct, FrequentItems frequentItems, long trueCount) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.count = count;
        this.missing = missing;
        this.moments = moments;
        this.quantiles = quantiles;
        this.distinct = distinct;
        this.frequentItems = frequentItems;
        this.trueCount = trueCount;
    }

    /** The column name. */
    public String name() {
        return name;
    }

    /** The column type. */
    public FieldType type() {
        return type;
    }

    /** The number of rows, missing ones included. */
    public long count() {
        return count;
    }

    /** The number of missing values. */
    public long missing() {
        return missing;
    }

    /** The number of present values. */
    public long present() {
        return count - missing;
    }

    /**
     * The number of values that were positive or negative infinity: neither missing nor part of the moments,
     * quantiles or histogram (0 for non-numeric columns).
     */
    public long infinite() {
        return moments == null ? 0 : moments.infinite();
    }

    /** The share of missing values; 0 for an empty column. */
    public double missingShare() {
        return count == 0 ? 0 : (double) missing / count;
    }

    /** Mean, variance, min, max, zeros and infinities, for numeric, integer and timestamp columns. */
    public Optional<Moments> moments() {
        return Optional.ofNullable(moments);
    }

    /** The quantile sketch, for numeric, integer and timestamp columns. */
    public Optional<QuantileSketch> quantiles() {
        return Optional.ofNullable(quantiles);
    }

    /** The distinct-count sketch. */
    public Optional<DistinctCount> distinct() {
        return Optional.ofNullable(distinct);
    }

    /** The frequent-items sketch, for categorical and text columns. */
    public Optional<FrequentItems> frequentItems() {
        return Optional.ofNullable(frequentItems);
    }

    /** The number of true values of a boolean column (0 for other types). */
    public long trueCount() {
        return trueCount;
    }

    /** An equal-width histogram from the quantile sketch, when there is one. */
    public Optional<Histogram> histogram(int bins) {
        return quantiles().map(q -> q.histogram(bins));
    }

    /**
     * The statistics of both columns' values.
     *
     * @throws IllegalArgumentException when the names or types differ
     */
    public ColumnProfile merge(ColumnProfile other) {
        if (!name.equals(other.name) || type != other.type) {
            throw new IllegalArgumentException("Cannot merge the profile of column '" + name + "' (" + type
                    + ") with that of '" + other.name + "' (" + other.type + "); profiles merge column by column");
        }
        return new ColumnProfile(name, type, count + other.count, missing + other.missing,
                moments == null ? null : moments.merge(other.moments),
                quantiles == null ? null : quantiles.merge(other.quantiles),
                distinct == null || other.distinct == null ? null : distinct.merge(other.distinct),
                frequentItems == null ? null : frequentItems.merge(other.frequentItems),
                trueCount + other.trueCount);
    }

    @Override
    public String toString() {
        return "ColumnProfile[" + name + " " + type + ", count=" + count + ", missing=" + missing
                + (moments == null ? "" : ", mean=" + moments.mean() + ", sd=" + moments.stdDev())
                + (infinite() == 0 ? "" : ", infinite=" + infinite())
                + (distinct == null ? "" : ", distinct~" + Math.round(distinct.estimate())) + "]";
    }
}
