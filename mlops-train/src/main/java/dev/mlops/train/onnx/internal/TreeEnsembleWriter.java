package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates decision trees and writes them as one {@code ai.onnx.ml} {@code TreeEnsembleRegressor} that sums the
 * leaf weights of every tree into {@code nTargets} columns. Class scores are written with the regressor too (one
 * target per class) and normalised by the caller, which keeps the arithmetic explicit and avoids the classifier
 * operator's special handling of two-class problems and its ZipMap-style outputs.
 */
final class TreeEnsembleWriter {
    /** Which way a split compares the feature with its threshold. */
    enum Mode {
        /** {@code x <= threshold} takes the true branch (Tribuo CART). */
        BRANCH_LEQ,
        /** {@code x < threshold} takes the true branch (XGBoost). */
        BRANCH_LT
    }

    private final int nTargets;
    private final List<Long> treeIds = new ArrayList<>();
    private final List<Long> nodeIds = new ArrayList<>();
    private final List<Long> featureIds = new ArrayList<>();
    /** Each node's threshold as given (0 for a leaf); {@link #write} narrows it to float for its mode. */
    private final List<Double> thresholds = new ArrayList<>();
    /** Each leaf's weight per target; {@code null} for a split. */
    private final List<double[]> leafWeights = new ArrayList<>();
    private final List<String> modes = new ArrayList<>();
    private final List<Long> trueIds = new ArrayList<>();
    private final List<Long> falseIds = new ArrayList<>();
    private final List<Long> missingTrue = new ArrayList<>();
    private int trees;

    TreeEnsembleWriter(int nTargets) {
        if (nTargets < 1) {
            throw new IllegalArgumentException("A tree ensemble needs at least one target, got " + nTargets);
        }
        this.nTargets = nTargets;
    }

    /** Starts a new tree and returns its id. */
    int newTree() {
        return trees++;
    }

    /** Adds a split node whose children are set later with {@link #setChild}; returns its position. */
    int split(int tree, int node, int feature, double threshold, Mode mode, boolean missingGoesTrue) {
        treeIds.add((long) tree);
        nodeIds.add((long) node);
        featureIds.add((long) feature);
        thresholds.add(threshold);
        leafWeights.add(null);
        modes.add(mode.name());
        trueIds.add(0L);
        falseIds.add(0L);
        missingTrue.add(missingGoesTrue ? 1L : 0L);
        return treeIds.size() - 1;
    }

    /** Sets the true or false child of the split node at {@code position}. */
    void setChild(int position, boolean trueBranch, int child) {
        (trueBranch ? trueIds : falseIds).set(position, (long) child);
    }

    /** Adds a leaf; {@code weights[k]} is added to target {@code k} (zeros are skipped). */
    void leaf(int tree, int node, double[] weights) {
        treeIds.add((long) tree);
        nodeIds.add((long) node);
        featureIds.add(0L);
        thresholds.add(0.0);
        leafWeights.add(weights.clone());
        modes.add("LEAF");
        trueIds.add(0L);
        falseIds.add(0L);
        missingTrue.add(0L);
    }

    int nTargets() {
        return nTargets;
    }

    int treeCount() {
        return trees;
    }

