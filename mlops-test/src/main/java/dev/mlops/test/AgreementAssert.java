package dev.mlops.test;

import dev.mlops.api.Frame;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Whether two predictors make the same predictions on given rows: the labels, and every probability (or regression
 * value) within a tolerance, 1e-4 unless set (what separates ONNX Runtime's float arithmetic from Tribuo's double).
 * A failure names the rows that disagree, the numbers on both sides and the rows' values.
 *
 * <pre>{@code
 * assertThat(server).agreesWith(trained).withTolerance(1e-5).onRows(test);
 * }</pre>
 */
public final class AgreementAssert extends AbstractAssert<AgreementAssert, Predictor> {
    /** The default tolerance on probabilities and values. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    private final String actualName;
    private final Predictor expected;
    private final String expectedName;
    private double tolerance = DEFAULT_TOLERANCE;

    AgreementAssert(Predictor actual, String actualName, Predictor expected, String expectedName) {
        super(actual, AgreementAssert.class);
        this.actualName = actualName;
        this.expected = Objects.requireNonNull(expected, "expected");
        this.expectedName = expectedName;
    }

    /** The largest absolute difference allowed in a probability or value. */
    public AgreementAssert withTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("A tolerance must be >= 0, got " + tolerance);
        }
        this.tolerance = tolerance;
        return this;
    }

    /** Predicts {@code rows} with both and fails when any row disagrees beyond the tolerance. */
    public AgreementAssert onRows(Frame rows) {
        isNotNull();
        Objects.requireNonNull(rows, "rows");
        List<PredictionDiff.RowDiff> diffs = PredictionDiff.compare(actual.predict(rows), expected.predict(rows),
                tolerance);
        if (!diffs.isEmpty()) {
            PredictionDiff.RowDiff largest = diffs.stream()
                    .filter(d -> !Double.isNaN(d.difference()))
                    .max((a, b) -> Double.compare(Math.abs(a.difference()), Math.abs(b.difference()))).orElse(diffs.get(0));
            String shown = diffs.stream().limit(PredictionDiff.SHOWN)
                    .map(d -> "  row " + d.row() + ": " + d.describe(actualName, expectedName) + "\n      "
                            + PredictionDiff.values(rows, d.row()))
                    .collect(Collectors.joining("\n"));
            failWithMessage("Expected %s to agree with %s within %s on %d rows, but %d rows disagree (largest: row %d,"
                    + " %s):%n%s%s", actualName, expectedName, PredictionDiff.num(tolerance), rows.rowCount(),
                    diffs.size(), largest.row(), largest.describe(actualName, expectedName), shown,
                    diffs.size() > PredictionDiff.SHOWN ? "\n  ... and " + (diffs.size() - PredictionDiff.SHOWN)
                            + " more rows" : "");
        }
        return this;
    }
}
