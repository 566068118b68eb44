package dev.mlops.features.internal;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a frame while fitted steps run over it: numeric columns a step touched are plain {@code double[]}
 * arrays owned by this object (copied once, then changed in place by every later step), the rest are the frame's
 * columns. A frame is built once, at the end, instead of after every step. Not thread-safe; one per apply call.
 */
final class Work {
    private LinkedHashMap<String, Object> columns = new LinkedHashMap<>();
    private final Map<String, FieldRole> roles = new LinkedHashMap<>();
    private final int rows;

    private Work(int rows) {
        this.rows = rows;
    }

    static Work of(Frame frame) {
        Work w = new Work(frame.rowCount());
        for (Column c : frame.columns()) {
            w.columns.put(c.name(), c);
            w.roles.put(c.name(), c.field().role());
        }
        return w;
    }

    private Object get(String name) {
        Object v = columns.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No column named '" + name + "'; the columns are " + columns.keySet());
        }
        return v;
    }

    /** The numbers of a column, owned by this object and safe to change in place. */
    double[] numbers(String name, String step) {
        Object v = get(name);
        if (v instanceof double[] d) {
            return d;
        }
        Column c = (Column) v;
        double[] d = FeatureData.numeric(c);
        if (d == null) {
            throw new IllegalArgumentException(step + " needs a NUMERIC, INTEGER or BOOLEAN column, but '" + name
                    + "' is " + c.type() + "; encode it first (oneHot or ordinal) or leave it out of this step");
        }
        columns.put(name, d);
        return d;
    }

    /** The labels of a categorical or text column. */
    CategoricalColumn labels(String name, String step) {
        Object v = get(name);
        if (v instanceof double[]) {
            throw new IllegalArgumentException(step + " needs a CATEGORICAL or TEXT column, but '" + name
                    + "' holds numbers at this point; use a numeric step (scale, bucketize, log) for numbers");
        }
        CategoricalColumn c = FittedSteps.labels(((Column) v).name(), (Column) v, step);
        columns.put(name, c);
        return c;
    }

    void setNumbers(String name, double[] values) {
        get(name);
        columns.put(name, values);
    }

    void setLabels(String name, CategoricalColumn values) {
        get(name);
        columns.put(name, values);
    }

    /** Replaces one column by several numeric ones at its position; they take its role. */
    void replace(String name, List<String> names, List<double[]> values) {
        get(name);
        FieldRole role = roles.get(name);
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            if (e.getKey().equals(name)) {
                for (int i = 0; i < names.size(); i++) {
                    if (out.containsKey(names.get(i)) || (columns.containsKey(names.get(i)) && !names.get(i).equals(name))) {
                        throw new IllegalArgumentException("Encoding '" + name + "' makes a column '" + names.get(i)
                                + "', which already exists; rename one of them");
                    }
                    out.put(names.get(i), values.get(i));
                    roles.put(names.get(i), role);
                }
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        columns = out;
    }

    /** A frame of the columns: touched ones as NUMERIC; with {@code allNumeric}, untouched numbers too. */
    Frame toFrame(boolean allNumeric) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Column c && (!allNumeric || c instanceof DoubleColumn || !c.type().isNumeric()
                    && c.type() != FieldType.BOOLEAN)) {
                out.add(c);
            } else {
                double[] d = v instanceof double[] a ? a : FeatureData.numeric((Column) v);
                out.add(DoubleColumn.of(new Field(e.getKey(), FieldType.NUMERIC, true, roles.get(e.getKey())), d));
            }
        }
        return out.isEmpty() ? Frame.of(List.of()) : Frame.of(out);
    }

    int rows() {
        return rows;
    }
}
