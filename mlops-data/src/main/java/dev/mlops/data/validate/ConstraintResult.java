package dev.mlops.data.validate;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one constraint on one frame.
 *
 * @param name        the constraint's description
 * @param kind        its kind ({@code range}, {@code unique}, {@code predicate}, ...)
 * @param column      the column, empty for whole-frame rules
 * @param severity    how much a violation matters
 * @param status      passed or failed
 * @param observed    what was seen, for a person ({@code "min 19, max 75"})
 * @param failingRows the exact number of rows that break the rule (0 for whole-frame rules)
 * @param sample      the first failing rows, at most the validator's sample size
 * @param message     why it failed and what to do, empty when passed
 */
public record ConstraintResult(String name, String kind, String column, Severity severity, Status status,
                               String observed, long failingRows, List<FailingRow> sample, String message) {

    /** Copies the sample. */
    public ConstraintResult {
        sample = List.copyOf(sample);
    }

    /** Whether the constraint held. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Pass or fail. */
    public enum Status {
        /** The data satisfies the rule. */
        PASSED,
        /** The data breaks the rule. */
        FAILED
    }

    /**
     * A row that broke a rule, with its values as text.
     *
     * @param row    the row's position in the validated frame
     * @param values column name to value ({@code null} when missing)
     */
    public record FailingRow(int row, Map<String, String> values) {
        /** Copies the values. */
        public FailingRow {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }
}
