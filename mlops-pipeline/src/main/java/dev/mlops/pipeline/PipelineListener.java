package dev.mlops.pipeline;

/**
 * Receives a running pipeline's progress: its steps, and the trainer's and tuner's own progress
 * ({@link dev.mlops.train.TrainingListener}) as steps {@code fit}, {@code convert}, {@code fold} and {@code tune}.
 * Called from the pipeline's threads (several when tuning trials run in parallel), so implementations must be
 * thread-safe and quick.
 */
@FunctionalInterface
public interface PipelineListener {

    /** Called at the start and end of each step, and as its units finish. */
    void onProgress(PipelineEvent event);

    /** A listener that ignores everything. */
    static PipelineListener none() {
        return event -> { };
    }
}
