package dev.mlops.train.onnx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Json;
import dev.mlops.features.internal.onnx.GraphBuilder;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.common.xgboost.XGBoostModel;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a Tribuo {@link XGBoostModel} as a {@code TreeEnsembleRegressor}, read from each booster's JSON model
 * ({@code Booster.toByteArray("json")}), which unlike the text/JSON dump carries {@code base_score}, the objective
 * and float thresholds printed to round-trip. XGBoost's rule: {@code x < split_condition} goes to the left
 * ("yes") child, a missing value (NaN, or a feature the caller does not feed) to the default child.
 */
final class XGBoostTrees {
    private static final Set<String> IDENTITY_REGRESSION = Set.of(
            "reg:squarederror", "reg:linear", "reg:pseudohubererror", "reg:absoluteerror", "reg:squaredlogerror");
    private static final Set<String> LOG_LINK_REGRESSION = Set.of("reg:gamma", "reg:tweedie", "count:poisson");

    private XGBoostTrees() {
    }

    /** Writes softmax probabilities [N, C] of a {@code multi:softprob} classifier, in Tribuo's label-id order. */
    static String writeClassification(GraphBuilder g, XGBoostModel<?> model, String features, FeatureIndex index) {
        List<?> boosters = model.getInnerModels();
        if (boosters.size() != 1) {
            throw new IllegalArgumentException("An XGBoost classifier should hold one booster, found " + boosters.size());
        }
        JsonNode learner = learner(boosters.get(0));
        String objective = learner.path("objective").path("name").asText();
        if (!objective.equals("multi:softprob")) {
            throw new IllegalArgumentException("XGBoost objective '" + objective + "' is not supported for export; "
                    + "train the classifier with Tribuo's default objective multi:softprob");
        }
        int classes = model.getOutputIDInfo().size();
        TreeEnsembleWriter w = new TreeEnsembleWriter(classes);
        double base = baseScore(learner);
        addBooster(w, learner, model.getFeatureIDMap(), index, -1);
        double[] baseValues = new double[classes];
        java.util.Arrays.fill(baseValues, base);
        String margins = w.write(g, features, baseValues);
        return g.op("Softmax", List.of(margins), Map.of("axis", 1L));
    }

    /** Writes values [N, D]: booster {@code i} predicts dimension id {@code i}, as in Tribuo 4.1 and later. */
    static String writeRegression(GraphBuilder g, XGBoostModel<?> model, String features, FeatureIndex index) {
        List<?> boosters = model.getInnerModels();
        int dims = model.getOutputIDInfo().size();
        if (boosters.size() != dims) {
            throw new IllegalArgumentException("An XGBoost regressor should hold one booster per dimension: "
                    + dims + " dimensions, " + boosters.size() + " boosters");
        }
        TreeEnsembleWriter w = new TreeEnsembleWriter(dims);
        double[] baseValues = new double[dims];
        String link = null;
        for (int d = 0; d < dims; d++) {
            JsonNode learner = learner(boosters.get(d));
            String objective = learner.path("objective").path("name").asText();
            String thisLink;
            if (IDENTITY_REGRESSION.contains(objective)) {
                thisLink = "identity";
                baseValues[d] = baseScore(learner);
            } else if (LOG_LINK_REGRESSION.contains(objective)) {
                thisLink = "log";
                baseValues[d] = Math.log(baseScore(learner));
            } else {
                throw new IllegalArgumentException("XGBoost regression objective '" + objective
                        + "' is not supported for export; supported: " + IDENTITY_REGRESSION + " and " + LOG_LINK_REGRESSION);
            }
            if (link != null && !link.equals(thisLink)) {
                throw new IllegalArgumentException("XGBoost boosters of one model mix link functions");
            }
            link = thisLink;
            addBooster(w, learner, model.getFeatureIDMap(), index, d);
        }
        String margins = w.write(g, features, baseValues);
        return "log".equals(link) ? g.op("Exp", List.of(margins), Map.of()) : margins;
    }

