package dev.mlops.test;

import dev.mlops.data.validate.ConstraintResult;
import dev.mlops.data.validate.ValidationReport;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a validation report. A failure message lists the failed constraints with their exact failing-row
 * counts, what was observed and the first failing rows with their values.
 */
public final class ValidationReportAssert extends AbstractObjectAssert<ValidationReportAssert, ValidationReport> {

    ValidationReportAssert(ValidationReport actual) {
        super(actual, ValidationReportAssert.class);
    }

    /** No constraint of severity ERROR failed (warnings allowed). */
    public ValidationReportAssert hasNoErrors() {
        isNotNull();
        if (!actual.errors().isEmpty()) {
            failWithMessage("Expected no failed ERROR constraints on %s (%d rows), but %d failed:%n%s",
                    actual.source(), actual.rowCount(), actual.errors().size(), describe(actual.errors()));
        }
        return this;
    }

    /** No constraint failed, of any severity. */
    public ValidationReportAssert hasNoViolations() {
        isNotNull();
        List<ConstraintResult> failed = failed();
        if (!failed.isEmpty()) {
            failWithMessage("Expected no failed constraints on %s (%d rows), but %d failed:%n%s", actual.source(),
                    actual.rowCount(), failed.size(), describe(failed));
        }
        return this;
    }

    /**
     * A constraint of this kind ({@code range}, {@code completeness}, {@code unique}, ... as in
     * {@link ConstraintResult#kind()}) failed on this column.
     */
    public ValidationReportAssert hasViolation(String column, String kind) {
        isNotNull();
        if (find(column, kind).isEmpty()) {
            List<ConstraintResult> failed = failed();
            failWithMessage("Expected a failed '%s' constraint on column '%s' of %s, but %s", kind, column,
                    actual.source(), failed.isEmpty() ? "every constraint passed"
                            : "the failed constraints are:\n" + describe(failed));
        }
        return this;
    }

    /** A constraint of this kind failed on this column on exactly {@code rows} rows. */
    public ValidationReportAssert hasViolation(String column, String kind, long rows) {
        hasViolation(column, kind);
        ConstraintResult r = find(column, kind).get(0);
        if (r.failingRows() != rows) {
            failWithMessage("Expected the '%s' constraint on column '%s' to fail on %d rows, but it failed on %d:%n%s",
                    kind, column, rows, r.failingRows(), describe(List.of(r)));
        }
        return this;
    }

    /** No constraint on this column failed. */
    public ValidationReportAssert hasNoViolationOn(String column) {
        isNotNull();
        List<ConstraintResult> onColumn = failed().stream().filter(r -> r.column().equals(column)).toList();
        if (!onColumn.isEmpty()) {
            failWithMessage("Expected no failed constraint on column '%s' of %s, but:%n%s", column, actual.source(),
                    describe(onColumn));
        }
        return this;
    }

    private List<ConstraintResult> failed() {
        return actual.results().stream().filter(r -> !r.passed()).toList();
    }

    private List<ConstraintResult> find(String column, String kind) {
        return failed().stream().filter(r -> r.column().equals(column) && r.kind().equals(kind)).toList();
    }

    static String describe(List<ConstraintResult> results) {
        return results.stream().map(r -> {
            String rows = r.sample().stream().limit(5)
                    .map(f -> "      row " + f.row() + " " + f.values()).collect(Collectors.joining("\n"));
            return "  - [" + r.severity() + "] " + r.kind() + (r.column().isEmpty() ? "" : " on '" + r.column() + "'")
                    + ": " + r.name() + "; failing rows: " + r.failingRows() + "; observed: " + r.observed()
                    + (r.message().isEmpty() ? "" : "; " + r.message()) + (rows.isEmpty() ? "" : "\n" + rows);
        }).collect(Collectors.joining("\n"));
    }
}
