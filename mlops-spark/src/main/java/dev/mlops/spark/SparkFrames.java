package dev.mlops.spark;

import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Frame} as a Spark Dataset, the inverse of {@link SparkSchemas}: NUMERIC as double, INTEGER as bigint,
 * BOOLEAN as boolean, CATEGORICAL and TEXT as string, TIMESTAMP as timestamp. For a reference set or a sample on
 * the driver; large data is read by Spark itself. Stateless and thread-safe.
 */
public final class SparkFrames {
    private SparkFrames() {
    }

    /** The Spark struct of a schema. */
    public static StructType structOf(Schema schema) {
        List<StructField> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(DataTypes.createStructField(f.name(), sparkType(f), f.nullable()));
        }
        return DataTypes.createStructType(fields);
    }

    /** The frame's rows as a Dataset of {@code partitions} contiguous slices, in row order. */
    public static Dataset<Row> dataset(SparkSession spark, Frame frame, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<Row> rows = new ArrayList<>(frame.rowCount());
        for (int r = 0; r < frame.rowCount(); r++) {
            Object[] values = new Object[frame.columnCount()];
            for (int c = 0; c < values.length; c++) {
                Column col = frame.column(c);
                Object v = col.isMissing(r) ? null : col.value(r);
                values[c] = v instanceof Instant i ? Timestamp.from(i) : v;
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows,
                partitions), structOf(frame.schema()));
    }

    private static DataType sparkType(Field f) {
        return switch (f.type()) {
            case NUMERIC -> DataTypes.DoubleType;
            case INTEGER -> DataTypes.LongType;
            case BOOLEAN -> DataTypes.BooleanType;
            case CATEGORICAL, TEXT -> DataTypes.StringType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }
}
