package dev.mlops.train.onnx;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.AdaBoostTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.liblinear.LibLinearRegressionTrainer;
import org.tribuo.regression.libsvm.LibSVMRegressionTrainer;
import org.tribuo.regression.libsvm.SVMRegressionType;
import org.tribuo.regression.rtree.CARTJointRegressionTrainer;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.LARSLassoTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity of every exportable model type with Tribuo's own predictions on held-out rows: the same class on every
 * row and scores or values within {@value Parity#TOLERANCE}, for a binary and a three-class problem and a
 * regression, with the caller's features in a different order from Tribuo's and one extra column the model
 * never saw.
 */
class OnnxExportParityTest {
    private static final List<String> CALLER = callerOrder();

    private static List<String> callerOrder() {
        List<String> names = new ArrayList<>(TestData.FEATURES);
        names.add(2, "unseen_by_model");
        return List.copyOf(names);
    }

    private static Supplier<Trainer<Label>> libSvmWithProbabilities(KernelType kernel) {
        return () -> {
            SVMParameters<Label> p = new SVMParameters<>(new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC),
                    kernel);
            p.setGamma(0.2);
            p.setCoeff(0.5);
            p.setDegree(2);
            p.setProbability();
            return new LibSVMClassificationTrainer(p, 7L);
        };
    }

    static Stream<Arguments> classifiers() {
        List<Arguments> cases = new ArrayList<>();
        List<Object[]> trainers = List.of(
                new Object[]{"logistic-sgd", (Supplier<Trainer<Label>>) LogisticRegressionTrainer::new},
                new Object[]{"hinge-sgd", (Supplier<Trainer<Label>>) () ->
                        new LinearSGDTrainer(new Hinge(), new AdaGrad(0.1, 0.1), 5, 7L)},
                new Object[]{"factorization-machine", (Supplier<Trainer<Label>>) () ->
                        new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 5, 7L, 3, 0.1)},
                new Object[]{"liblinear-svc", (Supplier<Trainer<Label>>) LibLinearClassificationTrainer::new},
                new Object[]{"liblinear-logistic", (Supplier<Trainer<Label>>) () ->
                        new LibLinearClassificationTrainer(new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 0.01)},
                new Object[]{"libsvm-rbf", (Supplier<Trainer<Label>>) () -> new LibSVMClassificationTrainer(
                        new SVMParameters<>(new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), KernelType.RBF), 7L)},
                new Object[]{"libsvm-linear-probability", (Supplier<Trainer<Label>>) () -> {
                    SVMParameters<Label> p = new SVMParameters<>(new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), KernelType.LINEAR);
                    p.setProbability();
                    return new LibSVMClassificationTrainer(p, 7L);
                }},
                // Three or more classes: probabilities coupled in double, as LibSVM does (decision 221).
                new Object[]{"libsvm-rbf-probability", libSvmWithProbabilities(KernelType.RBF)},
                new Object[]{"libsvm-poly-probability", libSvmWithProbabilities(KernelType.POLY)},
                new Object[]{"libsvm-sigmoid-probability", libSvmWithProbabilities(KernelType.SIGMOID)},
                new Object[]{"cart", (Supplier<Trainer<Label>>) () -> new CARTClassificationTrainer(6)},
                new Object[]{"random-forest-voting", (Supplier<Trainer<Label>>) () -> new RandomForestTrainer<>(
                        new CARTClassificationTrainer(5, 0.6f, 7L), new VotingCombiner(), 12, 7L)},
                new Object[]{"random-forest-fully-weighted", (Supplier<Trainer<Label>>) () -> new RandomForestTrainer<>(
                        new CARTClassificationTrainer(5, 0.6f, 7L), new FullyWeightedVotingCombiner(), 12, 7L)},
                new Object[]{"adaboost-cart", (Supplier<Trainer<Label>>) () -> new AdaBoostTrainer(new CARTClassificationTrainer(2), 8, 7L)},
                new Object[]{"xgboost", (Supplier<Trainer<Label>>) () -> new XGBoostClassificationTrainer(15)},
                new Object[]{"xgboost-dart", (Supplier<Trainer<Label>>) () -> new XGBoostClassificationTrainer(6,
                        java.util.Map.of("objective", "multi:softprob", "booster", "dart", "rate_drop", 0.3, "seed", 7))},
                new Object[]{"bagged-logistic", (Supplier<Trainer<Label>>) () ->
                        new BaggingTrainer<>(new LogisticRegressionTrainer(), new VotingCombiner(), 4, 7L)},
                new Object[]{"bagged-liblinear-logistic", (Supplier<Trainer<Label>>) () -> new BaggingTrainer<>(
                        new LibLinearClassificationTrainer(new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 0.01),
                        new FullyWeightedVotingCombiner(), 4, 7L)});
        for (int classes : new int[]{2, 3, 5}) {
            for (Object[] t : trainers) {
                if (classes == 5 && !((String) t[0]).startsWith("libsvm")) {
                    continue; // five classes for the coupling of LibSVM's pairwise probabilities
                }
                cases.add(Arguments.of(t[0] + "-" + classes + "class", t[1], classes));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifiers")
    void export_classifier_matchesTribuoOnHeldOutRows(String name, Supplier<Trainer<Label>> trainer, int classes) {
        TestData.Split<Label> data = TestData.classification(classes, 42 + classes);
        Model<Label> model = trainer.get().train(data.train());
        double worst = Parity.assertClassification(name, model, data, CALLER);
        assertTrue(worst <= Parity.TOLERANCE, name + " worst difference " + worst);
    }

    static Stream<Arguments> regressors() {
        return Stream.of(
                Arguments.of("linear-sgd", (Supplier<Trainer<Regressor>>) () ->
                        new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 5, 7L)),
                Arguments.of("factorization-machine", (Supplier<Trainer<Regressor>>) () ->
                        new FMRegressionTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 5, 7L, 3, 0.1, true)),
                Arguments.of("liblinear", (Supplier<Trainer<Regressor>>) LibLinearRegressionTrainer::new),
                Arguments.of("libsvm-rbf", (Supplier<Trainer<Regressor>>) () -> new LibSVMRegressionTrainer(
                        new SVMParameters<>(new SVMRegressionType(SVMRegressionType.SVMMode.EPSILON_SVR), KernelType.RBF))),
                Arguments.of("elastic-net", (Supplier<Trainer<Regressor>>) () -> new ElasticNetCDTrainer(0.1, 0.5, 7L)),
                Arguments.of("lars-lasso", (Supplier<Trainer<Regressor>>) LARSLassoTrainer::new),
                Arguments.of("cart", (Supplier<Trainer<Regressor>>) () -> new CARTRegressionTrainer(6)),
                Arguments.of("cart-joint", (Supplier<Trainer<Regressor>>) () -> new CARTJointRegressionTrainer(6)),
                Arguments.of("random-forest", (Supplier<Trainer<Regressor>>) () -> new RandomForestTrainer<>(
                        new CARTRegressionTrainer(5, 0.6f, 0f, 0.6f, new org.tribuo.regression.rtree.impurity.MeanSquaredError(), 7L),
                        new AveragingCombiner(), 10, 7L)),
                Arguments.of("xgboost", (Supplier<Trainer<Regressor>>) () -> new XGBoostRegressionTrainer(20)),
                Arguments.of("bagged-linear-sgd", (Supplier<Trainer<Regressor>>) () -> new BaggingTrainer<>(
                        new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 5, 7L),
                        new AveragingCombiner(), 4, 7L)),
                Arguments.of("bagged-cart-and-linear", (Supplier<Trainer<Regressor>>) () -> new BaggingTrainer<>(
                        new CARTRegressionTrainer(4), new AveragingCombiner(), 3, 7L)));
    }

    /** Multi-output regression: one value column per dimension, in the order of {@code labelNames}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("regressors")
    void export_twoDimensionalRegressor_matchesTribuoPerDimension(String name, Supplier<Trainer<Regressor>> trainer) {
        TestData.Split<Regressor> data = TestData.regression(12, 2);
        Model<Regressor> model = trainer.get().train(data.train());
        double worst = Parity.assertRegression("regression2d-" + name, model, data, CALLER);
        assertTrue(worst <= Parity.TOLERANCE, name + " worst difference " + worst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressors")
    void export_regressor_matchesTribuoOnHeldOutRows(String name, Supplier<Trainer<Regressor>> trainer) {
        TestData.Split<Regressor> data = TestData.regression(11);
        Model<Regressor> model = trainer.get().train(data.train());
        double worst = Parity.assertRegression("regression-" + name, model, data, CALLER);
        assertTrue(worst <= Parity.TOLERANCE, name + " worst difference " + worst);
    }
}
