package dev.mlops.train.internal;

import dev.mlops.train.TrainerSettings;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.Entropy;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.liblinear.LibLinearRegressionTrainer;
import org.tribuo.regression.liblinear.LinearRegressionType;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/** Builds the Tribuo trainer that a settings record describes: the one place that knows Tribuo's constructors. */
public final class TribuoTrainers {
    /** Tribuo's SGD trainers log every {@code loggingInterval} steps; -1 turns that off. */
    private static final int NO_LOGGING = -1;

    static {
        // LibSVM prints its solver's progress to standard output; a library must not.
        libsvm.svm.svm_set_print_string_function(text -> { });
    }

    private TribuoTrainers() {
    }

    /** A new Tribuo trainer for classification settings, with SGD progress logging off. */
    public static Trainer<Label> classifier(TrainerSettings s) {
        return classifier(s, NO_LOGGING, 1.0);
    }

    /** A new Tribuo regression trainer, with SGD progress logging off. */
    public static Trainer<Regressor> regressor(TrainerSettings s) {
        return regressor(s, NO_LOGGING);
    }

    /**
     * A new Tribuo trainer for classification settings; SGD trainers log their loss every {@code loggingInterval}
     * steps (-1 for never), which {@link TribuoProgress} turns into epoch progress; {@code totalWeight} is the
     * training data's total example weight, which spreads a logistic regression's L2 penalty over its examples.
     */
    public static Trainer<Label> classifier(TrainerSettings s, int loggingInterval, double totalWeight) {
        if (s instanceof TrainerSettings.LogisticRegression r) {
            StochasticGradientOptimiser optimiser = new AdaGrad(r.learningRate(), 0.1);
            if (r.l2() > 0) {
                optimiser = new L2Penalty(optimiser, r.l2(), totalWeight);
            }
            if (r.average()) {
                optimiser = new ParameterAveraging(optimiser); // averages the live (penalised) iterates at the end
            }
            return new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(), optimiser,
                    r.epochs(), loggingInterval, r.minibatchSize(), r.seed());
        }
        if (s instanceof TrainerSettings.FactorizationMachineClassifier r) {
            return new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(r.learningRate(), 0.1), r.epochs(),
                    loggingInterval, r.minibatchSize(), r.seed(), r.factors(), r.variance());
        }
        if (s instanceof TrainerSettings.LibLinearClassifier r) {
            return new LibLinearClassificationTrainer(new LinearClassificationType(
                    LinearClassificationType.LinearType.valueOf(r.type())), r.cost(), r.maxIterations(), r.tolerance(),
                    r.seed());
        }
        if (s instanceof TrainerSettings.LibSvmClassifier r) {
            SVMParameters<Label> p = new SVMParameters<>(new SVMClassificationType(
                    SVMClassificationType.SVMMode.C_SVC), KernelType.valueOf(r.kernel()));
            p.setCost(r.cost());
            p.setGamma(r.gamma());
            p.setProbability();
            return new LibSVMClassificationTrainer(p, r.seed());
        }
        if (s instanceof TrainerSettings.CartClassifier r) {
            return new CARTClassificationTrainer(r.maxDepth(), (float) r.minChildWeight(), 0f,
                    (float) r.fractionFeatures(), false, "ENTROPY".equals(r.impurity()) ? new Entropy() : new GiniIndex(),
                    r.seed());
        }
        if (s instanceof TrainerSettings.RandomForestClassifier r) {
            CARTClassificationTrainer tree = new CARTClassificationTrainer(r.maxDepth(), (float) r.minChildWeight(), 0f,
                    (float) r.fractionFeatures(), false, new GiniIndex(), r.seed());
            return new RandomForestTrainer<>(tree, new VotingCombiner(), r.trees(), r.seed());
        }
        if (s instanceof TrainerSettings.XGBoostClassifier r) {
            return new XGBoostClassificationTrainer(r.trees(), r.eta(), 0.0, r.maxDepth(), r.minChildWeight(),
                    r.subsample(), r.featureSubsample(), r.lambda(), r.alpha(), r.threads(), true, r.seed());
        }
        throw new IllegalArgumentException("The " + s.algorithm() + " settings are for " + s.task()
                + ", not classification; pick a classifier or a numeric label");
    }

    /** A new Tribuo trainer for regression settings (see {@link #classifier(TrainerSettings, int, double)}). */
    public static Trainer<Regressor> regressor(TrainerSettings s, int loggingInterval) {
        if (s instanceof TrainerSettings.LinearSgdRegressor r) {
            return new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
                    new AdaGrad(r.learningRate(), 0.1), r.epochs(), loggingInterval, r.minibatchSize(), r.seed());
        }
        if (s instanceof TrainerSettings.FactorizationMachineRegressor r) {
            return new FMRegressionTrainer(new SquaredLoss(), new AdaGrad(r.learningRate(), 0.1), r.epochs(),
                    loggingInterval, r.minibatchSize(), r.seed(), r.factors(), r.variance(), r.standardise());
        }
        if (s instanceof TrainerSettings.LibLinearRegressor r) {
            return new LibLinearRegressionTrainer(new LinearRegressionType(
                    LinearRegressionType.LinearType.valueOf(r.type())), r.cost(), r.maxIterations(), r.tolerance(),
                    r.epsilon(), r.seed());
        }
        if (s instanceof TrainerSettings.CartRegressor r) {
            return new CARTRegressionTrainer(r.maxDepth(), (float) r.minChildWeight(), 0f, (float) r.fractionFeatures(),
                    false, new MeanSquaredError(), r.seed());
        }
        if (s instanceof TrainerSettings.XGBoostRegressor r) {
            return new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR, r.trees(), r.eta(), 0.0,
                    r.maxDepth(), r.minChildWeight(), r.subsample(), r.featureSubsample(), r.lambda(), r.alpha(),
                    r.threads(), true, r.seed());
        }
        if (s instanceof TrainerSettings.ElasticNetRegressor r) {
            return new ElasticNetCDTrainer(r.alpha(), r.l1Ratio(), r.tolerance(), r.maxIterations(), false, r.seed());
        }
        throw new IllegalArgumentException("The " + s.algorithm() + " settings are for " + s.task()
                + ", not regression; pick a regressor or a categorical label");
    }
}
