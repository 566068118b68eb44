package dev.mlops.data.drift;

import dev.mlops.api.FieldType;

/**
 * The distances between one column's reference and current distributions; a distance that does not apply to the
 * column's type is {@code NaN}.
 *
 * @param column        the column
 * @param type          its type
 * @param psi           population stability index (numeric)
 * @param ksStatistic   Kolmogorov-Smirnov statistic (numeric)
 * @param ksPValue      its p-value (numeric)
 * @param jensenShannon Jensen-Shannon distance, base 2 (all types)
 * @param chiSquared    chi-squared statistic of homogeneity (categories)
 * @param chiSquaredPValue its p-value (categories)
 * @param lInfinity     largest difference of one category's share (categories)
 * @param approximate   whether computed from sketches (profiles) rather than raw values
 */
public record ColumnDrift(String column, FieldType type, double psi, double ksStatistic, double ksPValue,
                          double jensenShannon, double chiSquared, double chiSquaredPValue, double lInfinity,
                          boolean approximate) {
}
