package dev.mlops.samples.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark sample job on local[2], small: counts add up, planted errors are quarantined, the last day drifts. */
class CreditOnSparkTest {
    @Test
    void run_twoCopies_quarantinesThePlantedAgesScoresTheRestAndFindsTheLastDaysDrift() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("credit-on-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        try {
            CreditOnSpark.Summary s = CreditOnSpark.run(spark, 2);
            assertEquals(2000, s.read());
            assertEquals(s.read(), s.passed() + s.quarantined());
            assertTrue(s.quarantined() >= 3, "every 997th age is -1: " + s);
            assertEquals(s.passed(), s.scored());
            assertEquals(5, s.drifted().size());
            assertTrue(s.drifted().get("2026-01-05").contains("credit_amount"), s.toString());
            assertEquals(List.of(), s.drifted().get("2026-01-01"), s.toString());
        } finally {
            spark.stop();
        }
    }
}
