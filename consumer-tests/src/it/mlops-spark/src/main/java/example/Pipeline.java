package example;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.data.profile.Profile;
import dev.mlops.spark.SparkFrames;
import dev.mlops.spark.SparkProfiles;
import org.apache.spark.sql.SparkSession;

/** Profiles a small Dataset on local[1] and expects the counts and the mean of one machine. */
public final class Pipeline {
    public static void main(String[] args) {
        double[] amount = new double[1000];
        for (int i = 0; i < amount.length; i++) {
            amount[i] = i;
        }
        Frame frame = Frame.of(DoubleColumn.of("amount", amount));
        SparkSession spark = SparkSession.builder().master("local[1]").appName("uses-mlops-spark")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Profile profile = SparkProfiles.profile(SparkFrames.dataset(spark, frame, 3));
            double mean = profile.column("amount").moments().orElseThrow().mean();
            if (profile.rowCount() != 1000 || Math.abs(mean - 499.5) > 1e-9) {
                throw new AssertionError("1000 rows of mean 499.5 expected, got " + profile);
            }
            System.out.println("mlops-spark consumer: " + profile.rowCount() + " rows, mean " + mean);
        } finally {
            spark.stop();
        }
    }
}
