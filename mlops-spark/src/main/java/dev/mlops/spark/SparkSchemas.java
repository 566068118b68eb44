package dev.mlops.spark;

import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps a Spark schema to the SDK's {@link Schema}. The mapping:
 *
 * <table>
 *   <caption>Spark type to field type</caption>
 *   <tr><th>Spark</th><th>{@link FieldType}</th><th>values</th></tr>
 *   <tr><td>double, float, decimal</td><td>NUMERIC</td><td>as {@code double}</td></tr>
 *   <tr><td>tinyint, smallint, int, bigint</td><td>INTEGER</td><td>as {@code long}</td></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td><td></td></tr>
 *   <tr><td>string</td><td>CATEGORICAL, or TEXT for the columns named as text</td><td></td></tr>
 *   <tr><td>timestamp, timestamp_ntz, date</td><td>TIMESTAMP</td><td>epoch milliseconds, UTC (a date at
 *       midnight UTC; a timestamp_ntz read as UTC)</td></tr>
 * </table>
 *
 * <p>Every other type (binary, array, map, struct, interval, variant) is rejected with the column and its type.
 * Spark's nullability carries over. Stateless and thread-safe.
 */
public final class SparkSchemas {
    private SparkSchemas() {
    }

    /** The schema of a Dataset, strings as CATEGORICAL. */
    public static Schema schemaOf(Dataset<Row> data) {
        return schemaOf(data.schema(), Set.of());
    }

    /**
     * The schema of a Spark struct, the string columns named in {@code textColumns} as TEXT, the others as
     * CATEGORICAL.
     *
     * @throws DataException naming the column and its Spark type when a type has no mapping
     * @throws IllegalArgumentException when a text column is not a string column of the struct
     */
    public static Schema schemaOf(StructType struct, Set<String> textColumns) {
        List<Field> fields = new ArrayList<>();
        for (String t : textColumns) {
            if (!List.of(struct.fieldNames()).contains(t) || !(struct.apply(t).dataType() instanceof StringType)) {
                throw new IllegalArgumentException("Text column '" + t + "' is not a string column of the Dataset; "
                        + "its columns are " + struct.simpleString());
            }
        }
        for (StructField f : struct.fields()) {
            FieldType type = typeOf(f, textColumns.contains(f.name()));
            fields.add(new Field(f.name(), type, f.nullable(), null));
        }
        return Schema.of(fields);
    }

    private static FieldType typeOf(StructField f, boolean text) {
        DataType t = f.dataType();
        if (t instanceof DoubleType || t instanceof FloatType || t instanceof DecimalType) {
            return FieldType.NUMERIC;
        }
        if (t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType) {
            return FieldType.INTEGER;
        }
        if (t instanceof BooleanType) {
            return FieldType.BOOLEAN;
        }
        if (t instanceof StringType) {
            return text ? FieldType.TEXT : FieldType.CATEGORICAL;
        }
        if (t instanceof TimestampType || t instanceof TimestampNTZType || t instanceof DateType) {
            return FieldType.TIMESTAMP;
        }
        throw new DataException("Column '" + f.name() + "' has Spark type " + t.simpleString()
                + ", which has no SDK field type; drop the column, or cast it to double, bigint, boolean, string, "
                + "date or timestamp first (Dataset.withColumn(name, col(name).cast(...))).");
    }
}
