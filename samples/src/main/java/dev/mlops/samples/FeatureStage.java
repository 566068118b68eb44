package dev.mlops.samples;

import dev.mlops.api.Column;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureSelection;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.SelectionRule;
import dev.mlops.features.Transform;
import java.util.ArrayList;
import java.util.List;

/**
 * The features stage of the credit pipeline: rank the features by mutual information with {@code class}, keep the
 * useful ones, and fit the preprocessing (impute, scale, one-hot) that travels with the model as ONNX. The selection
 * rule and the unfitted chain are also the first steps of the training pipeline ({@link Result#rule()},
 * {@link Result#chain()}), which tuning fits anew on each training fold so that no held-out row leaks into them.
 */
public final class FeatureStage {
    /** Features below this mutual information (nats, bias-corrected) carry next to nothing about the label. */
    static final double MIN_INFORMATION = 0.005;
    static final String LABEL = "class";

    /**
     * What the stage chose.
     *
     * @param ranking every feature ranked by mutual information with the label
     * @param selection the features kept
     * @param preprocessing the fitted preprocessing over the kept features
     * @param rule the selection rule, as a pipeline step
     * @param chain the unfitted preprocessing over every ranked feature, as a pipeline step (restricted to the
     *     selected features when fitted)
     */
    public record Result(FeatureRanking ranking, FeatureSelection selection, FittedPreprocessing preprocessing,
                         SelectionRule rule, Preprocessing chain) {
        /** The names of the kept feature columns, best first. */
        public List<String> selectedColumns() {
            return selection.columns();
        }
    }

    private FeatureStage() {
    }

    /** Ranks, selects and fits preprocessing on the credit training frame (label {@code class}); prints what it did. */
    public static Result run(Frame train) {
        SelectionRule rule = SelectionRule.aboveScore("mutual_information", MIN_INFORMATION, 5);
        FeatureRanking ranking = rule.selector().rank(train, LABEL);
        System.out.println(ranking.format());
        FeatureSelection selection = rule.select(ranking);
        Frame kept = selection.project(train);
        System.out.printf("Kept %d of %d features (mutual information above %.3f nats): %s%n",
                selection.columns().size(), ranking.scores().size(), MIN_INFORMATION, selection.columns());

        Preprocessing chain = chain(train, ranking.names());
        FittedPreprocessing preprocessing = chain.restrictTo(selection.columns()).fit(kept);
        System.out.printf("Preprocessing: %d input columns -> %d model features; ONNX graph %,d bytes%n",
                preprocessing.inputFields().size(), preprocessing.outputCount(), preprocessing.toOnnx().length);
        System.out.println("Model features: " + preprocessing.outputNames());
        return new Result(ranking, selection, preprocessing, rule, chain);
    }

    /**
     * Median-impute and standard-scale the numbers, impute and one-hot encode the categories, in the order given
     * (best first, so that a chain restricted to a selection orders its outputs as the selection does).
     */
    static Preprocessing chain(Frame train, List<String> features) {
        Preprocessing.Builder chain = Preprocessing.newBuilder();
        List<String> numbers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : features) {
            Column c = train.column(name);
            switch (c.type()) {
                case NUMERIC, INTEGER -> numbers.add(name);
                case CATEGORICAL, TEXT -> labels.add(name);
                case BOOLEAN -> chain.impute(Transform.Imputation.MOST_FREQUENT, name);
                case TIMESTAMP -> chain.exclude(name);
            }
        }
        if (!numbers.isEmpty()) {
            String[] n = numbers.toArray(String[]::new);
            chain.impute(Transform.Imputation.MEDIAN, n).scale(Transform.Scaling.STANDARD, n);
        }
        if (!labels.isEmpty()) {
            String[] l = labels.toArray(String[]::new);
            chain.impute(Transform.Imputation.MOST_FREQUENT, l).oneHot(Transform.UnseenCategories.IGNORE, l);
        }
        if (train.column(LABEL).field().role() == FieldRole.FEATURE) {
            chain.exclude(LABEL);
        }
        return chain.build();
    }
}
