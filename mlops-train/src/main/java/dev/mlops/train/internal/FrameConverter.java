package dev.mlops.train.internal;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TrainingException;
import dev.mlops.api.model.ModelTask;
import dev.mlops.train.MissingValues;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Turns a {@link Frame} into Tribuo examples. Numeric, integer and boolean columns become one real feature named
 * after the column; a categorical column becomes one-hot features named {@code column=value} (only the present
 * value is written: Tribuo's examples are sparse). A {@code WEIGHT} column sets example weights.
 */
public final class FrameConverter {
    private static final LabelFactory LABELS = new LabelFactory();
    private static final RegressionFactory REGRESSORS = new RegressionFactory();

    private FrameConverter() {
    }

    /** The feature fields of a frame: role FEATURE, not the label; rejects types a model cannot read. */
    public static List<Field> featureFields(Frame frame, String label) {
        List<Field> out = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (Field f : frame.schema().fields()) {
            if (f.role() != FieldRole.FEATURE || f.name().equals(label)) {
                continue;
            }
            if (f.type() == FieldType.TEXT || f.type() == FieldType.TIMESTAMP) {
                unusable.add(f.name() + " (" + f.type() + ")");
            } else {
                out.add(f);
            }
        }
        if (!unusable.isEmpty()) {
            throw new TrainingException("Feature columns " + unusable + " cannot feed a model directly; derive numeric"
                    + " or categorical columns from them, or mark them IGNORED with frame.withRole(name, IGNORED)");
        }
        if (out.isEmpty()) {
            throw new TrainingException("The frame has no feature columns besides the label '" + label
                    + "'; its columns are " + frame.columnNames());
        }
        return out;
    }

    /** A Tribuo classification dataset of the frame's feature columns and its label column. */
    public static MutableDataset<Label> classification(Frame frame, String label, List<Field> features,
                                                       MissingValues missing) {
        Column labels = labelColumn(frame, label);
        if (labels.type() == FieldType.NUMERIC || labels.type() == FieldType.TIMESTAMP) {
            throw new TrainingException("Classification needs a CATEGORICAL, BOOLEAN, INTEGER or TEXT label, but '"
                    + label + "' is " + labels.type() + "; use a regressor, or bucketize the label first");
        }
        Label[] outputs = new Label[frame.rowCount()];
        Map<String, Label> cache = new HashMap<>();
        for (int r = 0; r < outputs.length; r++) {
            if (labels.isMissing(r)) {
                throw new TrainingException("Row " + r + " has no value in label column '" + label + "'; drop or"
                        + " label the unlabelled rows before training");
            }
            outputs[r] = cache.computeIfAbsent(labelText(labels, r), Label::new);
        }
        return dataset(frame, features, missing, outputs, LABELS);
    }

    /** A Tribuo regression dataset of the frame's feature columns and its numeric label column. */
    public static MutableDataset<Regressor> regression(Frame frame, String label, List<Field> features,
                                                       MissingValues missing) {
        Column labels = labelColumn(frame, label);
        if (labels.type() != FieldType.NUMERIC && labels.type() != FieldType.INTEGER) {
            throw new TrainingException("Regression needs a NUMERIC or INTEGER label, but '" + label + "' is "
                    + labels.type() + "; use a classifier for it");
        }
        Regressor[] outputs = new Regressor[frame.rowCount()];
        for (int r = 0; r < outputs.length; r++) {
            double v = labels instanceof DoubleColumn d ? d.getDouble(r) : ((LongColumn) labels).getDouble(r);
            if (!Double.isFinite(v)) {
                throw new TrainingException("Row " + r + " of label column '" + label + "' is " + v
                        + "; regression targets must be finite numbers. Drop or fix the row");
            }
            outputs[r] = new Regressor(label, v);
        }
        return dataset(frame, features, missing, outputs, REGRESSORS);
    }

    /** The task a label column implies: REGRESSION for NUMERIC, CLASSIFICATION otherwise. */
    public static ModelTask impliedTask(Frame frame, String label) {
        return labelColumn(frame, label).type() == FieldType.NUMERIC ? ModelTask.REGRESSION : ModelTask.CLASSIFICATION;
    }

    /** The text of a label cell as Tribuo's label name. */
    public static String labelText(Column labels, int row) {
        Object v = labels.value(row);
        return String.valueOf(v);
    }

    private static Column labelColumn(Frame frame, String label) {
        if (!frame.hasColumn(label)) {
            throw new TrainingException("No label column '" + label + "'; the columns are " + frame.columnNames());
        }
        return frame.column(label);
    }

    private static <T extends Output<T>> MutableDataset<T> dataset(Frame frame, List<Field> features,
                                                                 MissingValues missing, T[] outputs,
                                                                 OutputFactory<T> factory) {
        if (frame.rowCount() == 0) {
            throw new TrainingException("Cannot train on an empty frame (0 rows); check the split or the filter");
        }
        MutableDataset<T> ds = new MutableDataset<>(new SimpleDataSourceProvenance("mlops Frame "
                + frame.fingerprint(), OffsetDateTime.now(), factory), factory);
        ds.addAll(examples(frame, features, missing, outputs));
        return ds;
    }

    /**
     * The examples of a frame's rows, with the given outputs (for prediction, the unknown output for every row).
     *
     * @throws TrainingException when a feature column is absent, a value is missing under {@link MissingValues#REJECT},
     *     a value is infinite, or a row has no feature at all
     */
    public static <T extends Output<T>> List<Example<T>> examples(Frame frame, List<Field> features,
                                                                 MissingValues missing, T[] outputs) {
        Encoder[] enc = new Encoder[features.size()];
        for (int i = 0; i < enc.length; i++) {
            Field f = features.get(i);
            if (!frame.hasColumn(f.name())) {
                throw new TrainingException("Feature column '" + f.name() + "' is missing from the frame; the model"
                        + " was trained on " + features.stream().map(Field::name).toList() + " and the frame has "
                        + frame.columnNames());
            }
            enc[i] = Encoder.of(frame.column(f.name()), f);
        }
        DoubleColumn weights = weightColumn(frame);
        int rows = frame.rowCount();
        List<Example<T>> out = new ArrayList<>(rows);
        String[] names = new String[enc.length];
        double[] values = new double[enc.length];
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (Encoder e : enc) {
                if (e.write(r, names, values, n)) {
                    n++;
                } else if (missing == MissingValues.REJECT) {
                    throw new TrainingException("Row " + r + " has a missing value in feature column '" + e.name
                            + "'; impute it first (fitted preprocessing) or train with MissingValues.SKIP");
                }
            }
            if (n == 0) {
                throw new TrainingException("Row " + r + " has no feature value at all (every feature is missing);"
                        + " drop the row or impute its values");
            }
            ArrayExample<T> ex = new ArrayExample<>(outputs[r], Arrays.copyOf(names, n), Arrays.copyOf(values, n));
            if (weights != null) {
                double w = weights.getDouble(r);
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new TrainingException("Row " + r + " of weight column '" + weights.name() + "' is " + w
                            + "; weights must be finite and not negative");
                }
                ex.setWeight((float) w);
            }
            out.add(ex);
        }
        return out;
    }

    private static DoubleColumn weightColumn(Frame frame) {
        DoubleColumn found = null;
        for (Column c : frame.columns()) {
            if (c.field().role() == FieldRole.WEIGHT) {
                if (c.type() != FieldType.NUMERIC) {
                    throw new TrainingException("Weight column '" + c.name() + "' is " + c.type()
                            + "; a weight column must be NUMERIC");
                }
                if (found != null) {
                    throw new TrainingException("Two weight columns, '" + found.name() + "' and '" + c.name()
                            + "'; mark one of them IGNORED");
                }
                found = (DoubleColumn) c;
            }
        }
        return found;
    }

    /** Writes one column's feature for a row; precomputes names so the row loop allocates no strings. */
    private abstract static class Encoder {
        final String name;

        Encoder(String name) {
            this.name = name;
        }

        /** Writes the feature at {@code pos}; false when the value is missing. */
        abstract boolean write(int row, String[] names, double[] values, int pos);

        static Encoder of(Column c, Field expected) {
            if (c.type() != expected.type()) {
                throw new TrainingException("Feature column '" + c.name() + "' is " + c.type()
                        + " but the model was trained on it as " + expected.type() + "; cast it back first");
            }
            if (c instanceof DoubleColumn d) {
                return new Encoder(c.name()) {
                    @Override
                    boolean write(int row, String[] names, double[] values, int pos) {
                        double v = d.getDouble(row);
                        if (Double.isNaN(v)) {
                            return false;
                        }
                        if (Double.isInfinite(v)) {
                            throw new TrainingException("Row " + row + " of feature column '" + name + "' is " + v
                                    + "; clip or drop infinite values before training or predicting");
                        }
                        names[pos] = name;
                        values[pos] = v;
                        return true;
                    }
                };
            }
            if (c instanceof LongColumn l) {
                return new Encoder(c.name()) {
                    @Override
                    boolean write(int row, String[] names, double[] values, int pos) {
                        if (l.isMissing(row)) {
                            return false;
                        }
                        names[pos] = name;
                        values[pos] = l.getLong(row);
                        return true;
                    }
                };
            }
            if (c instanceof BooleanColumn b) {
                return new Encoder(c.name()) {
                    @Override
                    boolean write(int row, String[] names, double[] values, int pos) {
                        if (b.isMissing(row)) {
                            return false;
                        }
                        names[pos] = name;
                        values[pos] = b.getBoolean(row) ? 1.0 : 0.0;
                        return true;
                    }
                };
            }
            if (c instanceof CategoricalColumn k) {
                List<String> dict = k.dictionary();
                String[] oneHot = new String[dict.size()];
                for (int i = 0; i < oneHot.length; i++) {
                    oneHot[i] = c.name() + "=" + dict.get(i);
                }
                return new Encoder(c.name()) {
                    @Override
                    boolean write(int row, String[] names, double[] values, int pos) {
                        int code = k.code(row);
                        if (code == CategoricalColumn.MISSING_CODE) {
                            return false;
                        }
                        names[pos] = oneHot[code];
                        values[pos] = 1.0;
                        return true;
                    }
                };
            }
            throw new TrainingException("Feature column '" + c.name() + "' is " + c.type()
                    + ", which a model cannot read");
        }
    }
}
