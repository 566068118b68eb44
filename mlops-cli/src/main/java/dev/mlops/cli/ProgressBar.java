package dev.mlops.cli;

import dev.mlops.pipeline.PipelineEvent;
import dev.mlops.pipeline.PipelineListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Long work drawn for a person: on an interactive terminal one bar per step, redrawn in place with {@code \r}
 * ({@code [########            ]  42% tuning trial 3/8 ...}) and left on its own line when the step is done; elsewhere
 * (output piped or captured, {@code CI} set, {@code --no-progress}) the same text as plain lines, one per change, so
 * logs stay readable. Written on the error stream, so {@code --json} output stays clean (decision 166).
 *
 * <p>Thread-safe: tuning trials report from several threads, and each event is drawn whole.
 */
final class ProgressBar implements PipelineListener {
    /** The width of the bar, in characters. */
    static final int WIDTH = 20;
    private static final Map<String, String> LABELS = Map.of("read", "reading", "check", "checking", "tune",
            "tuning trial", "fold", "fold", "fit", "fitting", "convert", "converting", "train", "training",
            "evaluate", "evaluating", "register", "registering", "profile", "profiling");

    private final PrintWriter out;
    private final boolean interactive;
    private String last = "";
    private int drawnWidth;

    ProgressBar(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * Bars on a terminal; plain lines when there is none ({@code System.console() == null}), when the {@code CI}
     * variable is set, or when the user asked for {@code --no-progress}.
     */
    static ProgressBar on(PrintWriter err, boolean noProgress) {
        String ci = System.getenv("CI");
        boolean terminal = System.console() != null && (ci == null || ci.isEmpty() || ci.equals("false"));
        return new ProgressBar(err, terminal && !noProgress);
    }

    /** Whether this draws bars in place (else plain lines). */
    boolean interactive() {
        return interactive;
    }

    /** One event as text: {@code [#####               ]  25% tuning trial 1/4 trial 0 roc_auc=0.7712}. */
    static String render(PipelineEvent e) {
        int filled = (int) Math.round(e.fraction() * WIDTH);
        String label = LABELS.getOrDefault(e.step(), e.step());
        return String.format(Locale.ROOT, "[%s%s] %3d%% %s %d/%d%s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.round(e.fraction() * 100), label, e.done(), e.total(),
                e.detail().isEmpty() ? "" : " " + e.detail()).stripTrailing();
    }

    @Override
    public synchronized void onProgress(PipelineEvent event) {
        String line = render(event);
        if (interactive) {
            // pad over what the previous, longer text left on the line
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
            if (event.finished() && !event.step().equals("fold")) {
                out.println();
                drawnWidth = 0;
            }
        } else if (!line.equals(last)) {
            out.println(line);
        }
        last = line;
        out.flush();
    }

    /** Ends a bar left open (a step that failed half way), so what follows starts on its own line. */
    synchronized void close() {
        if (interactive && drawnWidth > 0) {
            out.println();
            drawnWidth = 0;
            out.flush();
        }
    }
}
