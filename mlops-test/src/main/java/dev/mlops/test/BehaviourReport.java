package dev.mlops.test;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.mlops.api.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of a model's behavioural checks ({@link BehaviourChecks}): one result per check, each naming its
 * failing rows. Immutable; serializes to JSON and back.
 *
 * @param model a name for the model checked
 * @param rows the rows the checks ran on (minimum-functionality cases come on their own)
 * @param checks one result per check, in the order they were added
 */
public record BehaviourReport(String model, int rows, List<CheckResult> checks) {

    /** Copies the checks. */
    public BehaviourReport {
        Objects.requireNonNull(model, "model");
        checks = List.copyOf(checks);
    }

    /** Whether every check passed. */
    @JsonIgnore
    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** The checks that failed. */
    @JsonIgnore
    public List<CheckResult> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The result of the check with this name. */
    public java.util.Optional<CheckResult> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A few lines for a person: each check, and the first failing rows of each failed one. */
    public String summary() {
        return "Behavioural checks of " + model + " on " + rows + " rows: " + (checks.size() - failures().size())
                + " passed, " + failures().size() + " failed\n"
                + checks.stream().map(CheckResult::describe).collect(Collectors.joining("\n"));
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** A report read from {@link #toJson()}. */
    public static BehaviourReport fromJson(String json) {
        return Json.read(json, BehaviourReport.class);
    }

    @Override
    public String toString() {
        return summary();
    }

    /** The kinds of behavioural check. */
    public enum Kind {
        /** Changing a column that must not matter changes no prediction beyond a tolerance. */
        INVARIANCE,
        /** Moving a column one way never moves an output the wrong way beyond a tolerance. */
        DIRECTIONAL,
        /** Hand-written cases get the expected answers. */
        MINIMUM_FUNCTIONALITY,
        /** No slice of enough rows falls below a metric floor. */
        SLICE_FLOOR
    }

    /**
     * One check's outcome.
     *
     * @param name what was checked, for a person
     * @param kind the kind of check
     * @param passed whether it held
     * @param rowsChecked the rows (or slices, for a slice floor) it looked at
     * @param failingRows the exact number of rows that broke it
     * @param sample the first failing rows, with what went wrong and their values
     * @param detail the numbers behind the verdict
     */
    public record CheckResult(String name, Kind kind, boolean passed, int rowsChecked, int failingRows,
                              List<FailingRow> sample, String detail) {
        /** Copies the sample. */
        public CheckResult {
            sample = List.copyOf(sample);
        }

        String describe() {
            StringBuilder s = new StringBuilder("  - [").append(passed ? "passed" : "FAILED").append("] ")
                    .append(kind).append(' ').append(name).append(": ").append(detail);
            for (FailingRow r : sample) {
                s.append("\n      row ").append(r.row()).append(": ").append(r.problem()).append("\n        ")
                        .append(r.values());
            }
            if (failingRows > sample.size()) {
                s.append("\n      ... and ").append(failingRows - sample.size()).append(" more rows");
            }
            return s.toString();
        }
    }

    /**
     * A row that broke a check.
     *
     * @param row the row's position in the frame checked (or in the cases, for minimum functionality)
     * @param problem what went wrong, with the numbers
     * @param values the row's input values as text ({@code null} when missing)
     */
    public record FailingRow(int row, String problem, Map<String, String> values) {
        /** Copies the values. */
        public FailingRow {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }
}
