package dev.mlops.data.label;

import dev.mlops.api.Row;
import java.util.Objects;
import java.util.function.Function;

/**
 * A heuristic that labels a row or abstains (returns null). Must be side-effect free; called once per row.
 *
 * @param name  the function's name in reports
 * @param logic the row-to-label function, null meaning abstain
 */
public record LabelingFunction(String name, Function<Row, String> logic) {

    /** Checks the arguments. */
    public LabelingFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(logic, "logic");
    }

    /** A labelling function. */
    public static LabelingFunction of(String name, Function<Row, String> logic) {
        return new LabelingFunction(name, logic);
    }

    /** The label for a row, or null to abstain. */
    public String apply(Row row) {
        return logic.apply(row);
    }
}
