package dev.mlops.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.mlops.data.validate.ValidationReport;

/**
 * A Dataset split by a contract's row-level rules: the rows that break none, and the others with the rules each
 * broke in the text column {@value dev.mlops.data.validate.Quarantine#VIOLATIONS_COLUMN} (as in
 * {@link dev.mlops.data.validate.Quarantine}). {@code read == passedCount + quarantinedCount}.
 *
 * @param passed           the rows that break no row-level rule, with the input columns
 * @param quarantined      the other rows, with the input columns and the violations column
 * @param read             the rows read
 * @param passedCount      the rows in {@code passed}
 * @param quarantinedCount the rows in {@code quarantined}
 * @param wholeDataset     the contract's rules about the whole Dataset (row count, uniqueness, cardinality,
 *                         freshness, means, missing shares above 0, new values), checked as one machine checks them
 *                         on the columns they read; a report with no results when the contract has none
 */
public record SparkQuarantine(Dataset<Row> passed, Dataset<Row> quarantined, long read, long passedCount,
                              long quarantinedCount, ValidationReport wholeDataset) {
    /** Checks the counts add up. */
    public SparkQuarantine {
        if (read != passedCount + quarantinedCount) {
            throw new IllegalStateException("Read " + read + " rows but " + passedCount + " passed and "
                    + quarantinedCount + " were quarantined; the Dataset changed while it was validated");
        }
    }

    /** Whether every row-level rule held for every row and every whole-Dataset rule at error level held. */
    public boolean passedAll() {
        return quarantinedCount == 0 && wholeDataset.passed();
    }
}
