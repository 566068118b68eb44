package dev.mlops.api.tracking;

import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Path;

/** Writes runs into a directory tracker; started as a second process by the concurrency test. */
public final class TrackerWriterMain {
    private TrackerWriterMain() {
    }

    /** Args: directory, experiment, name prefix, number of runs. */
    public static void main(String[] args) {
        try (RunTracker t = RunTracker.inDirectory(Path.of(args[0]))) {
            write(t, args[1], args[2], Integer.parseInt(args[3]));
        }
    }

    static void write(RunTracker t, String experiment, String prefix, int runs) {
        for (int i = 0; i < runs; i++) {
            try (Run r = t.start(experiment, prefix + "-" + i)) {
                r.logParam("writer", prefix);
                for (int s = 0; s < 50; s++) {
                    r.logMetric("m", s, s);
                }
            }
        }
    }
}
