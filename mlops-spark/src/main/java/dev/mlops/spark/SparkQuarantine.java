package dev.mlops.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

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
 * @param notChecked       the contract's whole-Dataset rules that a partition cannot decide (row count,
 *                         uniqueness, cardinality, freshness, means, missing shares above 0, new values): check them
 *                         on the merged profile
 */
public record SparkQuarantine(Dataset<Row> passed, Dataset<Row> quarantined, long read, long passedCount,
                              long quarantinedCount, List<String> notChecked) {
    /** Checks the counts add up and copies the list. */
    public SparkQuarantine {
        if (read != passedCount + quarantinedCount) {
            throw new IllegalStateException("Read " + read + " rows but " + passedCount + " passed and "
                    + quarantinedCount + " were quarantined; the Dataset changed while it was validated");
        }
        notChecked = List.copyOf(notChecked);
    }
}
