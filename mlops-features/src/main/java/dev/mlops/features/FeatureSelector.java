package dev.mlops.features;

import dev.mlops.api.Frame;
import dev.mlops.features.internal.Discretizer;
import dev.mlops.features.internal.FeatureData;
import dev.mlops.features.internal.Rankings;
import dev.mlops.features.internal.Scorers;
import dev.mlops.features.internal.TribuoAdapter;
import java.util.Map;

/**
 * Ranks the feature columns of a frame against a label. Feature columns are those whose role is FEATURE, other
 * than the label; numeric, integer and boolean columns are scored as numbers and categorical columns by their
 * categories; text and timestamp columns are not scored (the ranking's notes say so).
 *
 * <pre>{@code
 * FeatureRanking ranking = FeatureSelector.mutualInformation().rank(credit, "class");
 * Frame useful = ranking.top(10).project(credit);
 * }</pre>
 *
 * <p>The factories' selectors are stateless and thread-safe.
 */
@FunctionalInterface
public interface FeatureSelector {

    /** Ranks the feature columns of {@code frame} against the column {@code label}, best first. */
    FeatureRanking rank(Frame frame, String label);

    /**
     * Mutual information with a class label, in nats: numeric features binned into equal-frequency bins (the cube
     * root of the row count, between 2 and 32), categorical features by category, missing values as a bin of their
     * own, with the Miller-Madow bias correction (docs/decisions/030).
     */
    static FeatureSelector mutualInformation() {
        return mutualInformation(0);
    }

    /** Mutual information with a class label using {@code bins} equal-frequency bins (0 for the default). */
    static FeatureSelector mutualInformation(int bins) {
        checkBins(bins);
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.requireLabel(frame, label), false);
            int b = bins == 0 ? Discretizer.defaultBins(data.rows()) : bins;
            return Rankings.sorted("mutual_information", frame, label, Map.of("bins", Integer.toString(b),
                    "estimator", "plug-in, equal-frequency bins, Miller-Madow"),
                    Scorers.mutualInformation(data, b), data.notes());
        };
    }

    /** Mutual information with a numeric label (regression), the label binned like the features. */
    static FeatureSelector mutualInformationRegression() {
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.requireLabel(frame, label), true);
            int b = Discretizer.defaultBins(data.rows());
            return Rankings.sorted("mutual_information_regression", frame, label, Map.of("bins", Integer.toString(b),
                    "estimator", "plug-in, equal-frequency bins, Miller-Madow"),
                    Scorers.mutualInformationRegression(data, b), data.notes());
        };
    }

    /**
     * Chi-squared with a class label: scikit-learn's {@code chi2} statistic for numeric features (which must be
     * non-negative) and Pearson's test of independence for categorical features.
     */
    static FeatureSelector chiSquared() {
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.requireLabel(frame, label), false);
            return Rankings.sorted("chi_squared", frame, label, Map.of(), Scorers.chiSquared(data), data.notes());
        };
    }

    /** The ANOVA F statistic of each numeric feature across the classes (scikit-learn's {@code f_classif}). */
    static FeatureSelector anovaF() {
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.requireLabel(frame, label), false);
            return Rankings.sorted("anova_f", frame, label, Map.of(), Scorers.anovaF(data), data.notes());
        };
    }

    /**
     * The F statistic of a one-feature linear regression on a numeric label (scikit-learn's {@code f_regression});
     * a categorical feature gets the one-way ANOVA F of the label across its categories.
     */
    static FeatureSelector fRegression() {
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.requireLabel(frame, label), true);
            return Rankings.sorted("f_regression", frame, label, Map.of(), Scorers.fRegression(data), data.notes());
        };
    }

    /**
     * The variance of each numeric feature (divisor n); select with {@link FeatureRanking#aboveScore(double)} for a
     * variance threshold. The label may be null.
     */
    static FeatureSelector variance() {
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.optionalLabel(frame, label), false);
            return Rankings.sorted("variance", frame, label, Map.of(), Scorers.variance(data), data.notes());
        };
    }

    /**
     * Drops one of each pair of numeric features whose absolute Pearson correlation exceeds {@code threshold}: going
     * through the features in frame order, a feature too correlated with one kept before it scores 0 (a note names
     * the partner); a kept feature scores {@code 1 - max |r|} against those kept before it. Select the kept ones with
     * {@code aboveScore(0)}. The label may be null.
     */
    static FeatureSelector correlationFilter(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("correlationFilter(threshold) needs a threshold in [0, 1], got "
                    + threshold);
        }
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.optionalLabel(frame, label), false);
            return Rankings.sorted("correlation_filter", frame, label, Map.of("threshold", Double.toString(threshold)),
                    Scorers.correlationFilter(data, threshold), data.notes());
        };
    }

    /** Tribuo's mRMR (minimum redundancy, maximum relevance): the {@code k} first picks, in Tribuo's order. */
    static FeatureSelector mrmr(int k) {
        return tribuo(TribuoAdapter.Algorithm.MRMR, k);
    }

    /** Tribuo's JMI (joint mutual information): the {@code k} first picks, in Tribuo's order. */
    static FeatureSelector jmi(int k) {
        return tribuo(TribuoAdapter.Algorithm.JMI, k);
    }

    /** Tribuo's CMIM (conditional mutual information maximisation): the {@code k} first picks, in Tribuo's order. */
    static FeatureSelector cmim(int k) {
        return tribuo(TribuoAdapter.Algorithm.CMIM, k);
    }

    private static FeatureSelector tribuo(TribuoAdapter.Algorithm algorithm, int k) {
        if (k < 1) {
            throw new IllegalArgumentException(algorithm + " needs k >= 1 features to pick, got " + k);
        }
        return (frame, label) -> {
            FeatureData data = FeatureData.of(frame, Rankings.requireLabel(frame, label), false);
            int b = Discretizer.defaultBins(data.rows());
            return Rankings.ordered("tribuo_" + algorithm.name().toLowerCase(java.util.Locale.ROOT), frame, label,
                    Map.of("k", Integer.toString(k), "bins", Integer.toString(b)),
                    TribuoAdapter.select(data, algorithm, k, b), data.notes());
        };
    }

    private static void checkBins(int bins) {
        if (bins < 0 || bins == 1) {
            throw new IllegalArgumentException("bins must be 0 (the default) or at least 2, got " + bins);
        }
    }
}
