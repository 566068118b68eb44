package dev.mlops.spark;

import dev.mlops.api.Schema;
import dev.mlops.data.validate.Constraint;
import dev.mlops.data.validate.Contract;
import dev.mlops.data.validate.Quarantine;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Row-level quarantine of a Dataset by a {@link Contract}: every partition runs the same {@link Validator} as one
 * machine does, chunk by chunk, and each row keeps the rules it broke. Rules about a single row (type, range,
 * allowed values, pattern, finiteness, no missing value) give the same verdict per row on a partition as on the
 * whole. Rules about the whole Dataset (uniqueness, row count, cardinality, freshness, means, missing shares, new
 * values) run the same {@link Validator} on the driver over only the columns they read
 * ({@link SparkQuarantine#wholeDataset()}): exact, at the cost of bringing those columns to the driver.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkValidation {
    private SparkValidation() {
    }

    /**
     * Splits a Dataset into passed and quarantined rows. The split is persisted (memory and disk) so the counts
     * and both Datasets are computed once; unpersist {@code passed} when done.
     *
     * @throws IllegalArgumentException when the Dataset already has a violations column
     */
    public static SparkQuarantine quarantine(Dataset<Row> data, Contract contract) {
        if (List.of(data.columns()).contains(Quarantine.VIOLATIONS_COLUMN)) {
            throw new IllegalArgumentException("The Dataset already has a column '" + Quarantine.VIOLATIONS_COLUMN
                    + "'; drop or rename it before validating");
        }
        List<Constraint> rowLevel = new ArrayList<>();
        List<Constraint> whole = new ArrayList<>();
        for (Constraint c : contract.constraints()) {
            (isRowLevel(c) ? rowLevel : whole).add(c);
        }
        Schema schema = SparkSchemas.schemaOf(data);
        ValidationReport wholeDataset = wholeDataset(data, schema, whole);
        String schemaJson = schema.toJson();
        String contractJson = Contract.of(rowLevel).toJson();
        int width = schema.size();
        JavaRDD<Row> tagged = data.javaRDD().mapPartitions(rows -> {
            Schema s = Schema.fromJson(schemaJson);
            Validator v = Validator.of(Contract.fromJson(contractJson)).withSampleSize(0);
            List<Row> out = new ArrayList<>();
            RowFrames.chunks(rows, s, (frame, chunk) -> {
                String[] why = new String[chunk.size()];
                for (Quarantine.RowViolations rv : v.quarantine(frame).violations()) {
                    why[rv.row()] = String.join("; ", rv.constraints());
                }
                for (int r = 0; r < chunk.size(); r++) {
                    Object[] values = new Object[width + 1];
                    Row row = chunk.get(r);
                    for (int c = 0; c < width; c++) {
                        values[c] = row.get(c);
                    }
                    values[width] = why[r];
                    out.add(RowFactory.create(values));
                }
            });
            return out.iterator();
        });
        StructType outSchema = data.schema().add(Quarantine.VIOLATIONS_COLUMN, DataTypes.StringType, true);
        Dataset<Row> all = data.sparkSession().createDataFrame(tagged, outSchema).persist(StorageLevel.MEMORY_AND_DISK());
        Row counts = all.agg(functions.count(functions.lit(1)),
                functions.count(functions.col(Quarantine.VIOLATIONS_COLUMN))).first();
        long read = counts.getLong(0);
        long bad = counts.getLong(1);
        Dataset<Row> passed = all.filter(functions.col(Quarantine.VIOLATIONS_COLUMN).isNull())
                .drop(Quarantine.VIOLATIONS_COLUMN);
        Dataset<Row> quarantined = all.filter(functions.col(Quarantine.VIOLATIONS_COLUMN).isNotNull());
        return new SparkQuarantine(passed, quarantined, read, read - bad, bad, wholeDataset);
    }

    /** The whole-Dataset rules, run by the single-machine validator over the columns they read. */
    private static ValidationReport wholeDataset(Dataset<Row> data, Schema schema, List<Constraint> rules) {
        java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
        for (Constraint c : rules) {
            if (!c.column().isEmpty()) {
                columns.add(c.column());
            }
        }
        if (columns.isEmpty() && !rules.isEmpty()) {
            columns.add(schema.field(0).name()); // a row count reads no column; one keeps the rows
        }
        List<dev.mlops.api.Field> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(schema.field(c));
        }
        Schema projected = Schema.of(fields);
        List<dev.mlops.api.Frame> chunks = new ArrayList<>();
        if (!rules.isEmpty()) {
            Dataset<Row> cols = data.select(columns.stream().map(functions::col).toArray(org.apache.spark.sql.Column[]::new));
            RowFrames.chunks(cols.toLocalIterator(), projected, (frame, rows) -> chunks.add(frame));
        }
        dev.mlops.api.Frame frame = chunks.isEmpty() ? dev.mlops.api.Frame.empty(projected)
                : dev.mlops.api.Frame.concat(chunks);
        return Validator.of(Contract.of(rules)).validate(frame, "the whole Dataset");
    }

    /** Whether a partition decides the rule for each of its rows as the whole Dataset would. */
    static boolean isRowLevel(Constraint c) {
        return c instanceof Constraint.TypeIs || c instanceof Constraint.Range || c instanceof Constraint.AllowedValues
                || c instanceof Constraint.Matches || c instanceof Constraint.Finite
                || c instanceof Constraint.Completeness k && k.maxMissingShare() == 0;
    }
}
