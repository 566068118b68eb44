package dev.mlops.pipeline;

import dev.mlops.api.MlopsException;
import java.util.List;
import java.util.stream.Collectors;

/** A pipeline file that cannot run: every problem found in it at once, each naming its path in the file. */
public final class PipelineException extends MlopsException {
    private static final long serialVersionUID = 1L;

    private final transient List<PipelineProblem> problems;

    /** A failure listing the problems of the file called {@code where}. */
    public PipelineException(String where, List<PipelineProblem> problems) {
        super("The pipeline " + where + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "; fix them and run again:" + problems.stream().map(p -> "\n  - " + p)
                .collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<PipelineProblem> problems() {
        return problems;
    }
}
