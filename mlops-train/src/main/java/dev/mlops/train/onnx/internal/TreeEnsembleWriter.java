package dev.mlops.train.onnx.internal;

import dev.mlops.features.internal.onnx.GraphBuilder;
import java.util.ArrayList;
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
    private final List<Float> values = new ArrayList<>();
    private final List<String> modes = new ArrayList<>();
    private final List<Long> trueIds = new ArrayList<>();
    private final List<Long> falseIds = new ArrayList<>();
    private final List<Long> missingTrue = new ArrayList<>();
    private final List<Long> targetTree = new ArrayList<>();
    private final List<Long> targetNode = new ArrayList<>();
    private final List<Long> targetIds = new ArrayList<>();
    private final List<Float> targetWeights = new ArrayList<>();
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
    int split(int tree, int node, int feature, float threshold, Mode mode, boolean missingGoesTrue) {
        treeIds.add((long) tree);
        nodeIds.add((long) node);
        featureIds.add((long) feature);
        values.add(threshold);
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
        values.add(0f);
        modes.add("LEAF");
        trueIds.add(0L);
        falseIds.add(0L);
        missingTrue.add(0L);
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] != 0.0) {
                targetTree.add((long) tree);
                targetNode.add((long) node);
                targetIds.add((long) k);
                targetWeights.add((float) weights[k]);
            }
        }
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
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("aggregate_function", "SUM");
        a.put("post_transform", "NONE");
        a.put("n_targets", (long) nTargets);
        a.put("nodes_treeids", longs(treeIds));
        a.put("nodes_nodeids", longs(nodeIds));
        a.put("nodes_featureids", longs(featureIds));
        a.put("nodes_values", floats(values));
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

    private static float[] floats(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
