package dev.mlops.train.onnx.internal;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.mlops.api.model.ModelTask;
import dev.mlops.features.internal.onnx.GraphBuilder;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.libsvm.LibSVMClassificationModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.ensemble.EnsembleCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses how each kind of Tribuo model is written and returns the tensor holding its scores: class scores
 * [N, C] in label-id order, or regression values [N, D] in dimension-id order.
 */
public final class ModelGraphs {
    private ModelGraphs() {
    }

    /** The task of a model, from its output domain. */
    public static ModelTask taskOf(Model<?> model) {
        ImmutableOutputInfo<?> info = model.getOutputIDInfo();
        if (info.size() == 0) {
            throw new IllegalArgumentException("Model '" + model.getName() + "' has an empty output domain");
        }
        Output<?> first = info.getOutput(0);
        if (first instanceof Label) {
            return ModelTask.CLASSIFICATION;
        }
        if (first instanceof Regressor) {
            return ModelTask.REGRESSION;
        }
        throw new IllegalArgumentException("Model '" + model.getName() + "' predicts " + first.getClass().getName()
                + "; only classification (Label) and regression (Regressor) models can be exported");
    }

    /** Output names in id order: label names, or regression dimension names. */
    public static List<String> outputNames(Model<?> model) {
        ImmutableOutputInfo<?> info = model.getOutputIDInfo();
        List<String> names = new ArrayList<>(info.size());
        for (int id = 0; id < info.size(); id++) {
            Output<?> o = info.getOutput(id);
            names.add(o instanceof Label l ? l.getLabel() : ((Regressor) o).getNames()[0]);
        }
        return names;
    }

    /**
     * The caller's [N, F] double features, and a float copy of them made once, on first use, for the graphs that
     * compute in float by nature (XGBoost, which Tribuo also feeds floats; LibSVM's float-only operators).
     */
    public static final class Features {
        private final GraphBuilder g;
        private final String doubles;
        private String floats;

        /** Features held in the double tensor {@code doubles}. */
        public Features(GraphBuilder g, String doubles) {
            this.g = g;
            this.doubles = doubles;
        }

        /** The double tensor. */
        String doubles() {
            return doubles;
        }

        /** The float tensor, cast from the double one the first time it is asked for. */
        String floats() {
            if (floats == null) {
                floats = g.op("Cast", List.of(doubles), Map.of("to", (long) TensorProto.DataType.FLOAT.getNumber()));
            }
            return floats;
        }
    }

    /**
     * A model's score tensor: class scores [N, C] or regression values [N, D].
     *
     * @param tensor the tensor's name
     * @param isDouble whether it holds doubles (Tribuo's trees and arithmetic graphs) rather than floats
     * @param decision the tensor whose arg max is the predicted class: {@code tensor} itself, or the double scores
     *                 in front of a softmax computed in float
     */
    public record Scores(String tensor, boolean isDouble, String decision) {
        /** Scores whose own arg max is the predicted class. */
        public Scores(String tensor, boolean isDouble) {
            this(tensor, isDouble, tensor);
        }

        /** The scores as floats: this tensor, or a cast of it. */
        public String floats(GraphBuilder g) {
            return isDouble ? g.op("Cast", List.of(tensor), Map.of("to", (long) TensorProto.DataType.FLOAT.getNumber()))
                    : tensor;
        }
    }

    /** Appends the model to {@code g}, reading the caller's [N, F] {@code features}; returns its scores. */
    @SuppressWarnings("unchecked")
    public static Scores write(GraphBuilder g, Model<?> model, Features features, FeatureIndex index) {
        ModelTask kind = taskOf(model);
        if (TribuoTrees.handles(model)) {
            return new Scores(kind == ModelTask.CLASSIFICATION
                    ? TribuoTrees.writeClassification(g, (Model<Label>) model, features.doubles(), index)
                    : TribuoTrees.writeRegression(g, (Model<Regressor>) model, features.doubles(), index), true);
        }
        if (model instanceof XGBoostModel<?> xgb) {
            return new Scores(kind == ModelTask.CLASSIFICATION
                    ? XGBoostTrees.writeClassification(g, xgb, features.floats(), index)
                    : XGBoostTrees.writeRegression(g, xgb, features.floats(), index), false);
        }
        if (model instanceof WeightedEnsembleModel<?> ensemble && needsMemberWise(ensemble)) {
            return new Scores(writeEnsemble(g, ensemble, kind, features, index), false);
        }
        if (model instanceof LibSVMClassificationModel svm) {
            Optional<String> coupled = LibSvmGraphs.writeProbabilities(g, svm, features.doubles(), index);
            if (coupled.isPresent()) {
                return new Scores(coupled.get(), true);
            }
        }
        if (model instanceof ONNXExportable) {
            return TribuoExportables.write(g, model, features, index);
        }
        throw new IllegalArgumentException("Model '" + model.getName() + "' (" + model.getClass().getName()
                + ") cannot be exported to ONNX: supported are Tribuo's ONNXExportable models, CART trees "
                + "(TreeModel), weighted ensembles of trees or of exportable models, and XGBoostModel");
    }

