package dev.mlops.data.label;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines labelling functions by majority vote: each row gets the label most functions gave it; a tie or no vote
 * leaves it missing. The result holds the frame with a new label column and the {@link LabelingReport}.
 *
 * <p>Immutable and thread-safe if the functions are.
 */
public final class MajorityVote {
    private final List<LabelingFunction> functions;

    private MajorityVote(List<LabelingFunction> functions) {
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("Give at least one labelling function");
        }
        this.functions = List.copyOf(functions);
    }

    /** A vote of these functions. */
    public static MajorityVote of(List<LabelingFunction> functions) {
        return new MajorityVote(functions);
    }

    /** A vote of these functions. */
    public static MajorityVote of(LabelingFunction... functions) {
        return new MajorityVote(List.of(functions));
    }

    /** Labels every row into a new categorical LABEL column {@code labelColumn}. */
    public Result label(Frame frame, String labelColumn) {
        int n = frame.rowCount();
        int k = functions.size();
        long[] covered = new long[k];
        long[] overlapped = new long[k];
        long[] conflicted = new long[k];
        long[] agreed = new long[k];
        int labelled = 0;
        int ties = 0;
        int abstained = 0;
        CategoricalColumn.Builder out = CategoricalColumn.builder(
                Field.categorical(labelColumn).withRole(FieldRole.LABEL), n);
        String[] votes = new String[k];
        for (int r = 0; r < n; r++) {
            Row row = frame.row(r);
            Map<String, Integer> tally = new HashMap<>();
            int voters = 0;
            for (int f = 0; f < k; f++) {
                votes[f] = functions.get(f).apply(row);
                if (votes[f] != null) {
                    voters++;
                    tally.merge(votes[f], 1, Integer::sum);
                }
            }
            for (int f = 0; f < k; f++) {
                if (votes[f] == null) {
                    continue;
                }
                covered[f]++;
                if (voters > 1) {
                    overlapped[f]++;
                }
                if (tally.size() > 1) {
                    conflicted[f]++;
                }
            }
            String winner = null;
            int best = 0;
            boolean tie = false;
            for (Map.Entry<String, Integer> e : tally.entrySet()) {
                if (e.getValue() > best) {
                    best = e.getValue();
                    winner = e.getKey();
                    tie = false;
                } else if (e.getValue() == best) {
                    tie = true;
                }
            }
            if (voters == 0) {
                abstained++;
                out.addMissing();
            } else if (tie) {
                ties++;
                out.addMissing();
            } else {
                labelled++;
                out.add(winner);
                for (int f = 0; f < k; f++) {
                    if (winner.equals(votes[f])) {
                        agreed[f]++;
                    }
                }
            }
        }
        List<LabelingReport.FunctionStats> stats = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            stats.add(new LabelingReport.FunctionStats(functions.get(f).name(), share(covered[f], n),
                    share(overlapped[f], n), share(conflicted[f], n), share(agreed[f], covered[f])));
        }
        return new Result(frame.withColumn(out.build()), new LabelingReport(n, labelled, ties, abstained, stats));
    }

    private static double share(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /**
     * The labelled frame and the report.
     *
     * @param frame  the input with the label column added (or replaced)
     * @param report what the functions did
     */
    public record Result(Frame frame, LabelingReport report) {
    }
}
