package dev.mlops.features.internal;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.features.FittedTransform;
import dev.mlops.features.Transform;
import dev.mlops.features.internal.FittedSteps.Affine;
import dev.mlops.features.internal.FittedSteps.Categories;
import dev.mlops.features.internal.FittedSteps.Edges;
import dev.mlops.features.internal.FittedSteps.Fill;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Learns fitted transforms from data. */
public final class TransformFitter {
    private TransformFitter() {
    }

    /** Fits one transform to a frame. */
    public static FittedTransform fit(Transform t, Frame frame) {
        for (String c : t.columns()) {
            if (!frame.hasColumn(c)) {
                throw new IllegalArgumentException("The " + t.kind() + " step names column '" + c
                        + "', which the frame lacks at this point; the columns are " + frame.columnNames());
            }
        }
        return switch (t.kind()) {
            case IMPUTE -> impute(t, frame);
            case SCALE -> scale(t, frame);
            case ONE_HOT -> new FittedSteps.OneHot(t.unseen(), categories(t, frame, "One-hot encoding"));
            case ORDINAL -> new FittedSteps.Ordinal(categories(t, frame, "Ordinal encoding"));
            case BUCKETIZE -> bucketize(t, frame);
            case LOG -> {
                for (String c : t.columns()) {
                    FittedSteps.numbers(frame, c, "The log transform");
                }
                yield new FittedSteps.Log(t.offset(), t.columns());
            }
        };
    }

    private static boolean isLabels(Column c) {
        return c.type() == dev.mlops.api.FieldType.CATEGORICAL || c.type() == dev.mlops.api.FieldType.TEXT;
    }

    private static FittedTransform impute(Transform t, Frame frame) {
        List<Fill> fills = new ArrayList<>();
        for (String name : t.columns()) {
            Column c = frame.column(name);
            if (isLabels(c)) {
                CategoricalColumn cc = FittedSteps.labels(frame, name, "Imputation");
                List<String> known = usedLabels(cc);
                String fill = switch (t.imputation()) {
                    case CONSTANT -> t.constant();
                    case MOST_FREQUENT -> mostFrequentLabel(cc, name);
                    case MEAN, MEDIAN -> throw new IllegalArgumentException(t.imputation() + " imputation needs a"
                            + " numeric column, but '" + name + "' is " + c.type()
                            + "; use MOST_FREQUENT or a constant label");
                };
                fills.add(new Fill(name, true, Double.NaN, fill, known));
            } else {
                double[] v = present(FittedSteps.numbers(frame, name, "Imputation"));
                double fill;
                if (t.imputation() == Transform.Imputation.CONSTANT) {
                    try {
                        fill = Double.parseDouble(t.constant());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Constant '" + t.constant() + "' is not a number, but column '"
                                + name + "' is numeric; give a number", e);
                    }
                } else {
                    if (v.length == 0) {
                        throw new IllegalArgumentException("Column '" + name + "' has no values to compute its "
                                + t.imputation() + " from; impute it with a constant instead");
                    }
                    Arrays.sort(v);
                    fill = switch (t.imputation()) {
                        case MEAN -> mean(v);
                        case MEDIAN -> quantile(v, 0.5);
                        case MOST_FREQUENT -> mostFrequent(v);
                        case CONSTANT -> throw new AssertionError();
                    };
                }
                fills.add(new Fill(name, false, fill, null, null));
            }
        }
        return new FittedSteps.Impute(t.imputation(), fills);
    }

    private static FittedTransform scale(Transform t, Frame frame) {
        List<Affine> out = new ArrayList<>();
        for (String name : t.columns()) {
            double[] v = present(FittedSteps.numbers(frame, name, "Scaling"));
            if (v.length == 0) {
                throw new IllegalArgumentException("Column '" + name + "' has no values to fit a scaler on");
            }
            Arrays.sort(v);
            double offset;
            double spread;
            switch (t.scaling()) {
                case STANDARD -> {
                    offset = mean(v);
                    double ss = 0;
                    for (double x : v) {
                        ss += (x - offset) * (x - offset);
                    }
                    spread = Math.sqrt(ss / v.length);
                }
                case MIN_MAX -> {
                    offset = v[0];
                    spread = v[v.length - 1] - v[0];
                }
                case ROBUST -> {
                    offset = quantile(v, 0.5);
                    spread = quantile(v, 0.75) - quantile(v, 0.25);
                }
                default -> throw new AssertionError();
            }
            // A constant column is only shifted, as scikit-learn's scalers do.
            out.add(new Affine(name, offset, spread == 0 || !Double.isFinite(spread) ? 1 : 1 / spread));
        }
        return new FittedSteps.Scale(t.scaling(), out);
    }

    private static List<Categories> categories(Transform t, Frame frame, String step) {
        List<Categories> out = new ArrayList<>();
        for (String name : t.columns()) {
            CategoricalColumn c = FittedSteps.labels(frame, name, step);
            List<String> labels = usedLabels(c);
            if (labels.contains(FittedSteps.MISSING_STRING)) {
                throw new IllegalArgumentException("Column '" + name + "' has an empty label, which the ONNX form"
                        + " reserves for missing values; replace it before fitting");
            }
            out.add(new Categories(name, labels));
        }
        return out;
    }

    private static FittedTransform bucketize(Transform t, Frame frame) {
        List<Edges> out = new ArrayList<>();
        for (String name : t.columns()) {
            double[] v = present(FittedSteps.numbers(frame, name, "Bucketizing"));
            Arrays.sort(v);
            List<Double> edges = new ArrayList<>();
            if (v.length > 0) {
                for (int i = 1; i < t.buckets(); i++) {
                    double e = quantile(v, (double) i / t.buckets());
                    // Equal cuts would make empty buckets; a cut at the minimum would make the first one empty.
                    if (e > v[0] && (edges.isEmpty() || (float) e > edges.get(edges.size() - 1).floatValue())) {
                        edges.add(e);
                    }
                }
            }
            out.add(new Edges(name, edges));
        }
        return new FittedSteps.Bucketize(t.buckets(), out);
    }

    /** The labels some row uses, sorted. */
    static List<String> usedLabels(CategoricalColumn c) {
        int[] counts = c.codeCounts();
        TreeSet<String> used = new TreeSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                used.add(c.dictionary().get(i));
            }
        }
        return List.copyOf(used);
    }

    private static String mostFrequentLabel(CategoricalColumn c, String name) {
        int[] counts = c.codeCounts();
        String best = null;
        int bestCount = 0;
        for (int i = 0; i < counts.length; i++) {
            String label = c.dictionary().get(i);
            if (counts[i] > bestCount || (counts[i] == bestCount && counts[i] > 0 && label.compareTo(best) < 0)) {
                best = label;
                bestCount = counts[i];
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("Column '" + name + "' has no values to find the most frequent in;"
                    + " impute it with a constant label instead");
        }
        return best;
    }

    static double[] present(double[] v) {
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                v[n++] = x;
            }
        }
        return n == v.length ? v : Arrays.copyOf(v, n);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The q-quantile of sorted values with linear interpolation (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    /** The most frequent of sorted values, the smallest among ties. */
    static double mostFrequent(double[] sorted) {
        double best = sorted[0];
        int bestRun = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestRun) {
                bestRun = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }
}
