package dev.mlops.data.validate;

import dev.mlops.api.FieldType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * A rule about one column, in the making: each method adds the rule to the validator it came from and returns the
 * new validator. Rules are ERROR unless {@link #warning()} came first.
 *
 * <p>Immutable.
 */
public final class ColumnExpectation {
    private final Validator validator;
    private final String column;
    private final Severity severity;

    ColumnExpectation(Validator validator, String column, Severity severity) {
        this.validator = validator;
        this.column = column;
        this.severity = severity;
    }

    /** The same expectation, but a violation is only a warning. */
    public ColumnExpectation warning() {
        return new ColumnExpectation(validator, column, Severity.WARNING);
    }

    /** No value is missing. */
    public Validator notNull() {
        return validator.with(new Constraint.Completeness(column, 0, severity));
    }

    /** At most this share of values is missing. */
    public Validator maxMissingShare(double share) {
        return validator.with(new Constraint.Completeness(column, share, severity));
    }

    /** The column has this type. */
    public Validator hasType(FieldType type) {
        return validator.with(new Constraint.TypeIs(column, type, severity));
    }

    /** Every present value lies in {@code [min, max]}. */
    public Validator between(double min, double max) {
        return validator.with(new Constraint.Range(column, min, max, severity));
    }

    /** Every present value is a finite number: no infinity (inferred for numbers whose reference had none). */
    public Validator finite() {
        return validator.with(new Constraint.Finite(column, severity));
    }

    /** Every present value is one of these. */
    public Validator in(String... values) {
        return in(Arrays.asList(values));
    }

    /** Every present value is one of these. */
    public Validator in(Collection<String> values) {
        return validator.with(new Constraint.AllowedValues(column, List.copyOf(values), severity));
    }

    /** Every present value matches the regular expression as a whole. */
    public Validator matches(String regex) {
        return validator.with(new Constraint.Matches(column, regex, severity));
    }

    /** No present value occurs twice. */
    public Validator unique() {
        return validator.with(new Constraint.Unique(column, severity));
    }

    /** The number of distinct present values lies in {@code [min, max]}. */
    public Validator cardinalityBetween(long min, long max) {
        return validator.with(new Constraint.Cardinality(column, min, max, severity));
    }

    /** The newest timestamp is at most {@code maxAge} old by the validator's clock. */
    public Validator freshWithin(Duration maxAge) {
        return validator.with(Constraint.Freshness.of(column, maxAge, severity));
    }

    /** Every present numeric value satisfies a predicate, named by {@code description} in reports. */
    public Validator satisfies(String description, DoublePredicate predicate) {
        Validator v = validator;
        return v.withValuePredicate(column, description, predicate, severity);
    }
}
