package dev.mlops.train.scoping;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import java.util.List;

/**
 * The usable feature columns of a frame as primitive arrays (numeric values with NaN for missing; categorical
 * codes with -1 for missing) and the label as class indices or values: what the readable rules learn from.
 */
final class Table {
    final String[] names;
    final boolean[] numeric;
    final double[][] values;
    final int[][] codes;
    final List<List<String>> dictionaries;
    final int rows;
    final boolean classification;
    final List<String> classes;
    final int[] y;
    final double[] target;

    Table(Frame frame, List<String> features, String label) {
        rows = frame.rowCount();
        names = features.toArray(String[]::new);
        numeric = new boolean[names.length];
        values = new double[names.length][];
        codes = new int[names.length][];
        dictionaries = new java.util.ArrayList<>();
        for (int f = 0; f < names.length; f++) {
            Column c = frame.column(names[f]);
            if (c instanceof CategoricalColumn cat) {
                codes[f] = new int[rows];
                for (int r = 0; r < rows; r++) {
                    codes[f][r] = cat.isMissing(r) ? -1 : cat.code(r);
                }
                dictionaries.add(cat.dictionary());
            } else {
                numeric[f] = true;
                values[f] = frame.doubles(names[f]).toArray().clone();
                for (int r = 0; r < rows; r++) {
                    if (c.isMissing(r)) {
                        values[f][r] = Double.NaN;
                    }
                }
                dictionaries.add(List.of());
            }
        }
        Column l = frame.column(label);
        classification = l instanceof CategoricalColumn;
        if (classification) {
            CategoricalColumn cat = (CategoricalColumn) l;
            classes = cat.dictionary();
            y = cat.toCodes();
            target = null;
        } else {
            classes = List.of();
            y = null;
            target = frame.doubles(label).toArray();
        }
    }

    /** Outputs per prediction: one probability per class, or one value. */
    int width() {
        return classification ? classes.size() : 1;
    }

    boolean missing(int f, int r) {
        return numeric[f] ? Double.isNaN(values[f][r]) : codes[f][r] < 0;
    }

    /** The class shares (Laplace-smoothed) or the mean of the given rows. */
    double[] leaf(int[] rows, int from, int to) {
        double[] v = new double[width()];
        if (classification) {
            for (int i = from; i < to; i++) {
                v[y[rows[i]]]++;
            }
            int n = to - from;
            for (int c = 0; c < v.length; c++) {
                v[c] = (v[c] + 1) / (n + v.length);
            }
        } else {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += target[rows[i]];
            }
            v[0] = to > from ? s / (to - from) : 0;
        }
        return v;
    }

    /** How a leaf value reads: "good (p=0.74)" or "12.3". */
    String describeLeaf(double[] v) {
        if (!classification) {
            return String.format(java.util.Locale.ROOT, "%.4g", v[0]);
        }
        int best = argmax(v);
        return String.format(java.util.Locale.ROOT, "%s (p=%.2f)", classes.get(best), v[best]);
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
