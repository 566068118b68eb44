package dev.mlops.api.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRunTrackerTest extends RunTrackerContract {
    @TempDir
    Path dir;

    @Override
    RunTracker open() {
        return RunTracker.inDirectory(dir);
    }

    @Test
    void files_areHumanReadableJson() throws Exception {
        String id;
        try (Run r = tracker.start(experiment, "readable")) {
            id = r.id();
            r.logParam("lr", "0.1").logMetric("acc", 0.75, 3);
        }
        String meta = Files.readString(dir.resolve("runs").resolve(id).resolve("run.json"));
        assertTrue(meta.contains("\"lr\" : \"0.1\""), meta);
        String metrics = Files.readString(dir.resolve("runs").resolve(id).resolve("metrics.jsonl"));
        assertTrue(metrics.startsWith("{\"key\":\"acc\",\"value\":0.75,\"step\":3,"), metrics);
    }

    @Test
    void tornLastMetricLine_isSkipped() throws Exception {
        String id;
        try (Run r = tracker.start(experiment, "torn")) {
            id = r.id();
            r.logMetric("a", 1, 0);
        }
        Files.writeString(dir.resolve("runs").resolve(id).resolve("metrics.jsonl"), "{\"key\":\"a\",\"val",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, tracker.get(id).metrics().size());
    }

    @Test
    void pathTraversalId_findsNothing() {
        assertTrue(tracker.find("../../etc").isEmpty());
    }

    @Test
    void twoProcesses_writingTheSameFolder_loseNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", dev.mlops.api.ChildJvm.classPath(),
                TrackerWriterMain.class.getName(), dir.toString(), experiment, "other", "20")
                .redirectErrorStream(true).start();
        TrackerWriterMain.write(tracker, experiment, "self", 20);
        assertTrue(other.waitFor(60, TimeUnit.SECONDS), "the other process finished");
        assertEquals(0, other.exitValue(), new String(other.getInputStream().readAllBytes()));
        List<RunRecord> runs = tracker.search(RunQuery.all().experiment(experiment));
        assertEquals(40, runs.size());
        for (RunRecord r : runs) {
            assertEquals(50, r.metricHistory("m").size(), r.name());
        }
    }
}
