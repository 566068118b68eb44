package dev.mlops.cli;

import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.Profiler;
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

    /** Rows read and profiled at a time: the bar moves once a batch. */
    static final int BATCH_ROWS = 100_000;

    @Override
    public Integer call() {
        ProgressBar progress = ProgressBar.on(spec.commandLine().getErr(), noProgress);
        Profile profile;
        try (FrameBatches batches = Inputs.source(file).batches(BATCH_ROWS)) {
            // The total is the file's line count, an estimate (a quoted field may hold line breaks); none when packed.
            long estimate = Inputs.rowEstimate(file);
            long rows = 0;
            progress.onProgress(new PipelineEvent("profile", 0, count(estimate), file.getFileName().toString()));
            Profiler profiler = Profiler.create();
            while (batches.hasNext()) {
                Frame batch = batches.next();
                profiler.add(batch);
                rows += batch.rowCount();
                progress.onProgress(new PipelineEvent("profile", (int) Math.min(rows, Integer.MAX_VALUE),
                        count(Math.max(estimate, rows)),
                        "rows read and profiled"));
            }
            profile = rows == 0 ? Profile.of(Frame.empty(batches.schema())) : profiler.profile();
            progress.onProgress(new PipelineEvent("profile", 1, 1, rows + " rows, " + profile.columns().size()
                    + " columns"));
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

    /** A row count as a progress total: at least 1, at most an int. */
    private static int count(long rows) {
        return (int) Math.min(Math.max(rows, 1), Integer.MAX_VALUE);
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
