package dev.mlops.features.internal;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.TextColumn;
import dev.mlops.features.FittedTransform;
import dev.mlops.features.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fitted transforms: immutable records (their JSON form) that apply in Java and emit the same computation as
 * ONNX nodes. Both compute in double with the same operations in the same order (subtract, then multiply; compare
 * with the same double edges), so the served features are the Java features bit for bit and a tree downstream
 * takes the same branch (docs/decisions/180).
 */
public final class FittedSteps {
    /** The string a missing categorical or text value becomes in the ONNX graph's string inputs. */
    public static final String MISSING_STRING = "";
    /** What constant imputation maps labels it did not see in fitting to, inside the ONNX graph only. */
    static final String UNSEEN_SENTINEL = "\u0000unseen";

    private FittedSteps() {
    }

    /** A fitted step that can write itself into an ONNX graph. */
    public interface Step extends FittedTransform {
        /** Adds this step's nodes, reading and updating the tensors of its columns. */
        void emit(OnnxGraph graph);

        /** Applies this step to working columns, in place. */
        void applyTo(Work work);

        @Override
        default Frame apply(Frame frame) {
            Work w = Work.of(frame);
            applyTo(w);
            return w.toFrame(false);
        }
    }

    /**
     * Whether a missing value of {@code column} comes out of the steps as defined features, the same in Java and in
     * the ONNX graph: a numeric imputation fills it; ordinal encoding makes it -1; one-hot encoding makes it a row of
     * zeros under {@link Transform.UnseenCategories#IGNORE}, and under {@code ERROR} accepts it only when an earlier
     * imputation filled it with one of the encoder's categories. Scaling, bucketizing and the log keep it missing for
     * the steps after them; a step of another kind is taken to keep it missing.
     */
    public static boolean definesMissing(List<? extends FittedTransform> steps, String column) {
        String filled = null; // the label a missing category has become, once imputed
        for (FittedTransform t : steps) {
            if (!t.inputColumns().contains(column)) {
                continue;
            }
            if (t instanceof Impute impute) {
                Fill fill = impute.fills().stream().filter(f -> f.column().equals(column)).findFirst().orElseThrow();
                if (!fill.categorical()) {
                    return true;
                }
                filled = filled == null ? fill.label() : filled;
            } else if (t instanceof Ordinal) {
                return true;
            } else if (t instanceof OneHot oneHot) {
                if (oneHot.unseen() == Transform.UnseenCategories.IGNORE) {
                    return true;
                }
                String label = filled;
                return label != null && oneHot.columns().stream()
                        .anyMatch(c -> c.column().equals(column) && c.labels().contains(label));
            }
        }
        return false;
    }

    // ---- shared column helpers ------------------------------------------------------------------------------

    static double[] numbers(Frame frame, String column, String step) {
        Column c = frame.column(column);
        double[] v = FeatureData.numeric(c);
        if (v == null) {
            throw new IllegalArgumentException(step + " needs a NUMERIC, INTEGER or BOOLEAN column, but '" + column
                    + "' is " + c.type() + "; encode it first (oneHot or ordinal) or leave it out of this step");
        }
        return v;
    }

    static CategoricalColumn labels(Frame frame, String column, String step) {
        return labels(column, frame.column(column), step);
    }

    static CategoricalColumn labels(String column, Column c, String step) {
        if (c instanceof CategoricalColumn cc) {
            return cc;
        }
        if (c instanceof TextColumn t) {
            CategoricalColumn.Builder b = CategoricalColumn.builder(t.field().withType(FieldType.CATEGORICAL), t.size());
            for (int i = 0; i < t.size(); i++) {
                String s = t.getString(i);
                if (s == null) {
                    b.addMissing();
                } else {
                    b.add(s);
                }
            }
            return b.build();
        }
        throw new IllegalArgumentException(step + " needs a CATEGORICAL or TEXT column, but '" + column + "' is "
                + c.type() + "; use a numeric step (scale, bucketize, log) for numbers");
    }

    static DoubleColumn numeric(Column like, String name, double[] values) {
        return DoubleColumn.of(new Field(name, FieldType.NUMERIC, true, like.field().role()), values);
    }


    // ---- imputation ------------------------------------------------------------------------------------------

