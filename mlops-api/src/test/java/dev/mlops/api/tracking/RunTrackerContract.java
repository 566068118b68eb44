package dev.mlops.api.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.tracking.Run;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every run tracker store must do; each store's test extends it. */
abstract class RunTrackerContract {
    RunTracker tracker;
    /** A fresh experiment per test, so stores shared between runs (PostgreSQL) do not see other tests' runs. */
    String experiment;

    abstract RunTracker open();

    @BeforeEach
    void setUp() {
        tracker = open();
        experiment = "exp-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    @Test
    void run_everythingLogged_isReadBack() {
        String id;
        try (Run run = tracker.start(experiment, "train")) {
            id = run.id();
            run.logParams(Map.of("epochs", 5, "lr", 0.1)).setTag("stage", "train")
                    .logArtifact("model", "/tmp/model").logDataFingerprint("train", "sha256:abc")
                    .logMetric("loss", 0.9, 0).logMetric("loss", 0.5, 1).logMetric("nan", Double.NaN, 0);
            RunRecord live = tracker.get(id);
            assertEquals(RunStatus.RUNNING, live.status());
        }
        RunRecord r = tracker.get(id);
        assertEquals(experiment, r.experiment());
        assertEquals("train", r.name());
        assertEquals(RunStatus.FINISHED, r.status());
        assertEquals(Map.of("epochs", "5", "lr", "0.1"), r.params());
        assertEquals(Map.of("stage", "train"), r.tags());
        assertEquals(Map.of("model", "/tmp/model"), r.artifacts());
        assertEquals(Map.of("train", "sha256:abc"), r.dataFingerprints());
        assertEquals(2, r.metricHistory("loss").size());
        assertEquals(0.5, r.latestMetric("loss").getAsDouble());
        assertTrue(Double.isNaN(r.latestMetric("nan").getAsDouble()));
        assertTrue(r.endMillis() >= r.startMillis());
    }

    @Test
    void childRuns_areLinkedToTheirParent() {
        Run parent = tracker.start(experiment, "tune");
        Run a = parent.startChild("trial-0");
        Run b = parent.startChild("trial-1");
        a.end(RunStatus.FAILED);
        b.close();
        parent.close();
        List<RunRecord> children = tracker.children(parent.id());
        assertEquals(2, children.size());
        assertEquals(parent.id(), children.get(0).parentId());
        assertEquals(RunStatus.FAILED, tracker.get(a.id()).status());
    }

    @Test
    void search_filtersByParamAndMetric_ordersByMetric() {
        for (int i = 0; i < 6; i++) {
            try (Run r = tracker.start(experiment, "r" + i)) {
                r.logParam("algo", i % 2 == 0 ? "tree" : "linear").logMetric("acc", 0.5 + i / 20.0, 0);
            }
        }
        List<RunRecord> trees = tracker.search(RunQuery.all().experiment(experiment).param("algo", "tree")
                .orderBy("acc", true));
        assertEquals(List.of("r4", "r2", "r0"), trees.stream().map(RunRecord::name).toList());
        List<RunRecord> good = tracker.search(RunQuery.all().experiment(experiment)
                .metric("acc", RunQuery.Op.GE, 0.6).orderBy("acc", false).limit(2));
        assertEquals(List.of("r2", "r3"), good.stream().map(RunRecord::name).toList());
        assertTrue(tracker.search(RunQuery.all().experiment(experiment).param("algo", "svm")).isEmpty());
    }

    @Test
    void endedRun_rejectsMoreLogging() {
        Run r = tracker.start(experiment, "x");
        r.end(RunStatus.KILLED);
        r.end(RunStatus.FINISHED); // ending twice does nothing
        assertEquals(RunStatus.KILLED, tracker.get(r.id()).status());
        assertThrows(IllegalStateException.class, () -> r.logMetric("a", 1, 0));
    }

    @Test
    void find_unknownId_isEmpty() {
        assertFalse(tracker.find("no-such-run").isPresent());
        assertThrows(dev.mlops.api.MlopsException.class, () -> tracker.get("no-such-run"));
    }

    @Test
    void concurrentWriters_loseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Run parent = tracker.start(experiment, "parallel");
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                ids.add(pool.submit(() -> {
                    try (Run child = parent.startChild("c" + n)) {
                        for (int i = 0; i < 200; i++) {
                            child.logMetric("m", i, i);
                            parent.logMetric("shared", n, i);
                        }
                        child.logParam("n", String.valueOf(n));
                        return child.id();
                    }
                }));
            }
            for (Future<String> f : ids) {
                RunRecord r = tracker.get(f.get());
                assertEquals(200, r.metricHistory("m").size());
            }
        } finally {
            pool.shutdown();
        }
        parent.close();
        assertEquals(1600, tracker.get(parent.id()).metricHistory("shared").size());
        assertEquals(8, tracker.children(parent.id()).size());
    }

    @Test
    void close_twice_isHarmless() {
        tracker.close();
        tracker.close();
    }

    @Test
    void unicodeNamesAndValues_roundTrip() {
        String id;
        try (Run r = tracker.start(experiment, "prüfung \"ü\" ✓")) {
            id = r.id();
            r.logParam("größe", "日本語, \"quoted\"\nnewline").logMetric("métrique", 1.5, 0);
        }
        RunRecord back = tracker.get(id);
        assertEquals("prüfung \"ü\" ✓", back.name());
        assertEquals("日本語, \"quoted\"\nnewline", back.params().get("größe"));
        assertEquals(1.5, back.latestMetric("métrique").getAsDouble());
    }
}
