package dev.mlops.data.validate;

import dev.mlops.api.Json;
import dev.mlops.api.ValidationException;
import java.util.List;

/**
 * Every constraint's outcome on one frame: status, observed value, exact failure counts and a bounded sample of
 * failing rows. Collects every failure; {@link #orThrow()} turns errors into an exception.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source   a name for the validated data
 * @param rowCount the rows validated
 * @param results  one result per constraint, in the validator's order
 */
public record ValidationReport(String source, long rowCount, List<ConstraintResult> results)
        implements dev.mlops.api.HtmlRenderable {

    /** Copies the results. */
    public ValidationReport {
        results = List.copyOf(results);
    }

    /** Whether no ERROR constraint failed (warnings allowed). */
    public boolean passed() {
        return errors().isEmpty();
    }

    /** The failed constraints of severity ERROR. */
    public List<ConstraintResult> errors() {
        return results.stream().filter(r -> !r.passed() && r.severity() == Severity.ERROR).toList();
    }

    /** The failed constraints of severity WARNING. */
    public List<ConstraintResult> warnings() {
        return results.stream().filter(r -> !r.passed() && r.severity() == Severity.WARNING).toList();
    }

    /** The result of the constraint with this description. */
    public java.util.Optional<ConstraintResult> result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * This report when it passed.
     *
     * @throws ValidationException listing every failed ERROR constraint, with counts and sample rows
     */
    public ValidationReport orThrow() {
        if (passed()) {
            return this;
        }
        throw new ValidationException(summary());
    }

    /** A few lines for a person: totals, then each failed constraint. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Validation of ").append(source).append(" (").append(rowCount).append(" rows): ")
                .append(results.size() - errors().size() - warnings().size()).append(" passed, ")
                .append(errors().size()).append(" errors, ").append(warnings().size()).append(" warnings");
        for (ConstraintResult r : results) {
            if (!r.passed()) {
                sb.append("\n  ").append(r.severity()).append(' ').append(r.name()).append(": ").append(r.message());
                if (!r.sample().isEmpty()) {
                    sb.append(" e.g. row ").append(r.sample().get(0).row()).append(' ')
                            .append(r.sample().get(0).values());
                }
            }
        }
        return sb.toString();
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** A report read from {@link #toJson()}. */
    public static ValidationReport fromJson(String json) {
        return Json.read(json, ValidationReport.class);
    }

    @Override
    public String toString() {
        return summary();
    }

    /** {@link #summary()}. */
    @Override
    public String toText() {
        return summary();
    }

    /** The verdict and every constraint as an HTML table, failures first, for notebooks. */
    @Override
    public String toHtml() {
        return ValidationHtml.html(this);
    }
}
