package dev.mlops.cli;

import dev.mlops.api.Frame;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.Profile;
import dev.mlops.pipeline.PipelineEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops profile FILE}: the mergeable profile of a data file, per column. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Profile a CSV or JSON Lines file: rows, and per column its type, missing values, distinct"
                + " values and range.")
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the data file (.csv, .csv.gz, .jsonl)")
    Path file;

    @Option(names = "--json", description = "print the profile as JSON (the SDK's Profile format)")
    boolean json;

    @Option(names = "--out", paramLabel = "PROFILE", description = "also write the profile's JSON to this file")
    Path out;

    @Option(names = "--no-progress", description = "plain progress lines instead of bars (the default where the"
            + " output is not a terminal, or CI is set)")
    boolean noProgress;

    @Override
    public Integer call() {
        // the data module reads and profiles in one call each, with no hook inside: progress is by step
        ProgressBar progress = ProgressBar.on(spec.commandLine().getErr(), noProgress);
        Frame frame;
        Profile profile;
        try {
            progress.onProgress(new PipelineEvent("read", 0, 2, file.getFileName().toString()));
            frame = Inputs.frame(file);
            progress.onProgress(new PipelineEvent("profile", 1, 2, frame.rowCount() + " rows"));
            profile = Profile.of(frame);
            progress.onProgress(new PipelineEvent("profile", 2, 2, frame.rowCount() + " rows, "
                    + profile.columns().size() + " columns"));
        } finally {
            progress.close();
        }
        PrintWriter w = spec.commandLine().getOut();
        if (out != null) {
            Inputs.write(out, profile.toJson());
        }
        if (json) {
            Inputs.jsonText(w, profile.toJson());
            return 0;
        }
        w.printf(Locale.ROOT, "%s: %d rows, %d columns%n", file, profile.rowCount(), profile.columns().size());
        w.printf(Locale.ROOT, "%-24s %-11s %8s %10s %14s %14s%n", "column", "type", "missing", "distinct", "min",
                "max");
        for (ColumnProfile c : profile.columns().values()) {
            String distinct = c.distinct().map(d -> Long.toString(Math.round(d.estimate()))).orElse("");
            String min = c.moments().map(m -> num(m.min())).orElse("");
            String max = c.moments().map(m -> num(m.max())).orElse("");
            w.printf(Locale.ROOT, "%-24s %-11s %8d %10s %14s %14s%n", c.name(), c.type(), c.missing(), distinct, min,
                    max);
        }
        if (out != null) {
            w.println("Profile written to " + out);
        }
        return 0;
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
