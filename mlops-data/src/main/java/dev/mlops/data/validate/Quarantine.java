package dev.mlops.data.validate;

import dev.mlops.api.Frame;
import java.util.List;

/**
 * A frame split by row-level constraints: the rows that satisfy all of them, and the rest with what each broke.
 * The invalid frame has an extra text column {@value #VIOLATIONS_COLUMN} listing the broken constraints.
 *
 * @param valid      the rows that break no row-level constraint, in order
 * @param invalid    the other rows, in order, with the violations column
 * @param violations one entry per invalid row, in the same order
 * @param report     the full validation report of the frame
 */
public record Quarantine(Frame valid, Frame invalid, List<RowViolations> violations, ValidationReport report) {
    /** The name of the column that lists each invalid row's broken constraints. */
    public static final String VIOLATIONS_COLUMN = "_violations";

    /** Copies the list. */
    public Quarantine {
        violations = List.copyOf(violations);
    }

    /**
     * One invalid row and the constraints it broke.
     *
     * @param row         its position in the validated frame
     * @param constraints the descriptions of the broken constraints
     */
    public record RowViolations(int row, List<String> constraints) {
        /** Copies the list. */
        public RowViolations {
            constraints = List.copyOf(constraints);
        }
    }
}
