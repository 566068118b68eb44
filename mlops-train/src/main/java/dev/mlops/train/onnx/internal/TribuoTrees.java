package dev.mlops.train.onnx.internal;

import dev.mlops.features.internal.onnx.GraphBuilder;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes Tribuo's CART trees ({@link TreeModel}, {@link IndependentRegressionTreeModel}) and weighted ensembles of
 * them (random forests, extra trees, AdaBoost) as one exact, double-precision {@code TreeEnsemble} (ai.onnx.ml 5)
 * reading the double features, with double scores out; reproducing Tribuo's split
 * rule ({@code value > threshold} goes to the greater-than child, everything else, NaN included, to the
 * less-than-or-equal child; an absent feature reads as zero) and its ensemble combiners.
 */
final class TribuoTrees {
    private TribuoTrees() {
    }

    /** Whether this writer handles the model. */
    static boolean handles(Model<?> model) {
        if (model instanceof TreeModel<?>) {
            return true;
        }
        if (model instanceof WeightedEnsembleModel<?> ensemble) {
            return ensemble.getModels().stream().allMatch(m -> m instanceof TreeModel<?>)
                    && isKnownCombiner(combiner(ensemble));
        }
        return false;
    }

    private static boolean isKnownCombiner(EnsembleCombiner<?> combiner) {
        return combiner instanceof VotingCombiner || combiner instanceof FullyWeightedVotingCombiner
                || combiner instanceof AveragingCombiner;
    }

    /** Writes class scores [N, C] in the model's label-id order (normalised as Tribuo does). */
    @SuppressWarnings("unchecked")
    static String writeClassification(GraphBuilder g, Model<Label> model, String features, FeatureIndex index) {
        ImmutableOutputInfo<Label> labels = model.getOutputIDInfo();
        TreeEnsembleWriter w = new TreeEnsembleWriter(labels.size());
        if (model instanceof TreeModel<Label> tree) {
            addTree(w, tree.getRoot(), tree.getFeatureIDMap(), index, leaf -> distribution(labels, leaf, 1.0));
        } else {
            WeightedEnsembleModel<Label> ensemble = (WeightedEnsembleModel<Label>) model;
            EnsembleCombiner<Label> combiner = combiner(ensemble);
            float[] weights = weights(ensemble);
            List<Model<Label>> members = ensemble.getModels();
            for (int m = 0; m < members.size(); m++) {
                TreeModel<Label> tree = (TreeModel<Label>) members.get(m);
                double weight = weights[m];
                if (combiner instanceof VotingCombiner) {
                    // One vote of this member's weight for the label its leaf predicts.
                    addTree(w, tree.getRoot(), tree.getFeatureIDMap(), index, leaf -> {
                        double[] vote = new double[labels.size()];
                        vote[labels.getID(((LeafNode<Label>) leaf).getOutput())] = weight;
                        return vote;
                    });
                } else if (combiner instanceof FullyWeightedVotingCombiner) {
                    addTree(w, tree.getRoot(), tree.getFeatureIDMap(), index, leaf -> distribution(labels, leaf, weight));
                } else {
                    throw new IllegalArgumentException("Unsupported combiner for a classification tree ensemble: "
                            + combiner.getClass().getName());
                }
            }
        }
        String raw = w.writeExact(g, features);
        // Tribuo divides the summed scores by their total (the weight sum for voting), in double as here.
        return normaliseRows(g, raw);
    }

    /** Writes values [N, D] in the model's dimension-id order. */
    @SuppressWarnings("unchecked")
    static String writeRegression(GraphBuilder g, Model<Regressor> model, String features, FeatureIndex index) {
        ImmutableOutputInfo<Regressor> dims = model.getOutputIDInfo();
        TreeEnsembleWriter w = new TreeEnsembleWriter(dims.size());
        if (model instanceof WeightedEnsembleModel<Regressor> ensemble) {
            EnsembleCombiner<Regressor> combiner = combiner(ensemble);
            if (!(combiner instanceof AveragingCombiner)) {
                throw new IllegalArgumentException("Unsupported combiner for a regression tree ensemble: "
                        + combiner.getClass().getName());
            }
            float[] weights = weights(ensemble);
            double total = 0;
            for (float f : weights) {
                total += f;
            }
            List<Model<Regressor>> members = ensemble.getModels();
            for (int m = 0; m < members.size(); m++) {
                addRegressionTree(w, (TreeModel<Regressor>) members.get(m), dims, index, weights[m] / total);
            }
        } else {
            addRegressionTree(w, (TreeModel<Regressor>) model, dims, index, 1.0);
        }
        return w.writeExact(g, features);
    }

