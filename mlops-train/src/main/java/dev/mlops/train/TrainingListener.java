package dev.mlops.train;

import java.util.function.Consumer;

/**
 * Receives progress while a model trains, a search tunes or a learning curve grows. Called from the training
 * thread (several threads when trials run in parallel), so implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface TrainingListener {

    /** Called at the start and end of each unit of work. */
    void onProgress(TrainingEvent event);

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return NoListener.INSTANCE;
    }

    /**
     * A text progress bar: each event becomes one line such as {@code TRIAL [#####.....] 5/10 lr=0.1 acc=0.74},
     * handed to {@code lines} (a console's {@code System.out::println}, a notebook's display, a logger).
     */
    static TrainingListener textBar(Consumer<String> lines) {
        return event -> {
            int width = 20;
            int filled = (int) Math.round(event.fraction() * width);
            lines.accept(String.format("%-14s [%s%s] %d/%d %s", event.phase(), "#".repeat(filled),
                    ".".repeat(width - filled), event.done(), event.total(), event.detail()).stripTrailing());
        };
    }
}
