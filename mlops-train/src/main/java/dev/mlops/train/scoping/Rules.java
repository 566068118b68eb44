package dev.mlops.train.scoping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The readable rules scoping weighs against a model: small CART trees (depth 1 and 2) on thresholds and category
 * tests, the one-rule (best single feature, binned), and a vote of the best threshold rules on distinct features.
 * Missing values follow the larger side of a split.
 */
final class Rules {
    static final int MIN_LEAF = 5;

    private Rules() {
    }

    /** A fitted rule: predicts rows of the table it was fitted on and reads as text. */
    interface Rule {
        double[] predict(Table t, int row);

        String describe(Table t);
    }

    /** One test: {@code values[feature] <= threshold} or {@code codes[feature] == category}, missing to one side. */
    record Split(int feature, double threshold, int category, boolean missingLeft, double gain) {
        boolean left(Table t, int r) {
            if (t.missing(feature, r)) {
                return missingLeft;
            }
            return t.numeric[feature] ? t.values[feature][r] <= threshold : t.codes[feature][r] == category;
        }

        String describe(Table t, boolean left) {
            String name = t.names[feature];
            String test;
            if (t.numeric[feature]) {
                test = String.format(Locale.ROOT, "%s %s %.4g", name, left ? "<=" : ">", threshold);
            } else {
                test = name + (left ? " = '" : " != '") + t.dictionaries.get(feature).get(category) + "'";
            }
            return missingLeft == left ? test + " (or missing)" : test;
        }
    }

    /** A tree node: a leaf when {@code split} is null. */
    record Node(Split split, Node left, Node right, double[] value, int n) implements Rule {
        @Override
        public double[] predict(Table t, int row) {
            Node node = this;
            while (node.split != null) {
                node = node.split.left(t, row) ? node.left : node.right;
            }
            return node.value;
        }

        @Override
        public String describe(Table t) {
            StringBuilder sb = new StringBuilder();
            describe(t, sb, "");
            return sb.toString().stripTrailing();
        }

        private void describe(Table t, StringBuilder sb, String indent) {
            if (split == null) {
                sb.append(indent).append("predict ").append(t.describeLeaf(value)).append(" [").append(n)
                        .append(" rows]\n");
                return;
            }
            sb.append(indent).append("if ").append(split.describe(t, true)).append(":\n");
            left.describe(t, sb, indent + "  ");
            sb.append(indent).append("else (").append(split.describe(t, false)).append("):\n");
            right.describe(t, sb, indent + "  ");
        }
    }

    /** A CART tree of at most {@code depth} levels on the given rows. */
    static Node tree(Table t, int[] rows, int depth) {
        double[] value = t.leaf(rows, 0, rows.length);
        if (depth == 0 || rows.length < 2 * MIN_LEAF) {
            return new Node(null, null, null, value, rows.length);
        }
        Split best = null;
        for (int f = 0; f < t.names.length; f++) {
            Split s = bestSplit(t, rows, f);
            if (s != null && (best == null || s.gain() > best.gain())) {
                best = s;
            }
        }
        if (best == null || best.gain() <= 1e-12) {
            return new Node(null, null, null, value, rows.length);
        }
        Split chosen = best;
        int[] left = Arrays.stream(rows).filter(r -> chosen.left(t, r)).toArray();
        int[] right = Arrays.stream(rows).filter(r -> !chosen.left(t, r)).toArray();
        return new Node(chosen, tree(t, left, depth - 1), tree(t, right, depth - 1), value, rows.length);
    }

