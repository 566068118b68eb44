package dev.mlops.data.validate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mlops.api.FieldType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One declarative rule of a {@link Contract}: a value that serializes to JSON (tagged by {@code kind}), so a
 * contract can be saved, edited by hand and loaded. Code-only rules (predicates) are added on a {@link Validator}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Constraint.Completeness.class, name = "completeness"),
        @JsonSubTypes.Type(value = Constraint.TypeIs.class, name = "type"),
        @JsonSubTypes.Type(value = Constraint.Range.class, name = "range"),
        @JsonSubTypes.Type(value = Constraint.AllowedValues.class, name = "allowedValues"),
        @JsonSubTypes.Type(value = Constraint.Matches.class, name = "matches"),
        @JsonSubTypes.Type(value = Constraint.Unique.class, name = "unique"),
        @JsonSubTypes.Type(value = Constraint.Cardinality.class, name = "cardinality"),
        @JsonSubTypes.Type(value = Constraint.RowCount.class, name = "rowCount"),
        @JsonSubTypes.Type(value = Constraint.Freshness.class, name = "freshness"),
        @JsonSubTypes.Type(value = Constraint.Finite.class, name = "finite"),
        @JsonSubTypes.Type(value = Constraint.MissingShare.class, name = "missingShare"),
        @JsonSubTypes.Type(value = Constraint.NewValueShare.class, name = "newValueShare"),
        @JsonSubTypes.Type(value = Constraint.Mean.class, name = "mean")
})
public sealed interface Constraint {

    /** The column the rule is about; empty for whole-frame rules. */
    String column();

    /** How much a violation matters. */
    Severity severity();

    /** A short human description, also the rule's name in reports. */
    String describe();

    /** The key under which a contract holds at most one rule: its kind and column. */
    default String key() {
        return getClass().getSimpleName() + ":" + column();
    }

    /**
     * At most {@code maxMissingShare} of the values may be missing; 0 means not null (then each missing row fails).
     *
     * @param column          the column
     * @param maxMissingShare the largest share of missing values allowed, in [0, 1]
     * @param severity        how much a violation matters
     */
    record Completeness(String column, double maxMissingShare, Severity severity) implements Constraint {
        /** Checks the share. */
        public Completeness {
            Objects.requireNonNull(column, "column");
            if (!(maxMissingShare >= 0 && maxMissingShare <= 1)) {
                throw new IllegalArgumentException("maxMissingShare of '" + column + "' must be in [0, 1], got "
                        + maxMissingShare);
            }
        }

        @Override
        public String describe() {
            return maxMissingShare == 0 ? column + " is never missing"
                    : column + " is missing in at most " + pct(maxMissingShare) + " of rows";
        }
    }

    /**
     * The column has this type.
     *
     * @param column   the column
     * @param type     the expected type
     * @param severity how much a violation matters
     */
    record TypeIs(String column, FieldType type, Severity severity) implements Constraint {
        @Override
        public String describe() {
            return column + " is " + type;
        }
    }

    /**
     * Every present value lies in {@code [min, max]} (numbers, integers, timestamps as epoch millis).
     *
     * @param column   the column
     * @param min      the smallest allowed value
     * @param max      the largest allowed value
     * @param severity how much a violation matters
     */
    record Range(String column, double min, double max, Severity severity) implements Constraint {
        /** Checks the bounds. */
        public Range {
            if (!(min <= max)) {
                throw new IllegalArgumentException("Range of '" + column + "' needs min <= max, got [" + min + ", "
                        + max + "]");
            }
        }

        @Override
        public String describe() {
            return column + " between " + num(min) + " and " + num(max);
        }
    }

    /**
     * Every present value is one of these (compared as text: labels, {@code true}/{@code false}, integers).
     *
     * @param column   the column
     * @param values   the allowed values
     * @param severity how much a violation matters
     */
    record AllowedValues(String column, List<String> values, Severity severity) implements Constraint {
        /** Copies the values. */
        public AllowedValues {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            String shown = values.size() <= 8 ? values.toString()
                    : values.subList(0, 8).toString().replace("]", ", ... " + values.size() + " in all]");
            return column + " in " + shown;
        }
    }