    /**
     * Ensembles go member by member when Tribuo cannot export a member (trees, XGBoost) or would export it
     * wrongly (LibLinear probabilities); otherwise Tribuo's own ensemble export is used.
     */
    private static boolean needsMemberWise(WeightedEnsembleModel<?> ensemble) {
        for (Model<?> m : ensemble.getModels()) {
            if (!(m instanceof ONNXExportable) || m instanceof LibLinearClassificationModel
                    || m instanceof WeightedEnsembleModel<?>) {
                return true;
            }
        }
        return false;
    }

    private static String writeEnsemble(GraphBuilder g, WeightedEnsembleModel<?> ensemble, ModelTask kind,
                                        Features features, FeatureIndex index) {
        EnsembleCombiner<?> combiner = TribuoTrees.combiner(castEnsemble(ensemble));
        float[] weights = TribuoTrees.weights(ensemble);
        double total = 0;
        for (float w : weights) {
            total += w;
        }
        List<String> parts = new ArrayList<>();
        List<? extends Model<?>> members = ensemble.getModels();
        List<String> ensembleOutputs = outputNames(ensemble);
        for (int m = 0; m < members.size(); m++) {
            Model<?> member = members.get(m);
            String scores = inEnsembleOrder(g, write(g, member, features, index).floats(g), outputNames(member),
                    ensembleOutputs);
            if (combiner instanceof VotingCombiner) {
                String winner = g.op("ArgMax", List.of(scores), Map.of("axis", 1L, "keepdims", 0L));
                String depth = g.longs("depth", new long[]{1}, new long[]{ensembleOutputs.size()});
                String values = g.floats("vote", new long[]{2}, new float[]{0f, weights[m]});
                parts.add(g.op("OneHot", List.of(winner, depth, values), Map.of("axis", -1L)));
            } else if (combiner instanceof FullyWeightedVotingCombiner) {
                String w = g.floats("weight", new long[]{1}, new float[]{weights[m]});
                parts.add(g.op("Mul", List.of(scores, w), Map.of()));
            } else if (combiner instanceof AveragingCombiner) {
                String w = g.floats("weight", new long[]{1}, new float[]{(float) (weights[m] / total)});
                parts.add(g.op("Mul", List.of(scores, w), Map.of()));
            } else {
                throw new IllegalArgumentException("Ensemble '" + ensemble.getName() + "' uses combiner "
                        + combiner.getClass().getName() + ", which export does not support (supported: "
                        + "VotingCombiner, FullyWeightedVotingCombiner, AveragingCombiner)");
            }
        }
        g.requireOpset("", 13);
        String sum = parts.size() == 1 ? parts.get(0) : g.op("Sum", parts, Map.of());
        return kind == ModelTask.CLASSIFICATION ? TribuoTrees.normaliseRows(g, sum) : sum;
    }

    /** Reorders a member's score columns into the ensemble's output-id order, matching by name. */
    private static String inEnsembleOrder(GraphBuilder g, String scores, List<String> memberOrder, List<String> ensembleOrder) {
        if (memberOrder.equals(ensembleOrder)) {
            return scores;
        }
        long[] columns = new long[ensembleOrder.size()];
        for (int i = 0; i < columns.length; i++) {
            int c = memberOrder.indexOf(ensembleOrder.get(i));
            if (c < 0) {
                throw new IllegalArgumentException("An ensemble member does not know output '" + ensembleOrder.get(i)
                        + "'; its outputs are " + memberOrder);
            }
            columns[i] = c;
        }
        String idx = g.longs("member_order", new long[]{columns.length}, columns);
        return g.op("Gather", List.of(scores, idx), Map.of("axis", 1L));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static WeightedEnsembleModel castEnsemble(WeightedEnsembleModel<?> e) {
        return e;
    }
}
