package dev.mlops.features.internal;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature columns of a frame, read once into primitive arrays for the rankers: numeric values ({@code NaN} for
 * missing) or categorical codes ({@code -1} for missing). Rows whose label is missing are left out, and said so.
 */
public final class FeatureData {
    /** One feature: either {@code values} (numeric) or {@code codes} with {@code levels} (categorical). */
    public record Feature(String name, double[] values, int[] codes, int levels) {
        /** Whether the feature is categorical. */
        public boolean categorical() {
            return codes != null;
        }
    }

    private final List<Feature> features;
    private final Map<String, String> notes;
    private final int rows;
    private final int[] labelClasses;
    private final int classCount;
    private final double[] labelValues;

    private FeatureData(List<Feature> features, Map<String, String> notes, int rows, int[] labelClasses,
            int classCount, double[] labelValues) {
        this.features = features;
        this.notes = notes;
        this.rows = rows;
        this.labelClasses = labelClasses;
        this.classCount = classCount;
        this.labelValues = labelValues;
    }

    /**
     * Reads the feature columns (role FEATURE, not the label) of a frame.
     *
     * @param label the label column, or null for unsupervised methods
     * @param needNumericLabel whether the label must be a number (regression)
     */
    public static FeatureData of(Frame frame, String label, boolean needNumericLabel) {
        Map<String, String> notes = new LinkedHashMap<>();
        int[] keep = null;
        int[] classes = null;
        int classCount = 0;
        double[] labelValues = null;
        if (label != null) {
            Column lc = frame.column(label);
            if (lc.missingCount() > 0) {
                int[] k = new int[frame.rowCount() - lc.missingCount()];
                int n = 0;
                for (int r = 0; r < frame.rowCount(); r++) {
                    if (!lc.isMissing(r)) {
                        k[n++] = r;
                    }
                }
                keep = k;
                notes.put(label, "label missing in " + lc.missingCount() + " rows; those rows were left out");
                frame = frame.rows(keep);
                lc = frame.column(label);
            }
            if (needNumericLabel) {
                labelValues = numeric(lc);
                if (labelValues == null) {
                    throw new IllegalArgumentException("Label '" + label + "' is " + lc.type()
                            + " but this method is for regression and needs a NUMERIC, INTEGER or BOOLEAN label;"
                            + " use a classification method (mutualInformation, chiSquared, anovaF) instead");
                }
            } else {
                if (lc instanceof CategoricalColumn c) {
                    classes = c.toCodes();
                    classCount = c.dictionary().size();
                } else if (lc instanceof TextColumn t) {
                    String[] s = new String[t.size()];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = t.getString(i);
                    }
                    classes = new int[s.length];
                    classCount = codesOf(s, classes);
                } else {
                    double[] v = numeric(lc);
                    if (v == null) {
                        throw new IllegalArgumentException("Label '" + label + "' is " + lc.type()
                                + " and cannot be a class label; use a CATEGORICAL, BOOLEAN or INTEGER label");
                    }
                    classes = new int[v.length];
                    Map<Double, Integer> ids = new HashMap<>();
                    for (int i = 0; i < v.length; i++) {
                        classes[i] = ids.computeIfAbsent(v[i], x -> ids.size());
                    }
                    classCount = ids.size();
                }
            }
        }
        List<Feature> features = new ArrayList<>();
        for (Column c : frame.columns()) {
            if (c.name().equals(label) || c.field().role() != FieldRole.FEATURE) {
                continue;
            }
            switch (c.type()) {
                case NUMERIC, INTEGER, BOOLEAN -> features.add(new Feature(c.name(), numeric(c), null, 0));
                case CATEGORICAL -> {
                    CategoricalColumn cc = (CategoricalColumn) c;
                    features.add(new Feature(c.name(), null, cc.toCodes(), cc.dictionary().size()));
                }
                case TEXT, TIMESTAMP -> notes.put(c.name(), "not ranked: " + c.type()
                        + " columns are not features a ranker can score; encode or derive numbers first");
            }
        }
        return new FeatureData(features, notes, frame.rowCount(), classes, classCount, labelValues);
    }

    /** Compacts strings (null = missing, code -1) into dense codes; returns the number of distinct values. */
    static int codesOf(String[] values, int[] out) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? -1 : ids.computeIfAbsent(values[i], x -> ids.size());
        }
        return ids.size();
    }

    /** The values of a numeric, integer or boolean column as doubles ({@code NaN} when missing), else null. */
    public static double[] numeric(Column c) {
        if (c instanceof DoubleColumn d) {
            return d.toArray();
        }
        if (c instanceof LongColumn l) {
            if (c.type() != dev.mlops.api.FieldType.INTEGER) {
                return null;
            }
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = l.isMissing(i) ? Double.NaN : l.getLong(i);
            }
            return out;
        }
        if (c instanceof BooleanColumn b) {
            double[] out = new double[b.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.isMissing(i) ? Double.NaN : (b.getBoolean(i) ? 1 : 0);
            }
            return out;
        }
        return null;
    }

    /** The features, in frame order. */
    public List<Feature> features() {
        return features;
    }

    /** Notes about columns or rows left out (mutable: rankers add theirs). */
    public Map<String, String> notes() {
        return notes;
    }

    /** The number of rows used. */
    public int rows() {
        return rows;
    }

    /** The class of each row, {@code 0..classCount-1} (classification only). */
    public int[] labelClasses() {
        return labelClasses;
    }

    /** The number of classes (classification only). */
    public int classCount() {
        return classCount;
    }

    /** The label as numbers (regression only). */
    public double[] labelValues() {
        return labelValues;
    }
}
