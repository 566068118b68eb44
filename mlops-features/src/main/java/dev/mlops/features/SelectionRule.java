package dev.mlops.features;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A feature selection as a step of a training pipeline: the ranking method and the rule that picks features from its
 * scores, fitted anew on whatever rows the pipeline is fitted to (each cross-validation training fold, then the whole
 * training set), as a selector inside a scikit-learn {@code Pipeline} is. {@link #select(Frame, String)} keeps the
 * features scoring strictly above {@code minScore}, at most {@code atMost} of them (0: no cap), and at least the
 * {@code atLeast} best when fewer pass.
 *
 * <pre>{@code
 * SelectionRule rule = SelectionRule.aboveScore("mutual_information", 0.005, 5);
 * TrainedModel model = Trainer.xgboostClassifier().selection(rule).preprocessing(chain).train(train, "class");
 * }</pre>
 *
 * <p>Immutable and thread-safe; JSON round trip through {@link #toJson()} / {@link #fromJson(String)}.
 *
 * @param method the ranking method, one of {@link #METHODS} (the names {@link FeatureRanking#method()} reports)
 * @param minScore the score a feature must exceed (finite)
 * @param atLeast the fewest features kept, the best ones, when fewer pass {@code minScore}
 * @param atMost the most features kept, the best ones; 0 for no cap
 */
public record SelectionRule(String method, double minScore, int atLeast, int atMost) {

    /** The ranking methods a rule can name: the parameter-free {@link FeatureSelector} factories. */
    public static final Map<String, Supplier<FeatureSelector>> METHODS = Map.of(
            "mutual_information", FeatureSelector::mutualInformation,
            "mutual_information_regression", FeatureSelector::mutualInformationRegression,
            "chi_squared", FeatureSelector::chiSquared,
            "anova_f", FeatureSelector::anovaF,
            "f_regression", FeatureSelector::fRegression,
            "variance", FeatureSelector::variance);

    /** Checks the rule as a whole. */
    public SelectionRule {
        Objects.requireNonNull(method, "method");
        if (!METHODS.containsKey(method)) {
            throw new IllegalArgumentException("Unknown ranking method '" + method + "' for a selection rule; use one"
                    + " of " + new java.util.TreeSet<>(METHODS.keySet()));
        }
        if (!Double.isFinite(minScore)) {
            throw new IllegalArgumentException("minScore must be finite, not " + minScore
                    + " (use -Double.MAX_VALUE to keep every scored feature)");
        }
        if (atLeast < 0 || atMost < 0) {
            throw new IllegalArgumentException("atLeast and atMost must be >= 0, not " + atLeast + " and " + atMost);
        }
        if (atMost > 0 && atLeast > atMost) {
            throw new IllegalArgumentException("atLeast (" + atLeast + ") cannot exceed atMost (" + atMost + ")");
        }
        if (atLeast == 0 && atMost == 0 && minScore == -Double.MAX_VALUE) {
            throw new IllegalArgumentException("A rule that keeps every feature selects nothing; leave the selection"
                    + " out instead");
        }
    }

    /** The {@code k} best features by this method. */
    public static SelectionRule top(String method, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top(k) needs k >= 1, not " + k);
        }
        return new SelectionRule(method, -Double.MAX_VALUE, k, k);
    }

    /** The features scoring above {@code minScore}, or the {@code atLeast} best when fewer do. */
    public static SelectionRule aboveScore(String method, double minScore, int atLeast) {
        return new SelectionRule(method, minScore, atLeast, 0);
    }

    /** The selector that ranks for this rule. */
    @JsonIgnore
    public FeatureSelector selector() {
        return METHODS.get(method).get();
    }

    /** Picks the features from a ranking made by {@link #selector()}. */
    public FeatureSelection select(FeatureRanking ranking) {
        List<String> out = new ArrayList<>();
        List<String> names = ranking.names();
        for (FeatureScore s : ranking.scores()) {
            if (s.score() > minScore && (atMost == 0 || out.size() < atMost)) {
                out.add(s.name());
            }
        }
        for (int i = 0; i < names.size() && out.size() < atLeast; i++) {
            if (!out.contains(names.get(i))) {
                out.add(names.get(i));
            }
        }
        return new FeatureSelection(ranking.label(), out);
    }

    /** Ranks the features of these rows against the label and picks by this rule. */
    public FeatureSelection select(Frame frame, String label) {
        return select(selector().rank(frame, label));
    }

    /** The rule as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads a rule written by {@link #toJson()}. */
    public static SelectionRule fromJson(String json) {
        return Json.read(json, SelectionRule.class);
    }
}
