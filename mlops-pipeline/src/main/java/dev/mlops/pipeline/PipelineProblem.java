package dev.mlops.pipeline;

/**
 * One thing wrong with a pipeline file.
 *
 * @param path where in the file, dotted ({@code trainer.maxDepth}, {@code source.type})
 * @param value the bad value as written (or {@code null} when a required value is missing)
 * @param message what is wrong and what is allowed (with a "did you mean" for misspelt keys)
 */
public record PipelineProblem(String path, String value, String message) {

    @Override
    public String toString() {
        return path + (value == null ? "" : " = " + value) + ": " + message;
    }
}
