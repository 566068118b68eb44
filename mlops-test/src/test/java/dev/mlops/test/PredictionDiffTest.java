package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import org.junit.jupiter.api.Test;

class PredictionDiffTest {
    private static Frame predictions(double pGood, String label) {
        return Frame.of(CategoricalColumn.of("label", label), DoubleColumn.of("probabilities.bad", 1 - pGood),
                DoubleColumn.of("probabilities.good", pGood));
    }

    @Test
    void compare_aLabelFlippedOnATieWithinTheTolerance_isNoDisagreement() {
        assertThat(PredictionDiff.compare(predictions(0.50001, "good"), predictions(0.49999, "bad"), 1e-4)).isEmpty();
        assertThat(PredictionDiff.compare(predictions(0.6, "good"), predictions(0.4, "bad"), 1e-4)).hasSize(1);
    }

    @Test
    void compare_labelsWithoutProbabilities_disagreeWhenTheyDiffer() {
        Frame left = Frame.of(CategoricalColumn.of("label", "a", "b"));
        Frame right = Frame.of(CategoricalColumn.of("label", "a", "c"));
        assertThat(PredictionDiff.compare(left, right, 1)).singleElement()
                .satisfies(d -> assertThat(d.describe("left", "right")).isEqualTo("left predicts b, right predicts c"))
                .extracting(PredictionDiff.RowDiff::row).isEqualTo(1);
    }

    @Test
    void compare_aMissingValueOnOneSide_isADisagreementAndOnBothIsNone() {
        Frame nan = Frame.of(DoubleColumn.of("value", Double.NaN, Double.NaN));
        Frame some = Frame.of(DoubleColumn.of("value", 1.0, Double.NaN));
        assertThat(PredictionDiff.compare(nan, some, 10)).extracting(PredictionDiff.RowDiff::row).containsExactly(0);
    }

    @Test
    void compare_differentRowCountsOrNothingShared_failsSayingWhy() {
        assertThatThrownBy(() -> PredictionDiff.compare(predictions(0.5, "good"), Frame.of(DoubleColumn.of("x")), 0))
                .hasMessageContaining("1 and 0 rows");
        assertThatThrownBy(() -> PredictionDiff.compare(predictions(0.5, "good"), Frame.of(DoubleColumn.of("x", 1)),
                0)).hasMessageContaining("share nothing to compare");
    }
}
