package dev.mlops.cli;

import dev.mlops.api.Frame;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureSelector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops rank FILE --label L}: features by mutual information with the label. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank the features of a file by mutual information with a label column.")
final class RankCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the data file (.csv or .jsonl)")
    Path file;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "the label column")
    String label;

    @Option(names = "--json", description = "print the ranking as JSON")
    boolean json;

    @Override
    public Integer call() {
        Frame frame = DataFiles.read(file);
        DataFiles.requireColumn(frame, label, file);
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(frame, label);
        spec.commandLine().getOut().println(json ? ranking.toJson() : ranking.format());
        return Mlops.OK;
    }
}