    /**
     * Every present value matches a regular expression as a whole.
     *
     * @param column   the column
     * @param regex    the pattern ({@link java.util.regex.Pattern} syntax)
     * @param severity how much a violation matters
     */
    record Matches(String column, String regex, Severity severity) implements Constraint {
        /** Checks the pattern compiles. */
        public Matches {
            java.util.regex.Pattern.compile(regex);
        }

        @Override
        public String describe() {
            return column + " matches /" + regex + "/";
        }
    }

    /**
     * No present value occurs twice; every row holding a repeated value fails.
     *
     * @param column   the column
     * @param severity how much a violation matters
     */
    record Unique(String column, Severity severity) implements Constraint {
        @Override
        public String describe() {
            return column + " is unique";
        }
    }

    /**
     * The number of distinct present values lies in {@code [min, max]}.
     *
     * @param column   the column
     * @param min      the fewest distinct values
     * @param max      the most distinct values
     * @param severity how much a violation matters
     */
    record Cardinality(String column, long min, long max, Severity severity) implements Constraint {
        /** Checks the bounds. */
        public Cardinality {
            if (min < 0 || min > max) {
                throw new IllegalArgumentException("Cardinality of '" + column + "' needs 0 <= min <= max, got ["
                        + min + ", " + max + "]");
            }
        }

        @Override
        public String describe() {
            return column + " has " + min + " to " + max + " distinct values";
        }
    }

    /**
     * The frame has between {@code min} and {@code max} rows.
     *
     * @param min      the fewest rows
     * @param max      the most rows
     * @param severity how much a violation matters
     */
    record RowCount(long min, long max, Severity severity) implements Constraint {
        /** Checks the bounds. */
        public RowCount {
            if (min < 0 || min > max) {
                throw new IllegalArgumentException("RowCount needs 0 <= min <= max, got [" + min + ", " + max + "]");
            }
        }

        @Override
        public String column() {
            return "";
        }

        @Override
        public String describe() {
            return "row count between " + min + " and " + max;
        }
    }

    /**
     * The newest timestamp in the column is at most {@code maxAge} old, measured by the validator's clock.
     *
     * @param column   a TIMESTAMP column
     * @param maxAge   the largest allowed age, ISO-8601 ({@code PT24H})
     * @param severity how much a violation matters
     */
    record Freshness(String column, String maxAge, Severity severity) implements Constraint {
        /** Checks the duration parses and is positive. */
        public Freshness {
            if (Duration.parse(maxAge).isNegative()) {
                throw new IllegalArgumentException("maxAge of '" + column + "' must not be negative: " + maxAge);
            }
        }

        /** A freshness rule from a duration. */
        public static Freshness of(String column, Duration maxAge, Severity severity) {
            return new Freshness(column, maxAge.toString(), severity);
        }

        /** The maximum age as a duration. */
        public Duration maxAgeDuration() {
            return Duration.parse(maxAge);
        }

        @Override
        public String describe() {
            return "newest " + column + " at most " + maxAge + " old";
        }
    }

    /**
     * Every present value is a finite number: no positive or negative infinity (decision 080).
     *
     * @param column   a numeric column
     * @param severity how much a violation matters
     */
    record Finite(String column, Severity severity) implements Constraint {
        @Override
        public String describe() {
            return column + " is finite";
        }
    }

    /**
     * The share of missing values is no higher than sampling from the reference explains: the reference had
     * {@code referenceMissing} missing of {@code referenceRows} rows, and a frame of {@code m} rows fails when its
     * missing share exceeds the Wilson upper bound of the reference share plus the binomial spread of {@code m}
     * rows, at one-sided {@code confidence}, and also exceeds the reference share plus {@code slack}
     * (decision 081).
     *
     * @param column           the column
     * @param referenceRows    the rows of the reference
     * @param referenceMissing its missing values
     * @param slack            rises up to this share are never an error
     * @param confidence       the one-sided confidence of the bound, in (0.5, 1)
     * @param severity         how much a violation matters
     */
    record MissingShare(String column, long referenceRows, long referenceMissing, double slack, double confidence,
                        Severity severity) implements Constraint {
        /** Checks the counts and the confidence. */
        public MissingShare {
            Objects.requireNonNull(column, "column");
            checkSample(column, referenceRows, referenceMissing, slack, confidence);
        }

        /** The key of {@link Completeness}: one rule on a column's missing values, so {@code notNull()} replaces it. */
        @Override
        public String key() {
            return Completeness.class.getSimpleName() + ":" + column;
        }

        /** The largest missing share allowed in a frame of {@code rows} rows. */
        public double limit(long rows) {
            return Sampling.shareLimit(referenceMissing, referenceRows, rows, confidence, slack);
        }

        @Override
        public String describe() {
            return column + " missing about as often as in the reference (" + pct((double) referenceMissing
                    / Math.max(1, referenceRows)) + " of " + referenceRows + " rows)";
        }
    }