    /**
     * A fill value for one column.
     *
     * @param column the column
     * @param categorical whether the column holds labels
     * @param number the fill value of a numeric column
     * @param label the fill label of a categorical or text column
     * @param known the labels seen in fitting (categorical only; the ONNX form maps them to themselves)
     */
    public record Fill(String column, boolean categorical, double number, String label, List<String> known) {
        /** Copies the known labels. */
        public Fill {
            Objects.requireNonNull(column, "column");
            known = known == null ? List.of() : List.copyOf(known);
        }
    }

    /** Fitted imputation: missing values become the fill value. */
    public record Impute(Transform.Imputation imputation, List<Fill> fills) implements Step {
        /** Copies the fills. */
        public Impute {
            fills = List.copyOf(fills);
        }

        @Override
        public List<String> inputColumns() {
            return fills.stream().map(Fill::column).toList();
        }

        @Override
        public void applyTo(Work w) {
            for (Fill f : fills) {
                if (f.categorical()) {
                    CategoricalColumn c = w.labels(f.column(), "Imputation");
                    if (c.missingCount() == 0) {
                        continue;
                    }
                    CategoricalColumn.Builder b = CategoricalColumn.builder(c.field(), c.size());
                    for (int i = 0; i < c.size(); i++) {
                        String s = c.getString(i);
                        b.add(s == null ? f.label() : s);
                    }
                    w.setLabels(f.column(), b.build());
                } else {
                    double[] v = w.numbers(f.column(), "Imputation");
                    double fill = f.number();
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] != v[i]) {
                            v[i] = fill;
                        }
                    }
                }
            }
        }

        @Override
        public void emit(OnnxGraph g) {
            for (Fill f : fills) {
                String in = g.column(f.column());
                String out = g.fresh(f.column() + "_imputed");
                if (f.categorical()) {
                    // LabelEncoder maps every known label to itself and "" (missing) to the fill; a label not seen in
                    // fitting maps to a sentinel that later encoders treat as unseen, as Java treats the label itself.
                    List<String> keys = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    keys.add(MISSING_STRING);
                    values.add(f.label());
                    for (String k : f.known()) {
                        if (!k.equals(MISSING_STRING)) {
                            keys.add(k);
                            values.add(k);
                        }
                    }
                    if (!keys.contains(f.label())) {
                        keys.add(f.label());
                        values.add(f.label());
                    }
                    g.node("LabelEncoder", OnnxGraph.ML, List.of(in), List.of(out), List.of(
                            OnnxGraph.stringsAttr("keys_strings", keys), OnnxGraph.stringsAttr("values_strings", values),
                            OnnxGraph.stringAttr("default_string", UNSEEN_SENTINEL)));
                    g.set(f.column(), out, true);
                } else {
                    // Where(IsNaN(x), fill, x) in double: ai.onnx.ml's Imputer would round the fill to float.
                    String isNan = g.fresh(f.column() + "_isnan");
                    g.node("IsNaN", "", List.of(in), List.of(isNan), List.of());
                    String fill = g.doubleInit(f.column() + "_fill", new double[] {f.number()}, new long[0]);
                    g.node("Where", "", List.of(isNan, fill, in), List.of(out), List.of());
                    g.set(f.column(), out, false);
                }
            }
        }
    }

    // ---- scaling ---------------------------------------------------------------------------------------------

    /**
     * {@code (x - offset) * scale} for one column.
     *
     * @param column the column
     * @param offset subtracted first
     * @param scale multiplied after
     */
    public record Affine(String column, double offset, double scale) {
    }

    /** Fitted scaling: {@code (x - offset) * scale}; missing stays missing. */
    public record Scale(Transform.Scaling scaling, List<Affine> columns) implements Step {
        /** Copies the columns. */
        public Scale {
            columns = List.copyOf(columns);
        }

        @Override
        public List<String> inputColumns() {
            return columns.stream().map(Affine::column).toList();
        }

        @Override
        public void applyTo(Work w) {
            for (Affine a : columns) {
                double[] v = w.numbers(a.column(), "Scaling");
                double o = a.offset();
                double sc = a.scale();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (v[i] - o) * sc;
                }
            }
        }

        @Override
        public void emit(OnnxGraph g) {
            for (Affine a : columns) {
                String in = g.column(a.column());
                // Sub then Mul in double, as applyTo computes: ai.onnx.ml's Scaler writes float.
                String offset = g.doubleInit(a.column() + "_offset", new double[] {a.offset()}, new long[0]);
                String scale = g.doubleInit(a.column() + "_scale", new double[] {a.scale()}, new long[0]);
                String shifted = g.fresh(a.column() + "_shifted");
                g.node("Sub", "", List.of(in, offset), List.of(shifted), List.of());
                String out = g.fresh(a.column() + "_scaled");
                g.node("Mul", "", List.of(shifted, scale), List.of(out), List.of());
                g.set(a.column(), out, false);
            }
        }
    }

    // ---- one-hot and ordinal ---------------------------------------------------------------------------------

    /**
     * The labels seen in fitting for one column, sorted.
     *
     * @param column the column
     * @param labels the labels, in output order
     */
    public record Categories(String column, List<String> labels) {
        /** Copies the labels. */
        public Categories {
            labels = List.copyOf(labels);
        }

        /** For each code of {@code c}'s dictionary, the index of its label here, or -1. */
        int[] indexOfCodes(CategoricalColumn c) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                index.put(labels.get(i), i);
            }
            int[] map = new int[c.dictionary().size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = index.getOrDefault(c.dictionary().get(i), -1);
            }
            return map;
        }

        /** The names of the one-hot columns: {@code column=label}. */
        public List<String> oneHotNames() {
            return labels.stream().map(l -> column + "=" + l).toList();
        }
    }

    /** Fitted one-hot encoding: one 0/1 column per fitted label, at the position of the original column. */
    public record OneHot(Transform.UnseenCategories unseen, List<Categories> columns) implements Step {
        /** Copies the columns. */
        public OneHot {
            columns = List.copyOf(columns);
        }

        @Override
        public List<String> inputColumns() {
            return columns.stream().map(Categories::column).toList();
        }

        @Override
        public void applyTo(Work w) {
            for (Categories cat : columns) {
                CategoricalColumn c = w.labels(cat.column(), "One-hot encoding");
                int[] map = cat.indexOfCodes(c);
                int k = cat.labels().size();
                int n = c.size();
                double[][] out = new double[k][n];
                for (int i = 0; i < n; i++) {
                    int code = c.code(i);
                    int j = code < 0 ? -1 : map[code];
                    if (j >= 0) {
                        out[j][i] = 1;
                    } else if (unseen == Transform.UnseenCategories.ERROR) {
                        String value = c.getString(i);
                        throw new DataException(value == null ? "Missing value" : "Unseen category", "frame", i + 1,
                                cat.column(), value, "one of " + cat.labels(),
                                value == null ? "impute the column before one-hot encoding"
                                        : "refit on data with this category, or encode with UnseenCategories.IGNORE",
                                null);
                    }
                }
                w.replace(cat.column(), cat.oneHotNames(), Arrays.asList(out));
            }
        }

        @Override
        public void emit(OnnxGraph g) {
            for (Categories cat : columns) {
                String in = g.column(cat.column());
                String encoded = g.fresh(cat.column() + "_onehot3d");
                g.node("OneHotEncoder", OnnxGraph.ML, List.of(in), List.of(encoded), List.of(
                        OnnxGraph.stringsAttr("cats_strings", cat.labels()),
                        OnnxGraph.intAttr("zeros", unseen == Transform.UnseenCategories.IGNORE ? 1 : 0)));
                String shape = g.int64Init(cat.column() + "_shape", new long[] {-1, cat.labels().size()},
                        new long[] {2});
                String reshaped = g.fresh(cat.column() + "_onehotf");
                g.node("Reshape", "", List.of(encoded, shape), List.of(reshaped), List.of());
                g.setWide(cat.oneHotNames(), g.toDouble(reshaped, cat.column() + "_onehot"));
            }
        }
    }

    /** Fitted ordinal encoding: the index of the label among the fitted labels; unseen or missing: -1. */
    public record Ordinal(List<Categories> columns) implements Step {
        /** Copies the columns. */
        public Ordinal {
            columns = List.copyOf(columns);
        }

        @Override
        public List<String> inputColumns() {
            return columns.stream().map(Categories::column).toList();
        }

        @Override
        public void applyTo(Work w) {
            for (Categories cat : columns) {
                CategoricalColumn c = w.labels(cat.column(), "Ordinal encoding");
                int[] map = cat.indexOfCodes(c);
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    int code = c.code(i);
                    v[i] = code < 0 ? -1 : map[code];
                }
                w.setNumbers(cat.column(), v);
            }
        }

        @Override
        public void emit(OnnxGraph g) {
            for (Categories cat : columns) {
                String in = g.column(cat.column());
                String out = g.fresh(cat.column() + "_ordinalf");
                float[] values = new float[cat.labels().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = i;
                }
                g.node("LabelEncoder", OnnxGraph.ML, List.of(in), List.of(out), List.of(
                        OnnxGraph.stringsAttr("keys_strings", cat.labels()), OnnxGraph.floatsAttr("values_floats", values),
                        OnnxGraph.floatAttr("default_float", -1f)));
                g.set(cat.column(), g.toDouble(out, cat.column() + "_ordinal"), false);
            }
        }
    }

    // ---- bucketizing -----------------------------------------------------------------------------------------

    /**
     * The cut points of one column's buckets.
     *
     * @param column the column
     * @param edges increasing cut points; bucket = number of edges {@code <= x}
     */
    public record Edges(String column, List<Double> edges) {
        /** Copies the edges. */
        public Edges {
            edges = List.copyOf(edges);
        }
    }

    /** Fitted quantile bucketizing: the number of cut points at or below the value; missing stays missing. */
    public record Bucketize(int buckets, List<Edges> columns) implements Step {
        /** Copies the columns. */
        public Bucketize {
            columns = List.copyOf(columns);
        }

        @Override
        public List<String> inputColumns() {
            return columns.stream().map(Edges::column).toList();
        }

        @Override
        public void applyTo(Work w) {
            for (Edges e : columns) {
                double[] v = w.numbers(e.column(), "Bucketizing");
                double[] edges = e.edges().stream().mapToDouble(Double::doubleValue).toArray();
                for (int i = 0; i < v.length; i++) {
                    if (v[i] == v[i]) {
                        double x = v[i];
                        int b = 0;
                        while (b < edges.length && x >= edges[b]) {
                            b++;
                        }
                        v[i] = b;
                    }
                }
            }
        }

        @Override
        public void emit(OnnxGraph g) {
            for (Edges e : columns) {
                String in = g.column(e.column());
                String isNan = g.fresh(e.column() + "_isnan");
                g.node("IsNaN", "", List.of(in), List.of(isNan), List.of());
                String count;
                if (e.edges().isEmpty()) {
                    count = g.doubleInit(e.column() + "_zero", new double[] {0}, new long[0]);
                } else {
                    double[] d = e.edges().stream().mapToDouble(Double::doubleValue).toArray();
                    String edges = g.doubleInit(e.column() + "_edges", d, new long[] {1, d.length});
                    String ge = g.fresh(e.column() + "_ge");
                    g.node("GreaterOrEqual", "", List.of(in, edges), List.of(ge), List.of());
                    String asFloat = g.fresh(e.column() + "_ged");
                    g.node("Cast", "", List.of(ge), List.of(asFloat), List.of(OnnxGraph.intAttr("to", 11)));
                    String axes = g.int64Init(e.column() + "_axes", new long[] {1}, new long[] {1});
                    count = g.fresh(e.column() + "_count");
                    g.node("ReduceSum", "", List.of(asFloat, axes), List.of(count), List.of(
                            OnnxGraph.intAttr("keepdims", 1)));
                }
                String out = g.fresh(e.column() + "_bucket");
                g.node("Where", "", List.of(isNan, in, count), List.of(out), List.of());
                g.set(e.column(), out, false);
            }
        }
    }

    // ---- log -------------------------------------------------------------------------------------------------

    /** Fitted log transform: {@code ln(x + offset)}; missing stays missing. */
    public record Log(double offset, List<String> columns) implements Step {
        /** Copies the columns. */
        public Log {
            columns = List.copyOf(columns);
        }

        @Override
        public List<String> inputColumns() {
            return columns;
        }

        @Override
        public void applyTo(Work w) {
            for (String name : columns) {
                double[] v = w.numbers(name, "The log transform");
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.log(v[i] + offset);
                }
            }
        }

        @Override
        public void emit(OnnxGraph g) {
            for (String name : columns) {
                String in = g.column(name);
                String off = g.doubleInit(name + "_offset", new double[] {offset}, new long[0]);
                String sum = g.fresh(name + "_shifted");
                g.node("Add", "", List.of(in, off), List.of(sum), List.of());
                String out = g.fresh(name + "_log");
                g.node("Log", "", List.of(sum), List.of(out), List.of());
                g.set(name, out, false);
            }
        }
    }

    static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
