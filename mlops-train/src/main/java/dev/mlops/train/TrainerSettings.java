package dev.mlops.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Json;
import dev.mlops.api.model.ModelTask;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The immutable, JSON-serializable settings of one training algorithm, seed included. Each algorithm is a record
 * with {@code defaults()}; any setting is changed by name with {@link #with(String, Object)} (which is what tuning
 * uses), and every record checks its values as a whole when built.
 *
 * <pre>{@code
 * TrainerSettings s = TrainerSettings.XGBoostClassifier.defaults().with("trees", 100).withSeed(7);
 * String json = s.toJson();            // {"algorithm" : "xgboost-classifier", "trees" : 100, ...}
 * TrainerSettings back = TrainerSettings.fromJson(json);
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "algorithm")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TrainerSettings.LogisticRegression.class, name = "logistic-regression"),
    @JsonSubTypes.Type(value = TrainerSettings.FactorizationMachineClassifier.class, name = "fm-classifier"),
    @JsonSubTypes.Type(value = TrainerSettings.LibLinearClassifier.class, name = "liblinear-classifier"),
    @JsonSubTypes.Type(value = TrainerSettings.LibSvmClassifier.class, name = "libsvm-classifier"),
    @JsonSubTypes.Type(value = TrainerSettings.CartClassifier.class, name = "cart-classifier"),
    @JsonSubTypes.Type(value = TrainerSettings.RandomForestClassifier.class, name = "random-forest-classifier"),
    @JsonSubTypes.Type(value = TrainerSettings.XGBoostClassifier.class, name = "xgboost-classifier"),
    @JsonSubTypes.Type(value = TrainerSettings.LinearSgdRegressor.class, name = "linear-sgd-regressor"),
    @JsonSubTypes.Type(value = TrainerSettings.FactorizationMachineRegressor.class, name = "fm-regressor"),
    @JsonSubTypes.Type(value = TrainerSettings.LibLinearRegressor.class, name = "liblinear-regressor"),
    @JsonSubTypes.Type(value = TrainerSettings.CartRegressor.class, name = "cart-regressor"),
    @JsonSubTypes.Type(value = TrainerSettings.XGBoostRegressor.class, name = "xgboost-regressor"),
    @JsonSubTypes.Type(value = TrainerSettings.ElasticNetRegressor.class, name = "elastic-net-regressor"),
})
public sealed interface TrainerSettings {

    /** Whether the algorithm classifies or regresses. */
    @JsonIgnore
    ModelTask task();

    /** The seed of every random choice the algorithm makes. */
    long seed();

    /** The algorithm's name as written in JSON ({@code "xgboost-classifier"}). */
    @JsonIgnore
    default String algorithm() {
        return getClass().getAnnotation(AlgorithmName.class) != null ? getClass().getAnnotation(AlgorithmName.class)
                .value() : toParams().get("algorithm");
    }

    /** A copy with another seed. */
    default TrainerSettings withSeed(long newSeed) {
        return with("seed", newSeed);
    }

    /**
     * A copy with one setting changed by name.
     *
     * @throws IllegalArgumentException naming the setting and the valid names when there is no such setting, or
     *     saying what is wrong with the value
     */
    default TrainerSettings with(String name, Object value) {
        return with(Map.of(name, value));
    }

