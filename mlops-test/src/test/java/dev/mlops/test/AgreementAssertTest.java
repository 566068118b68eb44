package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.serve.ModelServer;
import dev.mlops.test.junit.ModelServerExtension;
import org.junit.jupiter.api.Test;

class AgreementAssertTest {
    /** The model, except that rows with x1 above 0.9 get their probability of good lowered by 0.3. */
    private static Frame nudged(Frame rows) {
        Frame p = Fixtures.MODEL.predict(rows);
        double[] good = p.doubles(Predictor.probabilityOf("good")).toArray();
        for (int i = 0; i < good.length; i++) {
            good[i] -= rows.doubles("x1").getDouble(i) > 0.9 ? 0.3 : 0;
        }
        return p.withColumn(DoubleColumn.of(Predictor.probabilityOf("good"), good));
    }

    @Test
    void agreesWith_theServedOnnxOfTheTrainedModel_agreesWithinTheDefaultTolerance() {
        try (ModelServer server = ModelServer.newBuilder()
                .artifact(ModelServerExtension.artifactOf(Fixtures.MODEL)).build()) {
            assertThat(server).agreesWith(Fixtures.MODEL).onRows(Fixtures.TEST);
            assertThat(Fixtures.MODEL).agreesWith(server).withTolerance(1e-5).onRows(Fixtures.TEST);
        }
    }

    @Test
    void agreesWith_aModelThatDiffersOnSomeRows_failsNamingThoseRowsTheirNumbersAndValues() {
        Frame rows = Fixtures.TEST.head(60);
        int expected = (int) java.util.stream.IntStream.range(0, 60)
                .filter(i -> rows.doubles("x1").getDouble(i) > 0.9).count();
        int first = java.util.stream.IntStream.range(0, 60).filter(i -> rows.doubles("x1").getDouble(i) > 0.9)
                .findFirst().orElseThrow();
        double p = Fixtures.MODEL.predict(rows).doubles("probabilities.good").getDouble(first);
        assertThatThrownBy(() -> assertThat(Fixtures.MODEL).agreesWith(AgreementAssertTest::nudged).onRows(rows))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but " + expected + " rows disagree")
                .hasMessageContaining("row " + first + ": probabilities.good " + PredictionDiff.num(p)
                        + " (the trained model) vs " + PredictionDiff.num(p - 0.3) + " (the other model)")
                .hasMessageContaining("x1=" + rows.column("x1").format(first));
    }

    @Test
    void agreesWith_aToleranceWiderThanTheDifference_passes() {
        assertThat(Fixtures.MODEL).agreesWith(AgreementAssertTest::nudged).withTolerance(0.31)
                .onRows(Fixtures.TEST);
    }
}