    /** The threshold rules (stumps) of the {@code count} features with the best single splits, best first. */
    static List<Node> bestStumps(Table t, int[] rows, int count) {
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < t.names.length; f++) {
            Split s = bestSplit(t, rows, f);
            if (s != null && s.gain() > 1e-12) {
                splits.add(s);
            }
        }
        splits.sort(Comparator.comparingDouble(Split::gain).reversed());
        List<Node> out = new ArrayList<>();
        for (Split s : splits.subList(0, Math.min(count, splits.size()))) {
            int[] left = Arrays.stream(rows).filter(r -> s.left(t, r)).toArray();
            int[] right = Arrays.stream(rows).filter(r -> !s.left(t, r)).toArray();
            out.add(new Node(s, leaf(t, left), leaf(t, right), t.leaf(rows, 0, rows.length), rows.length));
        }
        return out;
    }

    /** A vote of threshold rules: the mean of their predictions. */
    static Rule vote(Table t, int[] rows, int count) {
        List<Node> stumps = bestStumps(t, rows, count);
        if (stumps.isEmpty()) {
            return leaf(t, rows);
        }
        return new Rule() {
            @Override
            public double[] predict(Table table, int row) {
                double[] sum = new double[table.width()];
                for (Node s : stumps) {
                    double[] v = s.predict(table, row);
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += v[i] / stumps.size();
                    }
                }
                return sum;
            }

            @Override
            public String describe(Table table) {
                StringBuilder sb = new StringBuilder("the mean of " + stumps.size() + " threshold rules:\n");
                for (int i = 0; i < stumps.size(); i++) {
                    sb.append("  (").append(i + 1).append(") ").append(stumps.get(i).describe(table)
                            .replace("\n", "\n      ")).append('\n');
                }
                return sb.toString().stripTrailing();
            }
        };
    }

    /** The one-rule: the single feature whose bins (quantiles or categories, missing apart) fit the rows best. */
    static Rule oneRule(Table t, int[] rows) {
        OneRule best = null;
        for (int f = 0; f < t.names.length; f++) {
            OneRule r = OneRule.fit(t, rows, f);
            if (best == null || r.loss < best.loss) {
                best = r;
            }
        }
        return best == null ? leaf(t, rows) : best;
    }

    /** The one-rule on one given feature. */
    static Rule oneRule(Table t, int[] rows, int feature) {
        return OneRule.fit(t, rows, feature);
    }

    static Node leaf(Table t, int[] rows) {
        return new Node(null, null, null, t.leaf(rows, 0, rows.length), rows.length);
    }

    /** The best split of the rows on one feature by Gini impurity (classes) or squared error (values). */
    static Split bestSplit(Table t, int[] rows, int f) {
        int[] present = Arrays.stream(rows).filter(r -> !t.missing(f, r)).toArray();
        int missing = rows.length - present.length;
        if (present.length < 2 * MIN_LEAF) {
            return null;
        }
        double parent = impurity(t, present, 0, present.length);
        if (t.numeric[f]) {
            double[] v = t.values[f];
            Integer[] order = Arrays.stream(present).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(r -> v[r]));
            int[] sorted = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
            Sweep sweep = new Sweep(t, sorted);
            Split best = null;
            for (int i = 1; i < sorted.length; i++) {
                sweep.moveLeft(sorted[i - 1]);
                if (i < MIN_LEAF || sorted.length - i < MIN_LEAF || v[sorted[i]] == v[sorted[i - 1]]) {
                    continue;
                }
                double gain = parent - sweep.impurity();
                if (best == null || gain > best.gain()) {
                    double threshold = v[sorted[i - 1]] + (v[sorted[i]] - v[sorted[i - 1]]) / 2;
                    best = new Split(f, threshold, -1, 2 * i >= sorted.length && missing > 0, gain);
                }
            }
            return best;
        }
        Split best = null;
        int categories = t.dictionaries.get(f).size();
        for (int c = 0; c < categories; c++) {
            int cat = c;
            int[] left = Arrays.stream(present).filter(r -> t.codes[f][r] == cat).toArray();
            int[] right = Arrays.stream(present).filter(r -> t.codes[f][r] != cat).toArray();
            if (left.length < MIN_LEAF || right.length < MIN_LEAF) {
                continue;
            }
            double gain = parent - impurity(t, left, 0, left.length) - impurity(t, right, 0, right.length);
            if (best == null || gain > best.gain()) {
                best = new Split(f, Double.NaN, c, left.length >= right.length && missing > 0, gain);
            }
        }
        return best;
    }

    /** Total impurity of rows: n times Gini, or the sum of squared errors around the mean. */
    static double impurity(Table t, int[] rows, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return 0;
        }
        if (t.classification) {
            double[] counts = new double[t.classes.size()];
            for (int i = from; i < to; i++) {
                counts[t.y[rows[i]]]++;
            }
            double sq = 0;
            for (double c : counts) {
                sq += c * c;
            }
            return n - sq / n;
        }
        double s = 0;
        double s2 = 0;
        for (int i = from; i < to; i++) {
            double y = t.target[rows[i]];
            s += y;
            s2 += y * y;
        }
        return s2 - s * s / n;
    }

    /** Running left and right sums for a sweep over sorted rows. */
    private static final class Sweep {
        private final Table t;
        private final double[] leftCounts;
        private final double[] rightCounts;
        private int nLeft;
        private int nRight;
        private double sumLeft;
        private double sqLeft;
        private double sumRight;
        private double sqRight;

        Sweep(Table t, int[] rows) {
            this.t = t;
            leftCounts = new double[Math.max(1, t.classes.size())];
            rightCounts = new double[leftCounts.length];
            for (int r : rows) {
                add(r, rightCounts, 1);
            }
            nRight = rows.length;
        }

        private void add(int r, double[] counts, int sign) {
            if (t.classification) {
                counts[t.y[r]] += sign;
            } else {
                double y = t.target[r];
                if (counts == leftCounts) {
                    sumLeft += sign * y;
                    sqLeft += sign * y * y;
                } else {
                    sumRight += sign * y;
                    sqRight += sign * y * y;
                }
            }
        }

        void moveLeft(int r) {
            add(r, rightCounts, -1);
            add(r, leftCounts, 1);
            nLeft++;
            nRight--;
        }

        double impurity() {
            if (!t.classification) {
                return (sqLeft - sumLeft * sumLeft / nLeft) + (sqRight - sumRight * sumRight / nRight);
            }
            double a = 0;
            double b = 0;
            for (int c = 0; c < leftCounts.length; c++) {
                a += leftCounts[c] * leftCounts[c];
                b += rightCounts[c] * rightCounts[c];
            }
            return (nLeft - a / nLeft) + (nRight - b / nRight);
        }
    }

    /** One feature cut into bins, each predicting its rows' class shares or mean. */
    private static final class OneRule implements Rule {
        private static final int BINS = 6;
        final int feature;
        final double[] cuts;
        final double[][] binValues;
        final double loss;

        private OneRule(int feature, double[] cuts, double[][] binValues, double loss) {
            this.feature = feature;
            this.cuts = cuts;
            this.binValues = binValues;
            this.loss = loss;
        }

        static OneRule fit(Table t, int[] rows, int f) {
            double[] cuts = new double[0];
            int bins;
            if (t.numeric[f]) {
                double[] v = Arrays.stream(rows).mapToDouble(r -> t.values[f][r]).filter(x -> !Double.isNaN(x))
                        .sorted().toArray();
                cuts = v.length == 0 ? cuts : java.util.stream.IntStream.range(1, BINS)
                        .mapToDouble(q -> v[(int) ((long) q * (v.length - 1) / BINS)]).distinct().toArray();
                bins = cuts.length + 1;
            } else {
                bins = t.dictionaries.get(f).size();
            }
            OneRule shape = new OneRule(f, cuts, new double[bins + 1][], 0);
            List<List<Integer>> members = new ArrayList<>();
            for (int b = 0; b <= bins; b++) {
                members.add(new ArrayList<>());
            }
            for (int r : rows) {
                members.get(shape.bin(t, r)).add(r);
            }
            double[] fallback = t.leaf(rows, 0, rows.length);
            double loss = 0;
            for (int b = 0; b <= bins; b++) {
                int[] in = members.get(b).stream().mapToInt(Integer::intValue).toArray();
                shape.binValues[b] = in.length == 0 ? fallback : t.leaf(in, 0, in.length);
                loss += impurity(t, in, 0, in.length);
            }
            return new OneRule(f, cuts, shape.binValues, loss);
        }

        int bin(Table t, int r) {
            if (t.missing(feature, r)) {
                return binValues.length - 1;
            }
            if (!t.numeric[feature]) {
                return t.codes[feature][r];
            }
            double x = t.values[feature][r];
            int b = 0;
            while (b < cuts.length && x > cuts[b]) {
                b++;
            }
            return b;
        }

        @Override
        public double[] predict(Table t, int row) {
            return binValues[bin(t, row)];
        }

        @Override
        public String describe(Table t) {
            StringBuilder sb = new StringBuilder("by " + t.names[feature] + ":\n");
            int bins = binValues.length - 1;
            for (int b = 0; b < bins; b++) {
                String range;
                if (t.numeric[feature]) {
                    String lo = b == 0 ? "" : String.format(Locale.ROOT, "%.4g < ", cuts[b - 1]);
                    String hi = b == cuts.length ? "" : String.format(Locale.ROOT, " <= %.4g", cuts[b]);
                    range = lo + t.names[feature] + hi;
                } else {
                    range = t.names[feature] + " = '" + t.dictionaries.get(feature).get(b) + "'";
                }
                sb.append("  ").append(range).append(" -> ").append(t.describeLeaf(binValues[b])).append('\n');
            }
            sb.append("  missing -> ").append(t.describeLeaf(binValues[bins]));
            return sb.toString();
        }
    }
}
