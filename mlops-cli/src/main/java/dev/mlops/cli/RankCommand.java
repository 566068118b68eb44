package dev.mlops.cli;

import dev.mlops.api.Frame;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureSelector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops rank FILE --label L}: features ranked by how much they tell about the label. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank the columns of a data file by how much they tell about the label.")
final class RankCommand implements Callable<Integer> {
    /** The ranking methods by name. */
    enum Method {
        mi, chi2, anova, variance, mi_regression, f_regression
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the data file")
    Path file;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "the column to predict")
    String label;

    @Option(names = "--method", defaultValue = "mi", paramLabel = "METHOD",
            description = "mutual information (mi, default), chi2, anova, variance, mi_regression or f_regression;"
                    + " one of: ${COMPLETION-CANDIDATES}")
    Method method;

    @Option(names = "--json", description = "print the ranking as JSON")
    boolean json;

    @Override
    public Integer call() {
        Frame frame = Inputs.frame(file);
        if (!frame.hasColumn(label)) {
            throw new BadInputException("No column '" + label + "' in " + file + "; the columns are "
                    + frame.columnNames());
        }
        FeatureSelector selector = switch (method) {
            case mi -> FeatureSelector.mutualInformation();
            case chi2 -> FeatureSelector.chiSquared();
            case anova -> FeatureSelector.anovaF();
            case variance -> FeatureSelector.variance();
            case mi_regression -> FeatureSelector.mutualInformationRegression();
            case f_regression -> FeatureSelector.fRegression();
        };
        FeatureRanking ranking = selector.rank(frame, label);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Inputs.jsonText(w, ranking.toJson());
        } else {
            w.println(ranking.format());
        }
        return 0;
    }
}
