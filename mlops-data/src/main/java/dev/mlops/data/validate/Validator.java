package dev.mlops.data.validate;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.Row;
import dev.mlops.api.TextColumn;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Checks frames against a {@link Contract} plus code-only predicates, collecting every violation into a
 * {@link ValidationReport}.
 *
 * <pre>{@code
 * ValidationReport report = Validator.inferFrom(reference)
 *         .expect("age").between(18, 100)
 *         .expect("purpose").warning().notNull()
 *         .expectRows("duration fits the amount", List.of("duration", "credit_amount"),
 *                 row -> row.getDouble("credit_amount") / row.getDouble("duration") < 10_000)
 *         .validate(batch);
 * report.orThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe: each {@code expect...} returns a new validator. A later rule of the same kind on
 * the same column replaces the earlier one, so explicit expectations override inferred ones.
 */
public final class Validator {
    /** Failing rows kept per constraint by default. */
    public static final int DEFAULT_SAMPLE_SIZE = 5;

    private final Map<String, Checks.Check> checks;
    private final Map<String, Constraint> declarative;
    private final Clock clock;
    private final int sampleSize;

    private Validator(Map<String, Checks.Check> checks, Map<String, Constraint> declarative, Clock clock,
                      int sampleSize) {
        this.checks = checks;
        this.declarative = declarative;
        this.clock = clock;
        this.sampleSize = sampleSize;
    }

    /** A validator with no rules, the system UTC clock and samples of {@value #DEFAULT_SAMPLE_SIZE} rows. */
    public static Validator create() {
        return new Validator(new LinkedHashMap<>(), new LinkedHashMap<>(), Clock.systemUTC(), DEFAULT_SAMPLE_SIZE);
    }

    /** A validator of a contract's rules. */
    public static Validator of(Contract contract) {
        Validator v = create();
        for (Constraint c : contract.constraints()) {
            v = v.with(c);
        }
        return v;
    }

    /** A validator of the contract inferred from a reference frame (see {@link Contract#inferFrom(Frame)}). */
    public static Validator inferFrom(Frame reference) {
        return of(Contract.inferFrom(reference));
    }

    /** A validator of the contract inferred with these options. */
    public static Validator inferFrom(Frame reference, InferenceOptions options) {
        return of(Contract.inferFrom(reference, options));
    }

    /** This validator with a declarative rule, replacing the rule of the same kind and column. */
    public Validator with(Constraint constraint) {
        Map<String, Constraint> d = new LinkedHashMap<>(declarative);
        d.remove(constraint.key());
        d.put(constraint.key(), constraint);
        return withCheck(Checks.of(constraint), d);
    }

    private Validator withCheck(Checks.Check check, Map<String, Constraint> d) {
        Map<String, Checks.Check> c = new LinkedHashMap<>(checks);
        c.remove(check.key());
        c.put(check.key(), check);
        return new Validator(c, d, clock, sampleSize);
    }

    /** Starts a rule about a column; the rule's method returns the new validator. */
    public ColumnExpectation expect(String column) {
        return new ColumnExpectation(this, column, Severity.ERROR);
    }

    /** Expects the row count to lie in {@code [min, max]}. */
    public Validator expectRowCount(long min, long max) {
        return with(new Constraint.RowCount(min, max, Severity.ERROR));
    }

    /** Expects a predicate to hold on every row (an ERROR otherwise). */
    public Validator expectRow(String description, Predicate<Row> predicate) {
        return withCheck(Checks.rowPredicate(description, List.of(), predicate, Severity.ERROR), declarative);
    }

    /**
     * Expects a predicate over several columns to hold on every row where none of them is missing (an ERROR
     * otherwise); the columns must exist.
     */
    public Validator expectRows(String description, List<String> columns, Predicate<Row> predicate) {
        return expectRows(description, columns, predicate, Severity.ERROR);
    }

    /** Like {@link #expectRows(String, List, Predicate)} with a chosen severity. */
    public Validator expectRows(String description, List<String> columns, Predicate<Row> predicate,
                                Severity severity) {
        return withCheck(Checks.rowPredicate(description, columns, predicate, severity), declarative);
    }

    Validator withValuePredicate(String column, String description, java.util.function.DoublePredicate predicate,
                                 Severity severity) {
        return withCheck(Checks.valuePredicate(column, description, predicate, severity), declarative);
    }

    /** This validator without any rule about a column. */
    public Validator without(String column) {
        Map<String, Checks.Check> c = new LinkedHashMap<>(checks);
        c.values().removeIf(ch -> ch.column().equals(column));
        Map<String, Constraint> d = new LinkedHashMap<>(declarative);
        d.values().removeIf(ch -> ch.column().equals(column));
        return new Validator(c, d, clock, sampleSize);
    }

    /** This validator measuring freshness against another clock. */
    public Validator withClock(Clock newClock) {
        return new Validator(checks, declarative, Objects.requireNonNull(newClock), sampleSize);
    }

    /** This validator keeping at most {@code n} failing rows per constraint. */
    public Validator withSampleSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("The sample size must be >= 0, got " + n);
        }
        return new Validator(checks, declarative, clock, n);
    }

    /** The declarative rules as a contract to save (code-only predicates are not part of it). */
    public Contract contract() {
        return Contract.of(new ArrayList<>(declarative.values()));
    }

    /** The number of rules, predicates included. */
    public int size() {
        return checks.size();
    }

    /** Runs every rule on a frame and collects the outcomes. */
    public ValidationReport validate(Frame frame) {
        return validate(frame, "frame");
    }

    /** Runs every rule on a frame named {@code source} in the report. */
    public ValidationReport validate(Frame frame, String source) {
        return run(frame, source, null);
    }

    private ValidationReport run(Frame frame, String source, Map<String, BitSet> rowLevel) {
        List<ConstraintResult> results = new ArrayList<>();
        for (Checks.Check check : checks.values()) {
            Checks.Outcome o = check.evaluate(frame, clock);
            List<ConstraintResult.FailingRow> sample = new ArrayList<>();
            if (o.rows() != null) {
                for (int r = o.rows().nextSetBit(0); r >= 0 && sample.size() < sampleSize;
                     r = o.rows().nextSetBit(r + 1)) {
                    sample.add(new ConstraintResult.FailingRow(r, rowValues(frame, r)));
                }
                if (rowLevel != null && !o.rows().isEmpty()) {
                    rowLevel.put(check.name(), o.rows());
                }
            }
            results.add(new ConstraintResult(check.name(), check.kind(), check.column(), check.severity(),
                    o.passed() ? ConstraintResult.Status.PASSED : ConstraintResult.Status.FAILED, o.observed(),
                    o.failing(), sample, o.message()));
        }
        return new ValidationReport(source, frame.rowCount(), results);
    }

    private static Map<String, String> rowValues(Frame frame, int r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Column c : frame.columns()) {
            Object v = c.value(r);
            out.put(c.name(), v == null ? null : v.toString());
        }
        return out;
    }

    /**
     * Splits a frame into the rows that break no row-level rule and the rows that break one or more, each with
     * the rules it broke. Whole-frame rules (row count, type, cardinality, freshness, missing shares above 0) are
     * in the report but quarantine no row.
     */
    public Quarantine quarantine(Frame frame) {
        Map<String, BitSet> rowLevel = new LinkedHashMap<>();
        ValidationReport report = run(frame, "frame", rowLevel);
        BitSet any = new BitSet();
        rowLevel.values().forEach(any::or);
        int[] valid = new int[frame.rowCount() - any.cardinality()];
        int[] invalid = new int[any.cardinality()];
        List<Quarantine.RowViolations> violations = new ArrayList<>();
        TextColumn.Builder why = TextColumn.builder(dev.mlops.api.Field.text(Quarantine.VIOLATIONS_COLUMN),
                invalid.length);
        int vi = 0;
        int ii = 0;
        for (int r = 0; r < frame.rowCount(); r++) {
            if (!any.get(r)) {
                valid[vi++] = r;
                continue;
            }
            invalid[ii++] = r;
            List<String> broken = new ArrayList<>();
            for (Map.Entry<String, BitSet> e : rowLevel.entrySet()) {
                if (e.getValue().get(r)) {
                    broken.add(e.getKey());
                }
            }
            violations.add(new Quarantine.RowViolations(r, broken));
            why.add(String.join("; ", broken));
        }
        Frame bad = frame.rows(invalid);
        if (!bad.hasColumn(Quarantine.VIOLATIONS_COLUMN)) {
            bad = bad.withColumn(why.build());
        }
        return new Quarantine(frame.rows(valid), bad, violations, report);
    }

    @Override
    public String toString() {
        return "Validator" + checks.values().stream().map(Checks.Check::name).toList();
    }
}
