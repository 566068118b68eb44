package dev.mlops.data.label;

import dev.mlops.api.Json;
import java.util.List;

/**
 * How the labelling functions behaved, with Snorkel's definitions: coverage is the share of rows a function
 * labels; overlap the share it labels where another function also labels; conflict the share it labels where
 * another function gives a different label.
 *
 * @param rows       rows labelled
 * @param labelled   rows that received a label
 * @param ties       rows where the vote tied (left unlabelled)
 * @param abstained  rows where every function abstained
 * @param functions  one entry per function, in order
 */
public record LabelingReport(int rows, int labelled, int ties, int abstained, List<FunctionStats> functions) {
    /** Copies the list. */
    public LabelingReport {
        functions = List.copyOf(functions);
    }

    /** The share of rows that received a label. */
    public double coverage() {
        return rows == 0 ? 0 : (double) labelled / rows;
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * One function's statistics.
     *
     * @param name      the function
     * @param coverage  share of rows it labelled
     * @param overlap   share of rows it labelled and another function labelled too
     * @param conflict  share of rows it labelled and another function labelled differently
     * @param agreement share of its labels that equal the final label
     */
    public record FunctionStats(String name, double coverage, double overlap, double conflict, double agreement) {
    }
}
