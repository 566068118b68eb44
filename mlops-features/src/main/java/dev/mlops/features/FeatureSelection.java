package dev.mlops.features;

import dev.mlops.api.Column;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The feature columns chosen from a {@link FeatureRanking}, best first.
 *
 * @param label the label column the ranking was made against (kept by {@link #project(Frame)}), or null
 * @param columns the chosen feature columns, best first
 */
public record FeatureSelection(String label, List<String> columns) {
    /** Copies the columns. */
    public FeatureSelection {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    }

    /**
     * The frame with only the chosen features, plus the label and every column whose role is not FEATURE (ids,
     * weights, timestamps), in the frame's order.
     *
     * @throws IllegalArgumentException naming a chosen column the frame lacks
     */
    public Frame project(Frame frame) {
        Set<String> keep = new HashSet<>(columns);
        for (String c : columns) {
            if (!frame.hasColumn(c)) {
                throw new IllegalArgumentException("The frame has no column '" + c + "' chosen by the ranking; "
                        + "the columns are " + frame.columnNames());
            }
        }
        List<String> out = new ArrayList<>();
        for (Column c : frame.columns()) {
            if (keep.contains(c.name()) || c.name().equals(label) || c.field().role() != FieldRole.FEATURE) {
                out.add(c.name());
            }
        }
        return frame.select(out);
    }
}