    /** Writes the ensemble reading the [N, F] float tensor {@code features}; returns the [N, nTargets] output. */
    String write(GraphBuilder g, String features, double[] baseValues) {
        g.requireOpset(GraphBuilder.ML_DOMAIN, 1);
        float[] values = new float[thresholds.size()];
        List<Long> targetTree = new ArrayList<>();
        List<Long> targetNode = new ArrayList<>();
        List<Long> targetIds = new ArrayList<>();
        List<Double> targetWeights = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            double[] w = leafWeights.get(i);
            if (w == null) {
                double t = thresholds.get(i);
                values[i] = modes.get(i).equals(Mode.BRANCH_LEQ.name()) ? floorToFloat(t) : (float) t;
                continue;
            }
            for (int k = 0; k < w.length; k++) {
                if (w[k] != 0.0) { // zeros are skipped
                    targetTree.add(treeIds.get(i));
                    targetNode.add(nodeIds.get(i));
                    targetIds.add((long) k);
                    targetWeights.add(w[k]);
                }
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("aggregate_function", "SUM");
        a.put("post_transform", "NONE");
        a.put("n_targets", (long) nTargets);
        a.put("nodes_treeids", longs(treeIds));
        a.put("nodes_nodeids", longs(nodeIds));
        a.put("nodes_featureids", longs(featureIds));
        a.put("nodes_values", values);
        a.put("nodes_modes", modes.toArray(new String[0]));
        a.put("nodes_truenodeids", longs(trueIds));
        a.put("nodes_falsenodeids", longs(falseIds));
        a.put("nodes_missing_value_tracks_true", longs(missingTrue));
        a.put("target_treeids", longs(targetTree));
        a.put("target_nodeids", longs(targetNode));
        a.put("target_ids", longs(targetIds));
        a.put("target_weights", floats(targetWeights));
        if (baseValues != null) {
            float[] base = new float[baseValues.length];
            for (int i = 0; i < base.length; i++) {
                base[i] = (float) baseValues[i];
            }
            a.put("base_values", base);
        }
        return g.opIn(GraphBuilder.ML_DOMAIN, "TreeEnsembleRegressor", List.of(features), a);
    }

    /**
     * Writes the ensemble as one {@code ai.onnx.ml} opset-5 {@code TreeEnsemble} reading the [N, F] double tensor
     * {@code features} and comparing it with the double thresholds as given, so a value on or next to a split goes
     * where the double comparison sends it (docs/decisions/180); returns the [N, nTargets] double output.
     *
     * <p>An opset-5 leaf feeds one target, so a tree whose leaves feed several targets (a class distribution) is
     * written once per target it feeds, its leaves carrying that target's weight; a tree that is a single leaf
     * becomes one split whose two branches reach that leaf.
     */
    String writeExact(GraphBuilder g, String features) {
        if (modes.contains(Mode.BRANCH_LT.name())) {
            throw new IllegalStateException("The exact tree form is written for Tribuo's x <= threshold splits only");
        }
        g.requireOpset(GraphBuilder.ML_DOMAIN, 5);
        Map<Long, Integer> position = new HashMap<>();
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < treeIds.size(); i++) {
            long key = (treeIds.get(i) << 32) | nodeIds.get(i);
            if (position.putIfAbsent(key, i) == null && nodeIds.get(i) == 0L) {
                roots.add(i);
            }
        }
        Exact out = new Exact();
        for (int root : roots) {
            for (int k = 0; k < nTargets; k++) {
                if (feeds(root, k, position)) {
                    out.copy(root, k, position);
                }
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("aggregate_function", 1L); // SUM
        a.put("post_transform", 0L); // NONE
        a.put("n_targets", (long) nTargets);
        a.put("tree_roots", longs(out.roots));
        a.put("nodes_featureids", longs(out.features));
        a.put("nodes_splits", doubles("nodes_splits", out.splits));
        TensorProto.Builder modes5 = TensorProto.newBuilder()
                .setName("nodes_modes").addDims(out.features.size())
                .setDataType(TensorProto.DataType.UINT8.getNumber());
        for (int i = 0; i < out.features.size(); i++) {
            modes5.addInt32Data(0); // BRANCH_LEQ: Tribuo's rule, the only mode the exact form is written for
        }
        a.put("nodes_modes", modes5.build());
        a.put("nodes_truenodeids", longs(out.trueIds));
        a.put("nodes_trueleafs", longs(out.trueLeafs));
        a.put("nodes_falsenodeids", longs(out.falseIds));
        a.put("nodes_falseleafs", longs(out.falseLeafs));
        a.put("nodes_missing_value_tracks_true", longs(out.missingTrue));
        a.put("leaf_targetids", longs(out.leafTargets));
        a.put("leaf_weights", doubles("leaf_weights", out.weights));
        return g.opIn(GraphBuilder.ML_DOMAIN, "TreeEnsemble", List.of(features), a);
    }

    /** Whether some leaf of the tree rooted at {@code root} adds a non-zero weight to target {@code k}. */
    private boolean feeds(int root, int k, Map<Long, Integer> position) {
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            int i = stack.pop();
            double[] w = leafWeights.get(i);
            if (w != null) {
                if (w[k] != 0.0) {
                    return true;
                }
            } else {
                stack.push(child(i, true, position));
                stack.push(child(i, false, position));
            }
        }
        return false;
    }

    private int child(int i, boolean trueBranch, Map<Long, Integer> position) {
        long id = (trueBranch ? trueIds : falseIds).get(i);
        return position.get((treeIds.get(i) << 32) | id);
    }

    /** The opset-5 arrays being filled: split nodes and leaves, indexed apart. */
    private final class Exact {
        final List<Long> roots = new ArrayList<>();
        final List<Long> features = new ArrayList<>();
        final List<Double> splits = new ArrayList<>();
        final List<Long> trueIds = new ArrayList<>();
        final List<Long> trueLeafs = new ArrayList<>();
        final List<Long> falseIds = new ArrayList<>();
        final List<Long> falseLeafs = new ArrayList<>();
        final List<Long> missingTrue = new ArrayList<>();
        final List<Long> leafTargets = new ArrayList<>();
        final List<Double> weights = new ArrayList<>();

        /** Copies the tree rooted at entry {@code root}, its leaves feeding target {@code k}. */
        void copy(int root, int k, Map<Long, Integer> position) {
            if (leafWeights.get(root) != null) {
                // Two copies of the leaf, so that the root's two children differ (see distinctRootChildren).
                int split = newSplit(0, 0.0, false);
                roots.add((long) split);
                link(split, true, leaf(root, k), true);
                link(split, false, leaf(root, k), true);
                return;
            }
            Deque<int[]> stack = new ArrayDeque<>(); // {entry, parent split index, 1 = true branch}
            stack.push(new int[] {root, -1, 0});
            while (!stack.isEmpty()) {
                int[] item = stack.pop();
                int entry = item[0];
                boolean isLeaf = leafWeights.get(entry) != null;
                long index = isLeaf ? leaf(entry, k) : newSplit(featureIds.get(entry).intValue(),
                        thresholds.get(entry), TreeEnsembleWriter.this.missingTrue.get(entry) == 1L);
                if (item[1] < 0) {
                    roots.add(index);
                } else {
                    link(item[1], item[2] == 1, index, isLeaf);
                }
                if (!isLeaf) {
                    stack.push(new int[] {child(entry, false, position), (int) index, 0});
                    stack.push(new int[] {child(entry, true, position), (int) index, 1});
                }
            }
            distinctRootChildren(roots.get(roots.size() - 1).intValue());
        }

        /**
         * ONNX Runtime 1.23 reads a tree whose root has equal true and false child indices as a single leaf, even
         * when one index counts leaves and the other split nodes. Where a root's children collide so, the leaf child
         * is pointed at a copy of itself appended to the leaves, until the two indices differ.
         */
        private void distinctRootChildren(int root) {
            while (trueIds.get(root).equals(falseIds.get(root))) {
                boolean trueIsLeaf = trueLeafs.get(root) == 1L;
                int leaf = (trueIsLeaf ? trueIds : falseIds).get(root).intValue();
                leafTargets.add(leafTargets.get(leaf));
                weights.add(weights.get(leaf));
                link(root, trueIsLeaf, leafTargets.size() - 1, true);
            }
        }

        private int newSplit(int feature, double split, boolean missingGoesTrue) {
            features.add((long) feature);
            splits.add(split);
            trueIds.add(0L);
            trueLeafs.add(0L);
            falseIds.add(0L);
            falseLeafs.add(0L);
            missingTrue.add(missingGoesTrue ? 1L : 0L);
            return features.size() - 1;
        }

        private long leaf(int entry, int k) {
            leafTargets.add((long) k);
            weights.add(leafWeights.get(entry)[k]);
            return leafTargets.size() - 1;
        }

        private void link(int parent, boolean trueBranch, long child, boolean isLeaf) {
            (trueBranch ? trueIds : falseIds).set(parent, child);
            (trueBranch ? trueLeafs : falseLeafs).set(parent, isLeaf ? 1L : 0L);
        }
    }

    private static TensorProto doubles(String name, List<Double> values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .addDims(values.size()).setDataType(TensorProto.DataType.DOUBLE.getNumber());
        for (double d : values) {
            t.addDoubleData(d);
        }
        return t.build();
    }

    /**
     * The largest float not above {@code threshold}: for every float {@code x}, {@code x <= result} holds exactly
     * when {@code x <= threshold} does, so a double threshold compared with float inputs keeps Tribuo's decisions.
     */
    static float floorToFloat(double threshold) {
        float f = (float) threshold;
        if ((double) f > threshold) {
            f = Math.nextDown(f);
        }
        return f;
    }

    private static long[] longs(List<Long> list) {
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private static float[] floats(List<Double> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).floatValue();
        }
        return out;
    }
}
