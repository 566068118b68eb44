package dev.mlops.test;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.model.PredictionColumns;
import dev.mlops.api.LongColumn;
import dev.mlops.test.BehaviourReport.CheckResult;
import dev.mlops.test.BehaviourReport.FailingRow;
import dev.mlops.test.BehaviourReport.Kind;
import dev.mlops.train.ClassificationMetrics;
import dev.mlops.train.Metrics;
import dev.mlops.train.RegressionMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Behavioural checks of a model, the kind a reviewer asks for before a release (after Ribeiro et al.'s CheckList):
 * invariance, directional expectations, minimum functionality on hand-written cases and slice floors. Each check
 * names its failing rows; {@link #run()} gives a {@link BehaviourReport}, and
 * {@code MlopsAssertions.assertThat(report).allChecksPassed()} turns it into an assertion.
 *
 * <pre>{@code
 * BehaviourReport report = BehaviourChecks.of(Predictor.of(model), test)
 *         .invariantTo("personal_status", 0.02)
 *         .directional("credit_amount", 1000, Predictor.probabilityOf("good"), Direction.NOT_INCREASING, 0.01)
 *         .minimumFunctionality("obvious cases", cases, "expected")
 *         .sliceFloor("purpose", "class", "accuracy", 0.6, 30)
 *         .run();
 * }</pre>
 *
 * <p>Not thread-safe; each check runs the predictor when {@link #run()} is called.
 */
public final class BehaviourChecks {
    /** How many failing rows each check keeps in its sample. */
    public static final int SAMPLE_SIZE = PredictionDiff.SHOWN;

    private final Predictor predictor;
    private final Frame frame;
    private String model = "model";
    private final List<Supplier<CheckResult>> checks = new ArrayList<>();

    private BehaviourChecks(Predictor predictor, Frame frame) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.frame = Objects.requireNonNull(frame, "frame");
    }

    /** Checks of {@code predictor} on the rows of {@code frame}. */
    public static BehaviourChecks of(Predictor predictor, Frame frame) {
        return new BehaviourChecks(predictor, frame);
    }

    /** Which way an output may move when a column rises. */
    public enum Direction {
        /** The output never rises (beyond the tolerance). */
        NOT_INCREASING,
        /** The output never falls (beyond the tolerance). */
        NOT_DECREASING
    }

    /** A name for the model in the report. */
    public BehaviourChecks named(String name) {
        this.model = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Changing {@code column} changes no prediction beyond {@code tolerance}: a categorical column's values are each
     * moved to the next category of its dictionary, any other column's values are reversed in row order.
     */
    public BehaviourChecks invariantTo(String column, double tolerance) {
        requireColumn(column);
        return invariantTo(column + " changed", f -> f.withColumn(changed(f.column(column))), tolerance);
    }

    /** Applying {@code change} to the rows changes no prediction beyond {@code tolerance}. */
    public BehaviourChecks invariantTo(String name, UnaryOperator<Frame> change, double tolerance) {
        Objects.requireNonNull(change, "change");
        requireTolerance(tolerance);
        checks.add(() -> {
            Frame changed = change.apply(frame);
            List<PredictionDiff.RowDiff> diffs = PredictionDiff.compare(predictor.predict(frame),
                    predictor.predict(changed), tolerance);
            double largest = diffs.stream().mapToDouble(d -> Double.isNaN(d.difference()) ? 0 : Math.abs(d.difference()))
                    .max().orElse(0);
            List<FailingRow> sample = diffs.stream().limit(SAMPLE_SIZE)
                    .map(d -> new FailingRow(d.row(), d.describe("before", "after") + changes(frame, changed, d.row()),
                            PredictionDiff.values(frame, d.row())))
                    .toList();
            return new CheckResult("invariant to " + name, Kind.INVARIANCE, diffs.isEmpty(), frame.rowCount(),
                    diffs.size(), sample, diffs.size() + " of " + frame.rowCount() + " predictions changed by more"
                            + " than " + num(tolerance) + " (largest change " + num(largest) + ")");
        });
        return this;
    }

    /**
     * Raising {@code column} by {@code delta} moves {@code output} (a column of the predictions, such as
     * {@code Predictor.probabilityOf("good")} or {@code PredictionColumns.VALUE} for regression) only in the allowed
     * direction, beyond {@code tolerance}. The column must be numeric; missing values stay missing.
     */
    public BehaviourChecks directional(String column, double delta, String output, Direction direction,
                                       double tolerance) {
        requireColumn(column);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(direction, "direction");
        requireTolerance(tolerance);
        Column original = frame.column(column);
        if (!(original instanceof DoubleColumn || original instanceof LongColumn)) {
            throw new IllegalArgumentException("A directional check raises a numeric column; '" + column + "' is "
                    + original.type() + ". Use invariantTo(name, change, tolerance) for other changes");
        }
        String name = "raising " + column + " by " + num(delta) + " " + (direction == Direction.NOT_INCREASING
                ? "does not raise " : "does not lower ") + output;
        checks.add(() -> {
            Frame before = predictor.predict(frame);
            Frame after = predictor.predict(frame.withColumn(shifted(original, delta)));
            if (!before.hasColumn(output) || !(before.column(output) instanceof DoubleColumn)) {
                throw new IllegalArgumentException("The predictions have no numeric column '" + output + "'; they have "
                        + before.columnNames());
            }
            List<FailingRow> sample = new ArrayList<>();
            int failing = 0;
            double worst = 0;
            for (int i = 0; i < frame.rowCount(); i++) {
                double a = before.doubles(output).getDouble(i);
                double b = after.doubles(output).getDouble(i);
                double wrongWay = direction == Direction.NOT_INCREASING ? b - a : a - b;
                if (wrongWay > tolerance) {
                    failing++;
                    worst = Math.max(worst, wrongWay);
                    if (sample.size() < SAMPLE_SIZE) {
                        sample.add(new FailingRow(i, output + " " + num(a) + " -> " + num(b) + " when " + column + " "
                                + original.format(i) + " -> " + shifted(original, delta).format(i),
                                PredictionDiff.values(frame, i)));
                    }
                }
            }
            return new CheckResult(name, Kind.DIRECTIONAL, failing == 0, frame.rowCount(), failing, sample, failing
                    + " of " + frame.rowCount() + " rows moved the wrong way by more than " + num(tolerance)
                    + " (largest " + num(worst) + ")");
        });
        return this;
    }

    /**
     * Hand-written {@code cases} get the answers in their {@code expectedColumn}: the label for classification,
     * the value within 1e-6 for regression. The predictor ignores the expected column as it ignores any column
     * that is not an input.
     */
    public BehaviourChecks minimumFunctionality(String name, Frame cases, String expectedColumn) {
        return minimumFunctionality(name, cases, expectedColumn, 1e-6);
    }

    /**
     * Hand-written {@code cases} get the answers in their {@code expectedColumn}: the label for classification,
     * the value within {@code tolerance} for regression.
     */
    public BehaviourChecks minimumFunctionality(String name, Frame cases, String expectedColumn, double tolerance) {
        Objects.requireNonNull(cases, "cases");
        requireTolerance(tolerance);
        if (!cases.hasColumn(expectedColumn)) {
            throw new IllegalArgumentException("The cases have no column '" + expectedColumn + "' with the expected"
                    + " answers; they have " + cases.columnNames());
        }
        checks.add(() -> {
            Frame predicted = predictor.predict(cases);
            Column expected = cases.column(expectedColumn);
            Column got = PredictionColumns.predicted(predicted);
            List<FailingRow> sample = new ArrayList<>();
            int failing = 0;
            for (int i = 0; i < cases.rowCount(); i++) {
                boolean ok = got instanceof DoubleColumn d && !(expected instanceof CategoricalColumn)
                        ? Math.abs(d.getDouble(i) - Double.parseDouble(expected.format(i))) <= tolerance
                        : got.format(i).equals(expected.format(i));
                if (!ok) {
                    failing++;
                    if (sample.size() < SAMPLE_SIZE) {
                        sample.add(new FailingRow(i, "expected " + expected.format(i) + ", predicted " + got.format(i)
                                + probabilities(predicted, i), PredictionDiff.values(cases, i)));
                    }
                }
            }
            return new CheckResult(name, Kind.MINIMUM_FUNCTIONALITY, failing == 0, cases.rowCount(), failing, sample,
                    failing + " of " + cases.rowCount() + " cases answered wrongly");
        });
        return this;
    }

    /**
     * No slice of {@code sliceColumn} (one per value) with at least {@code minRows} rows has {@code metric}
     * ({@code accuracy}, {@code roc_auc}, {@code rmse}, ... measured against {@code labelColumn}) worse than
     * {@code floor}, in the metric's direction. The failing rows are the wrongly predicted rows of failing slices.
     */
    public BehaviourChecks sliceFloor(String sliceColumn, String labelColumn, String metric, double floor,
                                      int minRows) {
        requireColumn(sliceColumn);
        requireColumn(labelColumn);
        Objects.requireNonNull(metric, "metric");
        if (minRows < 1) {
            throw new IllegalArgumentException("minRows must be >= 1, got " + minRows);
        }
        boolean higher = Metrics.higherIsBetter(metric);
        checks.add(() -> {
            Frame predicted = predictor.predict(frame);
            Map<String, List<Integer>> slices = new LinkedHashMap<>();
            Column by = frame.column(sliceColumn);
            Column truth = frame.column(labelColumn);
            for (int i = 0; i < frame.rowCount(); i++) {
                if (!truth.isMissing(i)) {
                    slices.computeIfAbsent(by.isMissing(i) ? "<missing>" : by.format(i), k -> new ArrayList<>()).add(i);
                }
            }
            List<String> verdicts = new ArrayList<>();
            List<FailingRow> sample = new ArrayList<>();
            int failing = 0;
            int checked = 0;
            for (Map.Entry<String, List<Integer>> slice : slices.entrySet()) {
                if (slice.getValue().size() < minRows) {
                    continue;
                }
                checked++;
                int[] rows = slice.getValue().stream().mapToInt(Integer::intValue).toArray();
                double value = metric(predicted.rows(rows), frame.rows(rows).column(labelColumn), metric);
                boolean ok = higher ? value >= floor : value <= floor;
                verdicts.add(sliceColumn + "=" + slice.getKey() + ": " + num(value) + " on " + rows.length + " rows"
                        + (ok ? "" : " (below the floor)"));
                if (!ok) {
                    for (int r : rows) {
                        if (!PredictionColumns.predicted(predicted).format(r).equals(truth.format(r))) {
                            failing++;
                            if (sample.size() < SAMPLE_SIZE) {
                                sample.add(new FailingRow(r, sliceColumn + "=" + slice.getKey() + ": " + labelColumn
                                        + " is " + truth.format(r) + ", predicted "
                                        + PredictionColumns.predicted(predicted).format(r) + probabilities(predicted, r),
                                        PredictionDiff.values(frame, r)));
                            }
                        }
                    }
                }
            }
            boolean passed = verdicts.stream().noneMatch(v -> v.endsWith("(below the floor)"));
            return new CheckResult(metric + " of every " + sliceColumn + " slice of at least " + minRows + " rows "
                    + (higher ? ">= " : "<= ") + num(floor), Kind.SLICE_FLOOR, passed, checked, failing, sample,
                    checked + " slices checked: " + String.join("; ", verdicts));
        });
        return this;
    }

    /** Runs every check, in the order they were added. */
    public BehaviourReport run() {
        return new BehaviourReport(model, frame.rowCount(), checks.stream().map(Supplier::get).toList());
    }

    private static double metric(Frame predicted, Column truth, String metric) {
        Column got = PredictionColumns.predicted(predicted);
        int n = truth.size();
        if (got instanceof DoubleColumn d) {
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = Double.parseDouble(truth.format(i));
            }
            return RegressionMetrics.of(t, d.toArray()).get(metric);
        }
        Set<String> names = new LinkedHashSet<>();
        if (truth instanceof CategoricalColumn c) {
            names.addAll(c.dictionary());
        }
        if (got instanceof CategoricalColumn c) {
            names.addAll(c.dictionary());
        }
        for (int i = 0; i < n; i++) {
            names.add(truth.format(i));
        }
        List<String> classes = List.copyOf(names);
        int[] t = new int[n];
        int[] p = new int[n];
        double[][] proba = new double[n][classes.size()];
        boolean probabilistic = classes.stream().allMatch(k -> predicted.hasColumn(Predictor.probabilityOf(k)));
        for (int i = 0; i < n; i++) {
            t[i] = classes.indexOf(truth.format(i));
            p[i] = classes.indexOf(got.format(i));
            for (int k = 0; k < classes.size(); k++) {
                proba[i][k] = probabilistic ? predicted.doubles(Predictor.probabilityOf(classes.get(k))).getDouble(i)
                        : p[i] == k ? 1 : 0;
            }
        }
        return ClassificationMetrics.of(classes, t, p, proba, probabilistic).get(metric);
    }

    /** What a change did to one row: {@code "; changed: a 1 -> 2, b x -> y"}, or nothing. */
    private static String changes(Frame before, Frame after, int row) {
        StringBuilder s = new StringBuilder();
        for (Column c : before.columns()) {
            if (after.hasColumn(c.name())) {
                String a = c.format(row);
                String b = after.column(c.name()).format(row);
                if (!a.equals(b)) {
                    s.append(s.length() == 0 ? "; changed: " : ", ").append(c.name()).append(' ').append(a)
                            .append(" -> ").append(b);
                }
            }
        }
        return s.toString();
    }

    private static String probabilities(Frame predicted, int row) {
        StringBuilder s = new StringBuilder();
        for (Column c : predicted.columns()) {
            if (c.name().startsWith(PredictionColumns.PROBABILITY_PREFIX)) {
                s.append(s.length() == 0 ? " (" : ", ").append(c.name()).append('=')
                        .append(num(((DoubleColumn) c).getDouble(row)));
            }
        }
        return s.length() == 0 ? "" : s.append(')').toString();
    }

    /** The column with every value changed: the next category, or the rows reversed. */
    static Column changed(Column c) {
        int n = c.size();
        if (c instanceof CategoricalColumn cat && cat.dictionary().size() > 1) {
            int[] codes = cat.toCodes();
            int k = cat.dictionary().size();
            for (int i = 0; i < n; i++) {
                codes[i] = codes[i] == CategoricalColumn.MISSING_CODE ? codes[i] : (codes[i] + 1) % k;
            }
            return CategoricalColumn.fromCodes(cat.field(), codes, cat.dictionary());
        }
        int[] reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = n - 1 - i;
        }
        return c.select(reversed);
    }

    /** A numeric column raised by {@code delta} (rounded for whole numbers); missing values stay missing. */
    static Column shifted(Column c, double delta) {
        if (c instanceof DoubleColumn d) {
            double[] v = d.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += delta;
            }
            return DoubleColumn.of(d.field(), v);
        }
        LongColumn l = (LongColumn) c;
        LongColumn.Builder b = LongColumn.builder(l.field(), l.size());
        for (int i = 0; i < l.size(); i++) {
            if (l.isMissing(i)) {
                b.addMissing();
            } else {
                b.add(l.getLong(i) + Math.round(delta));
            }
        }
        return b.build();
    }

    private void requireColumn(String column) {
        if (!frame.hasColumn(Objects.requireNonNull(column, "column"))) {
            throw new IllegalArgumentException("The frame checked has no column '" + column + "'; it has "
                    + frame.columnNames());
        }
    }

    private static void requireTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("A tolerance must be >= 0, got " + tolerance);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
