package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import org.junit.jupiter.api.Test;

class SyntheticFrameTest {
    @Test
    void threshold_anySeed_labelsEveryRowByItsRuleAndRepeatsForTheSameSeed() {
        qt().withExamples(50).forAll(integers().between(1, 300), longs().all()).checkAssert((rows, seed) -> {
            Frame f = SyntheticFrame.threshold(rows, seed);
            assertThat(f.rowCount()).isEqualTo(rows);
            for (int i = 0; i < rows; i++) {
                assertThat(f.column("class").format(i)).isEqualTo(f.doubles("x1").getDouble(i) > 0 ? "good" : "bad");
            }
            assertThat(SyntheticFrame.threshold(rows, seed).fingerprint()).isEqualTo(f.fingerprint());
        });
    }

    @Test
    void xor_labelsGoodExactlyWhenTheSignsDiffer() {
        Frame f = SyntheticFrame.xor(200, 3);
        for (int i = 0; i < 200; i++) {
            boolean differ = (f.doubles("x1").getDouble(i) > 0) != (f.doubles("x2").getDouble(i) > 0);
            assertThat(f.column("class").format(i)).isEqualTo(differ ? "good" : "bad");
        }
        assertThat(f.schema().field("class").role()).isEqualTo(FieldRole.LABEL);
    }

    @Test
    void flipLabels_aShare_flipsAboutThatShareOfTheRuleLabels() {
        Frame f = SyntheticFrame.newBuilder(4000, 5).uniform("x1", -1, 1)
                .label("class", r -> r.getDouble("x1") > 0 ? "good" : "bad").flipLabels(0.1).build();
        long flipped = java.util.stream.IntStream.range(0, 4000)
                .filter(i -> !f.column("class").format(i).equals(f.doubles("x1").getDouble(i) > 0 ? "good" : "bad"))
                .count();
        // binomial(4000, 0.1): mean 400, standard deviation 19; five of them either way
        assertThat(flipped).isBetween(305L, 495L);
    }

    @Test
    void line_noNoise_isExactlyTwoXPlusOne() {
        Frame f = SyntheticFrame.line(50, 9, 0);
        for (int i = 0; i < 50; i++) {
            assertThat(f.doubles("y").getDouble(i)).isEqualTo(2 * f.doubles("x").getDouble(i) + 1);
        }
        assertThat(SyntheticFrame.newBuilder(10, 1).id("id").build().longs("id").toArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void build_noiseWithoutItsAnswer_isRefused() {
        assertThatThrownBy(() -> SyntheticFrame.newBuilder(10, 1).uniform("x", 0, 1).flipLabels(0.1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("flipLabels needs label");
        assertThatThrownBy(() -> SyntheticFrame.newBuilder(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one row, got 0");
    }
}
