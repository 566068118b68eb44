package dev.mlops.spark;

import dev.mlops.api.Frame;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;


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

    /** The frame's rows as a Dataset of {@code partitions} partitions, shuffled. */
    static Dataset<Row> dataset(Frame frame, int partitions) {
        return SparkFrames.dataset(session(), frame, 1).repartition(partitions);
    }

    /** The frame as a Dataset that keeps row order: {@code partitions} contiguous slices. */
    static Dataset<Row> ordered(Frame frame, int partitions) {
        return SparkFrames.dataset(session(), frame, partitions);
    }
}
