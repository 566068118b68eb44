package dev.mlops.samples;

import dev.mlops.api.Column;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureSelection;
import dev.mlops.features.FeatureSelector;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import java.util.ArrayList;
import java.util.List;

/**
 * The features stage of the credit pipeline: rank the features by mutual information with {@code class}, keep the
 * useful ones, and fit the preprocessing (impute, scale, one-hot) that training uses and that travels with the
 * model as ONNX.
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
     */
    public record Result(FeatureRanking ranking, FeatureSelection selection, FittedPreprocessing preprocessing) {
        /** The names of the kept feature columns, best first. */
        public List<String> selectedColumns() {
            return selection.columns();
        }
    }

    private FeatureStage() {
    }

    /** Ranks, selects and fits preprocessing on the credit training frame (label {@code class}); prints what it did. */
    public static Result run(Frame train) {
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(train, LABEL);
        System.out.println(ranking.format());
        FeatureSelection selection = ranking.aboveScore(MIN_INFORMATION);
        if (selection.columns().isEmpty()) {
            selection = ranking.top(5);
        }
        Frame kept = selection.project(train);
        System.out.printf("Kept %d of %d features (mutual information above %.3f nats): %s%n",
                selection.columns().size(), ranking.scores().size(), MIN_INFORMATION, selection.columns());

        Preprocessing.Builder chain = Preprocessing.newBuilder();
        List<String> numbers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : selection.columns()) {
            Column c = kept.column(name);
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
        if (kept.column(LABEL).field().role() == FieldRole.FEATURE) {
            chain.exclude(LABEL);
        }
        FittedPreprocessing preprocessing = chain.build().fit(kept);
        System.out.printf("Preprocessing: %d input columns -> %d model features; ONNX graph %,d bytes%n",
                preprocessing.inputFields().size(), preprocessing.outputCount(), preprocessing.toOnnx().length);
        System.out.println("Model features: " + preprocessing.outputNames());
        return new Result(ranking, selection, preprocessing);
    }
}