    /**
     * The share of present values outside the reference's set is no higher than sampling explains: of
     * {@code referenceValues} reference values, {@code referenceSingletons} were seen once, which estimates the
     * share of values a new sample shows that the reference never saw (Good and Turing); a frame fails when the
     * share of its values outside {@code values} exceeds that estimate's bound as in {@link MissingShare}.
     * Single new values are the business of {@link AllowedValues} (a warning in inferred contracts).
     *
     * @param column              the column
     * @param values              the values the reference held
     * @param referenceValues     the present values of the reference
     * @param referenceSingletons the values it held exactly once
     * @param slack               rises up to this share are never an error
     * @param confidence          the one-sided confidence of the bound, in (0.5, 1)
     * @param severity            how much a violation matters
     */
    record NewValueShare(String column, List<String> values, long referenceValues, long referenceSingletons,
                         double slack, double confidence, Severity severity) implements Constraint {
        /** Checks the counts and copies the values. */
        public NewValueShare {
            Objects.requireNonNull(column, "column");
            values = List.copyOf(values);
            checkSample(column, referenceValues, referenceSingletons, slack, confidence);
        }

        /** The largest share of new values allowed among {@code presentValues} values. */
        public double limit(long presentValues) {
            return Sampling.shareLimit(referenceSingletons, referenceValues, presentValues, confidence, slack);
        }

        @Override
        public String describe() {
            return column + " mostly of the " + values.size() + " values seen in the reference";
        }
    }

    /**
     * The mean of the present values lies as near the reference mean as two samples of the same data would: a
     * frame whose {@code m} values have mean {@code x} and deviation {@code s} fails when
     * {@code |x - mean| > z * sqrt(stdDev^2 / referenceValues + max(s, stdDev)^2 / m)}, {@code z} the two-sided
     * normal quantile at {@code confidence} (Welch's test; decision 081).
     *
     * @param column          a numeric column
     * @param referenceValues the present, finite values of the reference
     * @param mean            their mean
     * @param stdDev          their sample standard deviation
     * @param confidence      the two-sided confidence, in (0.5, 1)
     * @param severity        how much a violation matters
     */
    record Mean(String column, long referenceValues, double mean, double stdDev, double confidence,
                Severity severity) implements Constraint {
        /** Checks the statistics. */
        public Mean {
            Objects.requireNonNull(column, "column");
            if (referenceValues < 2 || !Double.isFinite(mean) || !(stdDev >= 0) || Double.isInfinite(stdDev)
                    || !(confidence > 0.5 && confidence < 1)) {
                throw new IllegalArgumentException("Mean of '" + column + "' needs at least 2 reference values,"
                        + " a finite mean and deviation and a confidence in (0.5, 1); got " + referenceValues
                        + " values, mean " + mean + ", sd " + stdDev + ", confidence " + confidence);
            }
        }

        /** The largest distance from {@link #mean()} allowed for {@code values} values of deviation {@code sd}. */
        public double tolerance(long values, double sd) {
            return Sampling.meanTolerance(referenceValues, stdDev, values, sd, confidence);
        }

        @Override
        public String describe() {
            return "mean of " + column + " near " + digits4(mean) + " (sd " + digits4(stdDev) + ")";
        }
    }

    private static void checkSample(String column, long rows, long hits, double slack, double confidence) {
        if (rows < 0 || hits < 0 || hits > rows || !(slack >= 0 && slack <= 1)
                || !(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("The share rule of '" + column + "' needs 0 <= hits <= rows, slack"
                    + " in [0, 1] and confidence in (0.5, 1); got " + hits + " of " + rows + ", slack " + slack
                    + ", confidence " + confidence);
        }
    }

    private static String pct(double share) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", share * 100);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Four significant digits, for statistics whose last digits are noise. */
    private static String digits4(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
