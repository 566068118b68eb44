package dev.mlops.cli;

import dev.mlops.api.Frame;
import dev.mlops.data.profile.Profile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlops profile FILE}: per-column statistics. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Profile a CSV or JSON Lines file: per-column counts, missing values, moments, quantiles.")
final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the data file (.csv or .jsonl)")
    Path file;

    @Option(names = "--json", description = "print the profile as JSON")
    boolean json;

    @Override
    public Integer call() {
        Frame frame = DataFiles.read(file);
        Profile profile = Profile.of(frame);
        spec.commandLine().getOut().println(json ? profile.toJson() : profile.toString());
        return Mlops.OK;
    }
}