    /** A copy with several settings changed by name (see {@link #with(String, Object)}). */
    default TrainerSettings with(Map<String, ?> changes) {
        ObjectMapper m = Json.mapper();
        ObjectNode tree = m.valueToTree(this);
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            if (e.getKey().equals("algorithm") || !tree.has(e.getKey())) {
                Map<String, String> valid = new TreeMap<>(toParams());
                valid.remove("algorithm");
                throw new IllegalArgumentException("The " + tree.get("algorithm").asText() + " trainer has no setting '"
                        + e.getKey() + "'; its settings are " + valid.keySet());
            }
            tree.set(e.getKey(), m.valueToTree(e.getValue()));
        }
        try {
            return m.treeToValue(tree, TrainerSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof IllegalArgumentException)) {
                root = root.getCause(); // the settings' own check, under Jackson's wrapper
            }
            throw new IllegalArgumentException("Cannot apply " + changes + " to the " + tree.get("algorithm").asText()
                    + " settings: " + root.getMessage(), root);
        }
    }

    /** Every setting flattened to text, {@code algorithm} included, in name order: what a run records. */
    default Map<String, String> toParams() {
        JsonNode tree = Json.mapper().valueToTree(this);
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            sorted.put(e.getKey(), e.getValue().asText());
        }
        out.putAll(sorted);
        return out;
    }

    /** The settings as JSON, with an {@code "algorithm"} field naming the record. */
    default String toJson() {
        return Json.write(this);
    }

    /** Reads settings written by {@link #toJson()}. */
    static TrainerSettings fromJson(String json) {
        return Json.read(json, TrainerSettings.class);
    }

    /** Marks a record with its JSON name (kept beside {@link JsonSubTypes} for reading it without Jackson). */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface AlgorithmName {
        /** The JSON name. */
        String value();
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive finite number, not " + v);
        }
    }

    private static void atLeast(String what, double v, double min) {
        if (!(v >= min) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", not " + v);
        }
    }

    private static void fraction(String what, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be in (0, 1], not " + v);
        }
    }

    /**
     * Multinomial logistic regression by stochastic gradient descent (Tribuo's {@code LinearSGDTrainer} with
     * {@code LogMulticlass} and AdaGrad), with scikit-learn's L2 penalty on the weights and the iterates averaged, so
     * that it lands near the penalised optimum that scikit-learn's {@code LogisticRegression()} solves for. Like
     * every SGD model it expects features on comparable scales: give the trainer a standard-scaling
     * {@code Preprocessing} (decision 086).
     *
     * @param epochs passes over the data
     * @param learningRate AdaGrad's initial learning rate
     * @param minibatchSize examples per gradient step
     * @param l2 the L2 penalty on the weights (not the intercept) of the summed log loss, scikit-learn's
     *     {@code 1 / C}; 0 for none (what settings saved before this setting existed read as)
     * @param average whether the model is the average of the SGD iterates (Tribuo's {@code ParameterAveraging}) rather
     *     than the last one; false in settings saved before this setting existed
     * @param seed shuffling seed
     */
    @AlgorithmName("logistic-regression")
    record LogisticRegression(int epochs, double learningRate, int minibatchSize, double l2, boolean average,
                              long seed) implements TrainerSettings {
        /** Checks the values. */
        public LogisticRegression {
            atLeast("epochs", epochs, 1);
            positive("learningRate", learningRate);
            atLeast("minibatchSize", minibatchSize, 1);
            atLeast("l2", l2, 0);
        }

        /**
         * 100 epochs, learning rate 0.5, minibatch 1, l2 1 (scikit-learn's C=1), averaged, seed 42: within a point of
         * scikit-learn's {@code LogisticRegression()} on standard-scaled features (decision 086).
         */
        public static LogisticRegression defaults() {
            return new LogisticRegression(100, 0.5, 1, 1.0, true, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.CLASSIFICATION;
        }
    }

    /**
     * A factorization machine classifier (Tribuo's {@code FMClassificationTrainer}, log loss, AdaGrad).
     *
     * @param epochs passes over the data
     * @param learningRate AdaGrad's initial learning rate
     * @param factors the size of the factorized feature interactions
     * @param variance the variance of the initial factor values
     * @param minibatchSize examples per gradient step
     * @param seed initialisation and shuffling seed
     */
    @AlgorithmName("fm-classifier")
    record FactorizationMachineClassifier(int epochs, double learningRate, int factors, double variance,
                                          int minibatchSize, long seed) implements TrainerSettings {
        /** Checks the values. */
        public FactorizationMachineClassifier {
            atLeast("epochs", epochs, 1);
            positive("learningRate", learningRate);
            atLeast("factors", factors, 1);
            positive("variance", variance);
            atLeast("minibatchSize", minibatchSize, 1);
        }

        /** 5 epochs, learning rate 0.1, 4 factors, variance 0.1, minibatch 1, seed 42. */
        public static FactorizationMachineClassifier defaults() {
            return new FactorizationMachineClassifier(5, 0.1, 4, 0.1, 1, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.CLASSIFICATION;
        }
    }

    /**
     * A LibLinear classifier.
     *
     * @param type LibLinear's solver: {@code L2R_LR} (logistic, gives probabilities), {@code L2R_L2LOSS_SVC_DUAL},
     *     {@code L2R_L2LOSS_SVC}, {@code L2R_L1LOSS_SVC_DUAL}, {@code MCSVM_CS}, {@code L1R_L2LOSS_SVC},
     *     {@code L1R_LR}, {@code L2R_LR_DUAL}
     * @param cost the cost of a margin violation (inverse regularisation)
     * @param maxIterations the most solver iterations
     * @param tolerance the stopping tolerance
     * @param seed the solver's seed
     */
    @AlgorithmName("liblinear-classifier")
    record LibLinearClassifier(String type, double cost, int maxIterations, double tolerance, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public LibLinearClassifier {
            try {
                org.tribuo.classification.liblinear.LinearClassificationType.LinearType.valueOf(type);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("Unknown LibLinear classifier type '" + type + "'; use one of "
                        + java.util.Arrays.toString(
                        org.tribuo.classification.liblinear.LinearClassificationType.LinearType.values()), e);
            }
            positive("cost", cost);
            atLeast("maxIterations", maxIterations, 1);
            positive("tolerance", tolerance);
        }

        /** L2-regularised logistic regression, cost 1, 1000 iterations, tolerance 0.01, seed 42. */
        public static LibLinearClassifier defaults() {
            return new LibLinearClassifier("L2R_LR", 1.0, 1000, 0.01, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.CLASSIFICATION;
        }
    }

    /**
     * A LibSVM C-SVC classifier with probability estimates.
     *
     * @param kernel {@code LINEAR}, {@code POLY}, {@code RBF} or {@code SIGMOID}
     * @param cost the cost of a margin violation
     * @param gamma the kernel width (RBF, POLY, SIGMOID)
     * @param seed the seed of the probability estimates' internal cross-validation
     */
    @AlgorithmName("libsvm-classifier")
    record LibSvmClassifier(String kernel, double cost, double gamma, long seed) implements TrainerSettings {
        /** Checks the values. */
        public LibSvmClassifier {
            try {
                org.tribuo.common.libsvm.KernelType.valueOf(kernel);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("Unknown LibSVM kernel '" + kernel + "'; use one of "
                        + java.util.Arrays.toString(org.tribuo.common.libsvm.KernelType.values()), e);
            }
            positive("cost", cost);
            positive("gamma", gamma);
        }

        /** RBF kernel, cost 1, gamma 0.05, seed 42. */
        public static LibSvmClassifier defaults() {
            return new LibSvmClassifier("RBF", 1.0, 0.05, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.CLASSIFICATION;
        }
    }

    /**
     * A CART decision tree classifier.
     *
     * @param maxDepth the deepest a branch may grow
     * @param minChildWeight the least total example weight in a child
     * @param fractionFeatures the fraction of features considered at each split
     * @param impurity {@code GINI} or {@code ENTROPY}
     * @param seed the seed of feature sampling
     */
    @AlgorithmName("cart-classifier")
    record CartClassifier(int maxDepth, double minChildWeight, double fractionFeatures, String impurity, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public CartClassifier {
            atLeast("maxDepth", maxDepth, 1);
            positive("minChildWeight", minChildWeight);
            fraction("fractionFeatures", fractionFeatures);
            if (!"GINI".equals(impurity) && !"ENTROPY".equals(impurity)) {
                throw new IllegalArgumentException("impurity must be GINI or ENTROPY, not " + impurity);
            }
        }

        /** Depth 8, min child weight 5, all features, Gini, seed 42. */
        public static CartClassifier defaults() {
            return new CartClassifier(8, 5, 1.0, "GINI", 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.CLASSIFICATION;
        }
    }

    /**
     * A random forest of CART trees, each on a bootstrap sample, combined by vote.
     *
     * @param trees the number of trees
     * @param maxDepth the deepest a branch may grow
     * @param minChildWeight the least total example weight in a child
     * @param fractionFeatures the fraction of features considered at each split
     * @param seed the seed of sampling
     */
    @AlgorithmName("random-forest-classifier")
    record RandomForestClassifier(int trees, int maxDepth, double minChildWeight, double fractionFeatures, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public RandomForestClassifier {
            atLeast("trees", trees, 1);
            atLeast("maxDepth", maxDepth, 1);
            positive("minChildWeight", minChildWeight);
            if (!(fractionFeatures > 0 && fractionFeatures < 1)) {
                throw new IllegalArgumentException("fractionFeatures of a random forest must be in (0, 1) so that its"
                        + " trees differ, not " + fractionFeatures);
            }
        }

        /** 50 trees, depth 10, min child weight 2, half the features per split, seed 42. */
        public static RandomForestClassifier defaults() {
            return new RandomForestClassifier(50, 10, 2, 0.5, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.CLASSIFICATION;
        }
    }

    /**
     * Gradient-boosted trees with XGBoost.
     *
     * @param trees boosting rounds
     * @param eta the learning rate
     * @param maxDepth the deepest a tree may grow
     * @param minChildWeight the least hessian weight in a child
     * @param subsample the fraction of rows per tree
     * @param featureSubsample the fraction of features per tree
     * @param lambda L2 regularisation
     * @param alpha L1 regularisation
     * @param threads XGBoost's threads
     * @param seed the sampling seed
     */
    @AlgorithmName("xgboost-classifier")
    record XGBoostClassifier(int trees, double eta, int maxDepth, double minChildWeight, double subsample,
                             double featureSubsample, double lambda, double alpha, int threads, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public XGBoostClassifier {
            checkBoosting(trees, eta, maxDepth, minChildWeight, subsample, featureSubsample, lambda, alpha, threads);
        }

        /** 50 rounds, eta 0.3, depth 6, min child weight 1, no subsampling, lambda 1, one thread, seed 42. */
        public static XGBoostClassifier defaults() {
            return new XGBoostClassifier(50, 0.3, 6, 1, 1, 1, 1, 0, 1, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.CLASSIFICATION;
        }
    }

    /**
     * Linear regression by stochastic gradient descent on squared loss (AdaGrad).
     *
     * @param epochs passes over the data
     * @param learningRate AdaGrad's initial learning rate
     * @param minibatchSize examples per gradient step
     * @param seed shuffling seed
     */
    @AlgorithmName("linear-sgd-regressor")
    record LinearSgdRegressor(int epochs, double learningRate, int minibatchSize, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public LinearSgdRegressor {
            atLeast("epochs", epochs, 1);
            positive("learningRate", learningRate);
            atLeast("minibatchSize", minibatchSize, 1);
        }

        /** 10 epochs, learning rate 0.5, minibatch 1, seed 42. */
        public static LinearSgdRegressor defaults() {
            return new LinearSgdRegressor(10, 0.5, 1, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.REGRESSION;
        }
    }

    /**
     * A factorization machine regressor on squared loss.
     *
     * @param epochs passes over the data
     * @param learningRate AdaGrad's initial learning rate
     * @param factors the size of the factorized feature interactions
     * @param variance the variance of the initial factor values
     * @param minibatchSize examples per gradient step
     * @param standardise whether to standardise the target while training
     * @param seed initialisation and shuffling seed
     */
    @AlgorithmName("fm-regressor")
    record FactorizationMachineRegressor(int epochs, double learningRate, int factors, double variance,
                                         int minibatchSize, boolean standardise, long seed) implements TrainerSettings {
        /** Checks the values. */
        public FactorizationMachineRegressor {
            atLeast("epochs", epochs, 1);
            positive("learningRate", learningRate);
            atLeast("factors", factors, 1);
            positive("variance", variance);
            atLeast("minibatchSize", minibatchSize, 1);
        }

        /** 10 epochs, learning rate 0.1, 4 factors, variance 0.1, minibatch 1, standardised, seed 42. */
        public static FactorizationMachineRegressor defaults() {
            return new FactorizationMachineRegressor(10, 0.1, 4, 0.1, 1, true, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.REGRESSION;
        }
    }

    /**
     * A LibLinear regressor.
     *
     * @param type {@code L2R_L2LOSS_SVR}, {@code L2R_L2LOSS_SVR_DUAL} or {@code L2R_L1LOSS_SVR_DUAL}
     * @param cost the cost of a violation
     * @param maxIterations the most solver iterations
     * @param tolerance the stopping tolerance
     * @param epsilon the insensitive zone of the SVR loss
     * @param seed the solver's seed
     */
    @AlgorithmName("liblinear-regressor")
    record LibLinearRegressor(String type, double cost, int maxIterations, double tolerance, double epsilon,
                              long seed) implements TrainerSettings {
        /** Checks the values. */
        public LibLinearRegressor {
            try {
                org.tribuo.regression.liblinear.LinearRegressionType.LinearType.valueOf(type);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("Unknown LibLinear regressor type '" + type + "'; use one of "
                        + java.util.Arrays.toString(
                        org.tribuo.regression.liblinear.LinearRegressionType.LinearType.values()), e);
            }
            positive("cost", cost);
            atLeast("maxIterations", maxIterations, 1);
            positive("tolerance", tolerance);
            atLeast("epsilon", epsilon, 0);
        }

        /** L2-loss SVR, cost 1, 1000 iterations, tolerance 0.01, epsilon 0.1, seed 42. */
        public static LibLinearRegressor defaults() {
            return new LibLinearRegressor("L2R_L2LOSS_SVR", 1.0, 1000, 0.01, 0.1, 42L);
        }

        /**
         * Least squares: the L2-loss SVR with no insensitive zone ({@code epsilon} 0) is ridge regression with
         * penalty {@code 1 / (2 cost)} on the summed squared error, and cost 10<sup>4</sup> makes that penalty
         * negligible for features of ordinary scale, so this reaches ordinary least squares (scikit-learn's
         * {@code LinearRegression()}) while staying defined for collinear features; 10000 iterations, tolerance
         * 10<sup>-6</sup>, seed 42 (decision 087).
         */
        public static LibLinearRegressor leastSquares() {
            return new LibLinearRegressor("L2R_L2LOSS_SVR", 1e4, 10_000, 1e-6, 0.0, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.REGRESSION;
        }
    }

    /**
     * A CART regression tree (mean squared error impurity).
     *
     * @param maxDepth the deepest a branch may grow
     * @param minChildWeight the least total example weight in a child
     * @param fractionFeatures the fraction of features considered at each split
     * @param seed the seed of feature sampling
     */
    @AlgorithmName("cart-regressor")
    record CartRegressor(int maxDepth, double minChildWeight, double fractionFeatures, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public CartRegressor {
            atLeast("maxDepth", maxDepth, 1);
            positive("minChildWeight", minChildWeight);
            fraction("fractionFeatures", fractionFeatures);
        }

        /** Depth 8, min child weight 5, all features, seed 42. */
        public static CartRegressor defaults() {
            return new CartRegressor(8, 5, 1.0, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.REGRESSION;
        }
    }

    /**
     * Gradient-boosted regression trees with XGBoost (squared error).
     *
     * @param trees boosting rounds
     * @param eta the learning rate
     * @param maxDepth the deepest a tree may grow
     * @param minChildWeight the least hessian weight in a child
     * @param subsample the fraction of rows per tree
     * @param featureSubsample the fraction of features per tree
     * @param lambda L2 regularisation
     * @param alpha L1 regularisation
     * @param threads XGBoost's threads
     * @param seed the sampling seed
     */
    @AlgorithmName("xgboost-regressor")
    record XGBoostRegressor(int trees, double eta, int maxDepth, double minChildWeight, double subsample,
                            double featureSubsample, double lambda, double alpha, int threads, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public XGBoostRegressor {
            checkBoosting(trees, eta, maxDepth, minChildWeight, subsample, featureSubsample, lambda, alpha, threads);
        }

        /** 50 rounds, eta 0.3, depth 6, min child weight 1, no subsampling, lambda 1, one thread, seed 42. */
        public static XGBoostRegressor defaults() {
            return new XGBoostRegressor(50, 0.3, 6, 1, 1, 1, 1, 0, 1, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.REGRESSION;
        }
    }

    /**
     * Elastic net (sparse linear regression) by coordinate descent.
     *
     * @param alpha the overall regularisation strength
     * @param l1Ratio the share of L1 in the penalty, in (0, 1] (1 is the lasso)
     * @param tolerance the convergence tolerance
     * @param maxIterations the most coordinate-descent passes
     * @param seed the seed of the coordinate order
     */
    @AlgorithmName("elastic-net-regressor")
    record ElasticNetRegressor(double alpha, double l1Ratio, double tolerance, int maxIterations, long seed)
            implements TrainerSettings {
        /** Checks the values. */
        public ElasticNetRegressor {
            positive("alpha", alpha);
            if (!(l1Ratio > 0 && l1Ratio <= 1)) {
                throw new IllegalArgumentException("l1Ratio must be in (0, 1] (Tribuo's coordinate descent needs some"
                        + " L1; for ridge use Trainer.linearRegression()), not " + l1Ratio);
            }
            positive("tolerance", tolerance);
            atLeast("maxIterations", maxIterations, 1);
        }

        /** Alpha 0.1, l1Ratio 0.5, tolerance 1e-4, 500 iterations, seed 42. */
        public static ElasticNetRegressor defaults() {
            return new ElasticNetRegressor(0.1, 0.5, 1e-4, 500, 42L);
        }

        @Override
        public ModelTask task() {
            return ModelTask.REGRESSION;
        }
    }

    private static void checkBoosting(int trees, double eta, int maxDepth, double minChildWeight, double subsample,
                                      double featureSubsample, double lambda, double alpha, int threads) {
        atLeast("trees", trees, 1);
        positive("eta", eta);
        atLeast("maxDepth", maxDepth, 1);
        atLeast("minChildWeight", minChildWeight, 0);
        fraction("subsample", subsample);
        fraction("featureSubsample", featureSubsample);
        atLeast("lambda", lambda, 0);
        atLeast("alpha", alpha, 0);
        atLeast("threads", threads, 1);
    }
}
