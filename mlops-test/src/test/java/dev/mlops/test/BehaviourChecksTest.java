package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.test.BehaviourChecks.Direction;
import dev.mlops.test.BehaviourReport.Kind;
import org.junit.jupiter.api.Test;

class BehaviourChecksTest {
    private static final Predictor MODEL = Predictor.of(Fixtures.MODEL);
    /** A model that leaks its id: rows with an even id lose 0.2 of P(good). */
    private static final Predictor LEAKY = rows -> {
        Frame p = Fixtures.MODEL.predict(rows);
        double[] good = p.doubles("probabilities.good").toArray();
        for (int i = 0; i < good.length; i++) {
            good[i] -= rows.longs("id").getLong(i) % 2 == 0 ? 0.2 : 0;
        }
        return p.withColumn(DoubleColumn.of("probabilities.good", good));
    };

    private static Frame cases() {
        return Frame.of(DoubleColumn.of("x1", 0.9, -0.9, 0.8), DoubleColumn.of("x2", 0, 0, 0),
                CategoricalColumn.of("expected", "good", "bad", "bad"), LongColumn.of("id", 1, 3, 5));
    }

    @Test
    void run_aModelOfAKnownRule_passesEveryKindOfCheck() {
        BehaviourReport report = BehaviourChecks.of(MODEL, Fixtures.TEST).named("threshold")
                .invariantTo("id", 1e-9)
                .invariantTo("group", 1e-9)
                .directional("x1", 0.1, Predictor.probabilityOf("bad"), Direction.NOT_INCREASING, 1e-9)
                .minimumFunctionality("obvious cases", cases().head(2), "expected")
                .sliceFloor("group", "class", "accuracy", 0.9, 30)
                .run();
        assertThat(report).allChecksPassed();
        assertThat(report.checks()).extracting(BehaviourReport.CheckResult::kind).containsExactly(Kind.INVARIANCE,
                Kind.INVARIANCE, Kind.DIRECTIONAL, Kind.MINIMUM_FUNCTIONALITY, Kind.SLICE_FLOOR);
    }

    @Test
    void invariantTo_aModelThatUsesTheId_failsNamingEveryChangedRow() {
        BehaviourReport report = BehaviourChecks.of(LEAKY, Fixtures.TEST).invariantTo("id", 0.01).run();
        BehaviourReport.CheckResult id = report.checks().get(0);
        // reversing 200 ids 0..199 makes every even id odd and every odd id even: every row moves by 0.2
        assertThat(id.passed()).isFalse();
        assertThat(id.failingRows()).isEqualTo(200);
        assertThat(id.sample()).hasSize(BehaviourChecks.SAMPLE_SIZE);
        assertThat(id.sample().get(0).row()).isZero();
        assertThat(id.sample().get(0).problem()).contains("probabilities.good").contains("difference 0.2")
                .endsWith("; changed: id 0 -> 199");
        assertThatThrownBy(() -> assertThat(report).allChecksPassed())
                .hasMessageContaining("1 of 1 failed")
                .hasMessageContaining("200 of 200 predictions changed by more than 0.01000")
                .hasMessageContaining("row 0: probabilities.good").hasMessageContaining("id=0")
                .hasMessageContaining("... and 190 more rows");
    }

    @Test
    void directional_theWrongDirection_failsNamingTheRowsWithBeforeAndAfter() {
        BehaviourReport report = BehaviourChecks.of(MODEL, Fixtures.TEST)
                .directional("x1", 0.1, Predictor.probabilityOf("good"), Direction.NOT_INCREASING, 1e-6).run();
        BehaviourReport.CheckResult r = report.checks().get(0);
        assertThat(r.passed()).isFalse();
        assertThat(r.failingRows()).isGreaterThan(100);
        assertThat(r.sample().get(0).problem()).startsWith("probabilities.good ").contains(" when x1 ");
        assertThat(report).failedCheck("raising x1 by 0.1000 does not raise probabilities.good");
    }

    @Test
    void minimumFunctionality_aWrongExpectation_namesTheCaseAndThePrediction() {
        BehaviourReport report = BehaviourChecks.of(MODEL, Fixtures.TEST)
                .minimumFunctionality("obvious cases", cases(), "expected").run();
        BehaviourReport.CheckResult r = report.checks().get(0);
        assertThat(r.failingRows()).isEqualTo(1);
        assertThat(r.sample().get(0).row()).isEqualTo(2);
        assertThat(r.sample().get(0).problem()).startsWith("expected bad, predicted good (probabilities.bad=");
        assertThat(r.sample().get(0).values()).containsEntry("x1", "0.8");
    }

    @Test
    void sliceFloor_aSliceBelowTheFloor_failsWithItsValueAndItsWrongRows() {
        Predictor wrongOnB = rows -> {
            Frame p = Fixtures.MODEL.predict(rows);
            String[] labels = new String[rows.rowCount()];
            for (int i = 0; i < labels.length; i++) {
                String l = p.column("label").format(i);
                labels[i] = rows.column("group").format(i).equals("b") ? (l.equals("good") ? "bad" : "good") : l;
            }
            return Frame.of(CategoricalColumn.of("label", labels));
        };
        BehaviourReport report = BehaviourChecks.of(wrongOnB, Fixtures.TEST)
                .sliceFloor("group", "class", "accuracy", 0.9, 30).run();
        BehaviourReport.CheckResult r = report.checks().get(0);
        assertThat(r.passed()).isFalse();
        assertThat(r.rowsChecked()).isEqualTo(2);
        assertThat(r.detail()).contains("group=b: ").contains("(below the floor)").doesNotContain("group=a: 0.0");
        assertThat(r.sample()).allSatisfy(row -> assertThat(row.values()).containsEntry("group", "b"));
    }

    @Test
    void report_jsonRoundTrip_isTheSameReport() {
        BehaviourReport report = BehaviourChecks.of(LEAKY, Fixtures.TEST).invariantTo("id", 0.01)
                .minimumFunctionality("obvious cases", cases(), "expected").run();
        assertThat(BehaviourReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void invariantTo_aColumnThePredictorIgnores_passesForAnyRowsAndTolerance() {
        qt().withExamples(30).forAll(integers().between(1, 80), integers().between(0, 1000), doubles().between(0, 1))
                .checkAssert((rows, seed, tolerance) -> assertThat(BehaviourChecks
                        .of(MODEL, SyntheticFrame.newBuilder(rows, seed).uniform("x1", -1, 1).uniform("x2", -1, 1)
                                .id("id").categorical("group", "a", "b", "c").build())
                        .invariantTo("id", tolerance).invariantTo("group", tolerance).run()).allChecksPassed());
    }

    @Test
    void directional_aTextColumn_isRefusedUpFront() {
        assertThatThrownBy(() -> BehaviourChecks.of(MODEL, Fixtures.TEST)
                .directional("group", 1, "probabilities.good", Direction.NOT_INCREASING, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'group' is CATEGORICAL");
        assertThatThrownBy(() -> BehaviourChecks.of(MODEL, Fixtures.TEST).invariantTo("age", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'age'");
    }
}