    private static void addRegressionTree(TreeEnsembleWriter w, TreeModel<Regressor> tree,
                                          ImmutableOutputInfo<Regressor> dims, FeatureIndex index, double scale) {
        if (tree instanceof IndependentRegressionTreeModel independent) {
            for (Map.Entry<String, Node<Regressor>> e : independent.getRoots().entrySet()) {
                int target = dimensionId(dims, e.getKey());
                addTree(w, e.getValue(), tree.getFeatureIDMap(), index, leaf -> {
                    Regressor r = ((LeafNode<Regressor>) leaf).getOutput();
                    double[] out = new double[dims.size()];
                    out[target] = scale * r.getDimension(e.getKey()).orElseThrow().getValue();
                    return out;
                });
            }
        } else {
            addTree(w, tree.getRoot(), tree.getFeatureIDMap(), index, leaf -> {
                Regressor r = ((LeafNode<Regressor>) leaf).getOutput();
                double[] out = new double[dims.size()];
                String[] names = r.getNames();
                double[] values = r.getValues();
                for (int i = 0; i < names.length; i++) {
                    out[dimensionId(dims, names[i])] = scale * values[i];
                }
                return out;
            });
        }
    }

    private static int dimensionId(ImmutableOutputInfo<Regressor> dims, String name) {
        for (int id = 0; id < dims.size(); id++) {
            if (dims.getOutput(id).getNames()[0].equals(name)) {
                return id;
            }
        }
        throw new IllegalStateException("Regression dimension '" + name + "' is not in the model's output domain");
    }

    private static double[] distribution(ImmutableOutputInfo<Label> labels, Node<Label> leaf, double weight) {
        double[] out = new double[labels.size()];
        for (Label l : ((LeafNode<Label>) leaf).getDistribution().values()) {
            out[labels.getID(l)] += weight * l.getScore();
        }
        return out;
    }

    /** Leaf weights from a leaf node. */
    private interface LeafWeights<T extends Output<T>> {
        double[] of(Node<T> leaf);
    }

    /**
     * Adds one tree, numbering nodes in pre-order. A split on a feature the caller does not feed is resolved now:
     * Tribuo reads an absent feature as zero.
     */
    private static <T extends Output<T>> void addTree(TreeEnsembleWriter w, Node<T> root, ImmutableFeatureMap fmap,
                                                      FeatureIndex index, LeafWeights<T> leafWeights) {
        int tree = w.newTree();
        int[] next = {0};
        // Iterative pre-order walk: deep trees must not overflow the stack.
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, -1, Boolean.TRUE});
        while (!stack.isEmpty()) {
            Object[] item = stack.pop();
            @SuppressWarnings("unchecked")
            Node<T> node = (Node<T>) item[0];
            int parent = (Integer) item[1];
            boolean isTrueChild = (Boolean) item[2];
            while (!node.isLeaf() && index.column(featureName(fmap, (SplitNode<T>) node)) == FeatureIndex.ABSENT) {
                SplitNode<T> split = (SplitNode<T>) node;
                node = 0.0 > split.splitValue() ? split.getGreaterThan() : split.getLessThanOrEqual();
            }
            int id = next[0]++;
            if (parent >= 0) {
                w.setChild(parent, isTrueChild, id);
            }
            if (node.isLeaf()) {
                w.leaf(tree, id, leafWeights.of(node));
            } else {
                SplitNode<T> split = (SplitNode<T>) node;
                int column = index.column(featureName(fmap, split));
                int position = w.split(tree, id, column, split.splitValue(),
                        TreeEnsembleWriter.Mode.BRANCH_LEQ, true);
                // Push false (greater-than) first so the true child is numbered next.
                stack.push(new Object[]{split.getGreaterThan(), position, Boolean.FALSE});
                stack.push(new Object[]{split.getLessThanOrEqual(), position, Boolean.TRUE});
            }
        }
    }

    private static <T extends Output<T>> String featureName(ImmutableFeatureMap fmap, SplitNode<T> split) {
        return fmap.get(split.getFeatureID()).getName();
    }

    /** Divides each row by its sum, as Tribuo's voting combiners and leaf distributions do. */
    static String normaliseRows(GraphBuilder g, String scores) {
        g.requireOpset("", 13);
        String axes = g.longs("sum_axes", new long[]{1}, new long[]{1});
        String sum = g.op("ReduceSum", List.of(scores, axes), Map.of("keepdims", 1L));
        return g.op("Div", List.of(scores, sum), Map.of());
    }

    @SuppressWarnings("unchecked")
    static <T extends Output<T>> EnsembleCombiner<T> combiner(WeightedEnsembleModel<T> model) {
        return (EnsembleCombiner<T>) field(model, "combiner");
    }

    static float[] weights(WeightedEnsembleModel<?> model) {
        return ((float[]) field(model, "weights")).clone();
    }

    // Tribuo 4.3 keeps an ensemble's weights and combiner in protected fields without getters; the alternative,
    // parsing its protobuf serialization, reads the same values with more code.
    private static Object field(WeightedEnsembleModel<?> model, String name) {
        try {
            Field f = WeightedEnsembleModel.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(model);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read WeightedEnsembleModel." + name + " (Tribuo version change?)", e);
        }
    }
}
