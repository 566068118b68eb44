package dev.mlops.train;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a search: every trial with its cross-validated score, and the best.
 *
 * @param metric the metric trials were scored by
 * @param higherIsBetter its direction
 * @param folds the number of folds
 * @param trials every trial in trial order
 * @param parentRunId the tracker run the trials are children of (empty when not tracked)
 */
public record TuningResult(String metric, boolean higherIsBetter, int folds, List<Trial> trials,
                           Optional<String> parentRunId) implements dev.mlops.api.HtmlRenderable {

    /**
     * One trial.
     *
     * @param index its number, from 0
     * @param changes the settings it changed, by name
     * @param settings the full settings
     * @param mean the mean metric over folds (NaN when it failed)
     * @param std the sample standard deviation over folds
     * @param foldScores the metric per fold
     * @param runId its child run id, or null when not tracked
     * @param error why it failed, or null
     */
    public record Trial(int index, Map<String, Object> changes, TrainerSettings settings, double mean, double std,
                        double[] foldScores, String runId, String error) {
    }

    /** Copies the trials. */
    public TuningResult {
        trials = List.copyOf(trials);
    }

    /**
     * The trial with the best mean (the earliest among equals).
     *
     * @throws IllegalStateException when every trial failed
     */
    public Trial best() {
        Comparator<Trial> byMean = Comparator.comparingDouble(Trial::mean);
        return trials.stream().filter(t -> !Double.isNaN(t.mean()))
                .min(higherIsBetter ? byMean.reversed().thenComparingInt(Trial::index)
                        : byMean.thenComparingInt(Trial::index))
                .orElseThrow(() -> new IllegalStateException("Every trial failed; the first error was: "
                        + trials.stream().map(Trial::error).filter(e -> e != null).findFirst().orElse("none")));
    }

    /** The best trial's settings. */
    public TrainerSettings bestSettings() {
        return best().settings();
    }

    /** A text table of the trials, best marked. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %-10s %-10s %s%n", "trial",
                metric, "std", "settings"));
        int bestIndex = trials.stream().anyMatch(t -> !Double.isNaN(t.mean())) ? best().index() : -1;
        for (Trial t : trials) {
            sb.append(String.format(Locale.ROOT, "%-6s %-10.4f %-10.4f %s%s%n", (t.index() == bestIndex ? "*" : " ")
                    + t.index(), t.mean(), t.std(), t.changes(), t.error() == null ? "" : "  FAILED: " + t.error()));
        }
        return sb.toString();
    }

    /** {@link #table()}. */
    @Override
    public String toText() {
        return table();
    }

    /** Score and spread per trial as a chart, with the table of what each trial changed, for notebooks. */
    @Override
    public String toHtml() {
        return dev.mlops.api.HtmlRenderable.fragment(EvaluationHtml.tuning(this, EvaluationHtml.id("tuning",
                metric + trials.stream().map(t -> t.mean() + "/" + t.std()).toList())));
    }
}
