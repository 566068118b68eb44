package dev.mlops.features.internal;

import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
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
            if (isNumber && !(c instanceof DoubleColumn)) {
                out.add(FittedSteps.numeric(c, c.name(), FeatureData.numeric(c)));
            } else {
                out.add(c);
            }
        }
        return Frame.of(out);
    }
}
