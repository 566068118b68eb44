package dev.mlops.spark;

import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
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

/** One small local[2] session per JVM for every test class, and frames as Datasets. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("mlops-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** The frame's rows as a Dataset of {@code partitions} partitions, in order. */
    static Dataset<Row> dataset(Frame frame, int partitions) {
        Schema schema = frame.schema();
        List<StructField> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(DataTypes.createStructField(f.name(), sparkType(f), true));
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
        StructType struct = DataTypes.createStructType(fields);
        return session().createDataFrame(rows, struct).repartition(partitions);
    }

    /** The frame as a Dataset that keeps row order: {@code partitions} contiguous slices. */
    static Dataset<Row> ordered(Frame frame, int partitions) {
        Dataset<Row> d = dataset(frame, 1);
        List<Row> rows = d.collectAsList();
        return session().createDataFrame(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(session().sparkContext())
                        .parallelize(rows, partitions), d.schema());
    }

    static DataType sparkType(Field f) {
        return switch (f.type()) {
            case NUMERIC -> DataTypes.DoubleType;
            case INTEGER -> DataTypes.LongType;
            case BOOLEAN -> DataTypes.BooleanType;
            case CATEGORICAL, TEXT -> DataTypes.StringType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }
}