    /**
     * The booster's {@code learner} object, from {@code Booster.toByteArray("json")}. Called by reflection:
     * xgboost4j's jar ({@code xgboost4j_2.12}) has no valid module name, so it stays on the class path, which this
     * named module does not read; reflection on its public API needs no read edge (docs/decisions/218).
     */
    private static JsonNode learner(Object booster) {
        try {
            byte[] json = (byte[]) booster.getClass().getMethod("toByteArray", String.class).invoke(booster, "json");
            return Json.mapper().readTree(json).path("learner");
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("Could not read the XGBoost booster as JSON: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("Could not read the XGBoost booster as JSON", e);
        }
    }

    private static double baseScore(JsonNode learner) {
        return Double.parseDouble(learner.path("learner_model_param").path("base_score").asText("0.5"));
    }

    /**
     * Adds every tree of one booster. {@code target < 0} routes each tree to its class ({@code tree_info});
     * otherwise every tree adds to {@code target}.
     */
    private static void addBooster(TreeEnsembleWriter w, JsonNode learner, ImmutableFeatureMap fmap,
                                   FeatureIndex index, int target) {
        JsonNode booster = learner.path("gradient_booster");
        String kind = booster.path("name").asText();
        JsonNode model;
        JsonNode dropWeights = null;
        if (kind.equals("gbtree")) {
            model = booster.path("model");
        } else if (kind.equals("dart")) {
            model = booster.path("gbtree").path("model");
            dropWeights = booster.path("weight_drop");
        } else {
            throw new IllegalArgumentException("XGBoost booster '" + kind + "' is not supported for export "
                    + "(supported: gbtree, dart)");
        }
        JsonNode trees = model.path("trees");
        JsonNode treeInfo = model.path("tree_info");
        for (int t = 0; t < trees.size(); t++) {
            int k = target >= 0 ? target : treeInfo.get(t).asInt();
            double scale = dropWeights == null || dropWeights.size() == 0 ? 1.0 : dropWeights.get(t).asDouble();
            addTree(w, trees.get(t), fmap, index, k, scale);
        }
    }

    private static void addTree(TreeEnsembleWriter w, JsonNode tree, ImmutableFeatureMap fmap, FeatureIndex index,
                                int target, double scale) {
        JsonNode left = tree.path("left_children");
        JsonNode right = tree.path("right_children");
        JsonNode features = tree.path("split_indices");
        JsonNode conditions = tree.path("split_conditions");
        JsonNode defaultLeft = tree.path("default_left");
        JsonNode splitType = tree.path("split_type");
        int treeId = w.newTree();
        int[] next = {0};
        int nTargets = w.nTargets();
        Deque<int[]> stack = new ArrayDeque<>();
        // {xgboost node, parent position, is true child}
        stack.push(new int[]{0, -1, 1});
        while (!stack.isEmpty()) {
            int[] item = stack.pop();
            int node = item[0];
            while (left.get(node).asInt() != -1 && column(fmap, index, features.get(node).asInt()) == FeatureIndex.ABSENT) {
                // The caller never feeds this feature, so XGBoost always sees it missing.
                node = defaultLeft.get(node).asInt() != 0 ? left.get(node).asInt() : right.get(node).asInt();
            }
            int id = next[0]++;
            if (item[1] >= 0) {
                w.setChild(item[1], item[2] == 1, id);
            }
            if (left.get(node).asInt() == -1) {
                double[] weights = new double[nTargets];
                weights[target] = scale * conditions.get(node).asDouble();
                w.leaf(treeId, id, weights);
            } else {
                if (splitType.size() > node && splitType.get(node).asInt() != 0) {
                    throw new IllegalArgumentException("XGBoost categorical splits are not supported for export");
                }
                int column = column(fmap, index, features.get(node).asInt());
                float threshold = (float) conditions.get(node).asDouble();
                int position = w.split(treeId, id, column, threshold, TreeEnsembleWriter.Mode.BRANCH_LT,
                        defaultLeft.get(node).asInt() != 0);
                stack.push(new int[]{right.get(node).asInt(), position, 0});
                stack.push(new int[]{left.get(node).asInt(), position, 1});
            }
        }
    }

    private static int column(ImmutableFeatureMap fmap, FeatureIndex index, int featureId) {
        if (featureId < 0 || featureId >= fmap.size()) {
            throw new IllegalStateException("XGBoost split on feature id " + featureId + " outside the model's "
                    + fmap.size() + " features");
        }
        return index.column(fmap.get(featureId).getName());
    }
}
