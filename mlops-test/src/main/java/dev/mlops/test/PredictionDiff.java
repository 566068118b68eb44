package dev.mlops.test;

import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.model.PredictionColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Row-by-row comparison of two predictions frames of {@link Predictor}'s shape: the shared numeric columns (the
 * probabilities, or a regression's value) within a tolerance, and the labels.
 *
 * <p>A label that differs while every probability is within the tolerance is a tie broken two ways (0.5 on a float
 * against 0.5 on a double), not a disagreement; a label that differs with no probabilities to explain it is one.
 */
final class PredictionDiff {
    /** How many disagreeing rows a message or report shows. */
    static final int SHOWN = 10;

    private PredictionDiff() {
    }

    /**
     * One row where the predictions differ.
     *
     * @param row the row's position
     * @param column the numeric column that differs most (or {@code label} for a label)
     * @param left its value on the left
     * @param right on the right
     * @param difference right minus left (NaN for a label)
     * @param leftLabel the left label, empty for regression
     * @param rightLabel the right label
     */
    record RowDiff(int row, String column, double left, double right, double difference, String leftLabel,
                   String rightLabel) {
        String describe(String leftName, String rightName) {
            String labels = leftLabel.isEmpty() ? "" : ", " + leftName + " predicts " + leftLabel + ", " + rightName
                    + " predicts " + rightLabel;
            return Double.isNaN(difference) ? labels.substring(2)
                    : column + " " + num(left) + " (" + leftName + ") vs " + num(right) + " (" + rightName
                            + "), difference " + num(difference) + labels;
        }
    }

    /** The columns both frames have and that are compared by value: numeric ones. */
    static List<String> numericColumns(Frame left, Frame right) {
        List<String> names = new ArrayList<>();
        for (Column c : left.columns()) {
            if (c instanceof DoubleColumn && right.hasColumn(c.name()) && right.column(c.name()) instanceof DoubleColumn) {
                names.add(c.name());
            }
        }
        return names;
    }

    /** Every row where {@code left} and {@code right} disagree beyond {@code tolerance}, in row order. */
    static List<RowDiff> compare(Frame left, Frame right, double tolerance) {
        if (left.rowCount() != right.rowCount()) {
            throw new AssertionError("The predictions have " + left.rowCount() + " and " + right.rowCount()
                    + " rows; a predictor must return one row per input row");
        }
        List<String> numeric = numericColumns(left, right);
        boolean labels = left.hasColumn(PredictionColumns.LABEL) && right.hasColumn(PredictionColumns.LABEL)
                && !numeric.contains(PredictionColumns.LABEL);
        if (numeric.isEmpty() && !labels) {
            throw new AssertionError("The predictions share nothing to compare: " + left.columnNames() + " and "
                    + right.columnNames() + "; both need a '" + PredictionColumns.LABEL + "', a '" + PredictionColumns.VALUE + "' or probabilities.<class>"
                    + " columns (see Predictor)");
        }
        List<RowDiff> diffs = new ArrayList<>();
        for (int i = 0; i < left.rowCount(); i++) {
            String worst = null;
            double worstDiff = -1;
            for (String name : numeric) {
                double a = left.doubles(name).getDouble(i);
                double b = right.doubles(name).getDouble(i);
                double d = Double.isNaN(a) && Double.isNaN(b) ? 0 : Math.abs(b - a);
                if (Double.isNaN(d)) {
                    d = Double.POSITIVE_INFINITY;
                }
                if (d > worstDiff) {
                    worst = name;
                    worstDiff = d;
                }
            }
            String la = labels ? left.column(PredictionColumns.LABEL).format(i) : "";
            String lb = labels ? right.column(PredictionColumns.LABEL).format(i) : "";
            boolean beyond = worst != null && worstDiff > tolerance;
            if (beyond) {
                double a = left.doubles(worst).getDouble(i);
                double b = right.doubles(worst).getDouble(i);
                diffs.add(new RowDiff(i, worst, a, b, b - a, la, lb));
            } else if (!la.equals(lb) && worst == null) {
                diffs.add(new RowDiff(i, PredictionColumns.LABEL, Double.NaN, Double.NaN, Double.NaN, la, lb));
            }
        }
        return diffs;
    }

    /** A row's values as text, column by column ({@code null} when missing). */
    static Map<String, String> values(Frame frame, int row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Column c : frame.columns()) {
            values.put(c.name(), c.isMissing(row) ? null : c.format(row));
        }
        return values;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
