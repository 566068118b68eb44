package dev.mlops.features.internal;

import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;

/** Brings a frame to the form a chain works on: its input columns only, numbers as NUMERIC columns. */
public final class ChainRunner {
    private ChainRunner() {
    }

    /**
     * The input columns of {@code frame}, in the order of {@code inputs}; INTEGER and BOOLEAN columns become NUMERIC
     * (as they enter the ONNX graph as floats), CATEGORICAL and TEXT columns stay as they are.
     */
    public static Frame normalize(Frame frame, List<Field> inputs) {
        Frame selected = select(frame, inputs);
        List<Column> out = new ArrayList<>(inputs.size());
        for (Column c : selected.columns()) {
            boolean isNumber = c.type() == FieldType.INTEGER || c.type() == FieldType.BOOLEAN;
            out.add(isNumber ? FittedSteps.numeric(c, c.name(), FeatureData.numeric(c)) : c);
        }
        return Frame.of(out);
    }

    /**
     * Runs fitted steps over the inputs of a frame: the numbers stay plain arrays between steps and one frame is
     * built at the end, all NUMERIC, in {@code outputNames} order.
     */
    public static Frame apply(Frame frame, List<Field> inputs, List<? extends dev.mlops.features.FittedTransform> steps,
            List<String> outputNames) {
        Frame selected = select(frame, inputs);
        Frame result;
        if (steps.stream().allMatch(s -> s instanceof FittedSteps.Step)) {
            Work w = Work.of(selected);
            for (dev.mlops.features.FittedTransform s : steps) {
                ((FittedSteps.Step) s).applyTo(w);
            }
            result = w.toFrame(true);
        } else {
            result = normalize(frame, inputs);
            for (dev.mlops.features.FittedTransform s : steps) {
                result = s.apply(result);
            }
        }
        return result.select(outputNames);
    }

    /** The input columns of a frame in the order of {@code inputs}, each checked against its fitted type. */
    static Frame select(Frame frame, List<Field> inputs) {
        List<Column> out = new ArrayList<>(inputs.size());
        for (Field f : inputs) {
            if (!frame.hasColumn(f.name())) {
                throw new IllegalArgumentException("The frame lacks input column '" + f.name() + "' ("
                        + f.type() + ") that the preprocessing was fitted with; the columns are "
                        + frame.columnNames());
            }
            Column c = frame.column(f.name());
            boolean wantNumber = f.type() != FieldType.CATEGORICAL && f.type() != FieldType.TEXT;
            boolean isNumber = c.type() == FieldType.NUMERIC || c.type() == FieldType.INTEGER
                    || c.type() == FieldType.BOOLEAN;
            boolean isLabels = c.type() == FieldType.CATEGORICAL || c.type() == FieldType.TEXT;
            if (wantNumber && !isNumber || !wantNumber && !isLabels) {
                throw new IllegalArgumentException("Input column '" + f.name() + "' is " + c.type()
                        + " but the preprocessing was fitted on " + f.type() + "; cast it to " + f.type());
            }
            out.add(c);
        }
        return Frame.of(out);
    }
}
