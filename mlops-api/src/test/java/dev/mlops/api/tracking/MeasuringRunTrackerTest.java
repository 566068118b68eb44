package dev.mlops.api.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.ResourceUsage;
import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuringRunTrackerTest {

    @Test
    void measuringResources_everyRunAndChild_recordsItsUsageInTheStore(@TempDir Path dir) {
        String parentId;
        String childId;
        try (RunTracker tracker = RunTracker.inDirectory(dir).measuringResources()) {
            try (Run parent = tracker.start("exp", "tune")) {
                parentId = parent.id();
                try (Run child = parent.startChild("trial-1")) {
                    childId = child.id();
                    long[] work = new long[1 << 20];
                    child.logMetric("size", work.length);
                }
            }
        }
        try (RunTracker reopened = RunTracker.inDirectory(dir)) {
            RunRecord parent = reopened.get(parentId);
            RunRecord child = reopened.get(childId);
            ResourceUsage p = parent.resources().orElseThrow();
            ResourceUsage c = child.resources().orElseThrow();
            assertTrue(c.allocatedBytes() >= 8L << 20, c.summary());
            assertTrue(p.wallNanos() >= c.wallNanos(), "the parent spans its child");
            assertEquals(RunStatus.FINISHED, child.status());
            assertEquals(1.0 * (1 << 20), child.latestMetric("size").orElseThrow());
        }
    }

    @Test
    void measuringResources_failedRun_recordsUsageOnceAndKeepsTheStatus(@TempDir Path dir) {
        try (RunTracker tracker = RunTracker.inDirectory(dir).measuringResources()) {
            Run run = tracker.start("exp", "train");
            run.end(RunStatus.FAILED);
            run.end(RunStatus.FINISHED);
            RunRecord r = tracker.get(run.id());
            assertEquals(RunStatus.FAILED, r.status());
            assertEquals(1, r.metricHistory(ResourceUsage.PREFIX + "wall_nanos").size());
            assertTrue(tracker.measuringResources() == tracker, "measuring twice wraps once");
        }
    }
}
