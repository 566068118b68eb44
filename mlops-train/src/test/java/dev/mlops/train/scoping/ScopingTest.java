package dev.mlops.train.scoping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.CsvSource;
import dev.mlops.train.TestFrames;
import dev.mlops.train.TrainingEvent;
import dev.mlops.train.scoping.ScopingReport.Kind;
import dev.mlops.train.scoping.ScopingReport.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopingTest {
    private static final Scoping SCOPING = Scoping.newBuilder().build();

    /** Issue 16: a notebook shows the report as a scoped fragment; the written page wraps the same fragment. */
    @Test
    void toHtml_isAScopedFragment_andThePageWrapsIt() {
        ScopingReport r = SCOPING.assess(KnownAnswers.singleThreshold(300, 4), "y");
        dev.mlops.api.HtmlRenderable renderable = r;
        String fragment = renderable.toHtml();
        assertTrue(fragment.startsWith("<div class=\"mlops\">"), fragment.substring(0, 40));
        assertTrue(!fragment.contains("<html") && !fragment.contains("<body") && fragment.contains(r.verdict().name()));
        assertTrue(r.toHtmlPage().startsWith("<!DOCTYPE html>") && r.toHtmlPage().contains(fragment));
        assertEquals(r.summary(), renderable.toText());
    }

    @Test
    void assess_singleThresholdTruth_ruleSufficesAndPrintsTheThreshold() {
        ScopingReport r = SCOPING.assess(KnownAnswers.singleThreshold(600, 1), "y");
        assertEquals(Verdict.RULE_SUFFICES, r.verdict(), r.summary());
        // the truth is x0 > 0.6: the best rule tests x0 near 0.6
        assertTrue(r.bestRuleText().contains("x0"), r.bestRuleText());
        assertTrue(r.data().leakageSuspects().isEmpty(), "8% label noise keeps x0 below the leakage threshold");
    }

    @Test
    void assess_pureNoise_findsNoSignal() {
        ScopingReport r = SCOPING.assess(KnownAnswers.pureNoise(400, 2), "y");
        assertEquals(Verdict.NO_SIGNAL, r.verdict(), r.summary());
    }

    @Test
    void assess_xorInteraction_mlHelps() {
        ScopingReport r = SCOPING.assess(KnownAnswers.xor(1000, 3), "y");
        assertEquals(Verdict.ML_HELPS, r.verdict(), r.summary());
        assertTrue(r.candidate("boosted trees").orElseThrow().mean() > 0.9, r.summary());
        assertTrue(r.candidate("tree depth 2").orElseThrow().mean() < 0.75, r.summary());
    }

    @Test
    void assess_learnableSetCutSmall_moreDataLikelyHelps() {
        ScopingReport r = SCOPING.assess(KnownAnswers.additive(100, 1), "y");
        assertEquals(Verdict.MORE_DATA_LIKELY_HELPS, r.verdict(), r.summary());
        assertEquals(3, r.curve().size());
        assertTrue(r.curve().get(0).trainRows() < r.curve().get(2).trainRows());
    }

    @Test
    void assess_sameSettingsOnAPool_givesTheSameScoresAsOnTheCallingThread() {
        Frame f = KnownAnswers.singleThreshold(300, 5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<TrainingEvent> events = Collections.synchronizedList(new ArrayList<>());
        try {
            ScopingReport parallel = Scoping.newBuilder().executor(pool).listener(events::add).build().assess(f, "y");
            ScopingReport serial = SCOPING.assess(f, "y");
            for (int c = 0; c < serial.candidates().size(); c++) {
                assertEquals(serial.candidates().get(c).foldScores(), parallel.candidates().get(c).foldScores());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(5, events.stream().filter(e -> e.phase() == TrainingEvent.Phase.FOLD && e.done() > 0).count());
        assertTrue(events.stream().anyMatch(e -> e.phase() == TrainingEvent.Phase.LEARNING_CURVE
                && e.done() == e.total()));
    }

    @Test
    void assess_dataProblems_areReportedAndLeftOutOfTheFeatures() {
        Frame base = KnownAnswers.singleThreshold(200, 7);
        int n = base.rowCount();
        long[] ids = new long[n];
        double[] constant = new double[n];
        double[] leak = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + i;
            constant[i] = 3;
            leak[i] = base.categorical("y").getString(i).equals("yes") ? 1 : 0;
        }
        Frame f = base.withColumn(LongColumn.of("id", ids)).withColumn(DoubleColumn.of("always3", constant))
                .withColumn(DoubleColumn.of("leak", leak));
        f = f.concat(f.rows(new int[] {0, 1, 2}));
        ScopingReport r = SCOPING.assess(f, "y");
        assertEquals(List.of("always3"), r.data().constantColumns());
        assertEquals(List.of("id"), r.data().identifierColumns(), "ids repeat only in the duplicated rows");
        assertEquals(3, r.data().duplicateRows());
        assertEquals(Map.of("leak", 1.0), r.data().leakageSuspects());
        assertFalse(r.data().features().contains("id"));
        assertTrue(r.summary().contains("LEAKAGE SUSPECTS"), r.summary());
    }

    @Test
    void assess_requirements_sayWhichCandidatesMeetThem() {
        ScopingSettings s = ScopingSettings.newBuilder()
                .requirements(Requirement.atLeast("roc_auc", 0.85), Requirement.atLeast("accuracy", 0.5),
                        Requirement.maxModelBytes(10_000), Requirement.maxP99Latency(Duration.ofSeconds(1)))
                .build();
        ScopingReport r = Scoping.newBuilder().settings(s).build().assess(KnownAnswers.singleThreshold(300, 1), "y");
        // every rule is tiny (its text), every Tribuo model is larger than 10 kB when saved
        List<String> meeting = r.candidatesMeetingRequirements();
        assertTrue(meeting.contains("tree depth 1"), r.summary());
        assertFalse(meeting.contains("logistic regression"), r.summary());
        ScopingReport.RequirementCheck accuracy = r.requirements().stream()
                .filter(c -> c.requirement().metric().equals("accuracy") && c.candidate().equals("tree depth 1"))
                .findFirst().orElseThrow();
        assertTrue(accuracy.measured() > 0.8 && accuracy.met(), r.summary());
        // 4 requirements x 6 rules and models
        assertEquals(24, r.requirements().size());
    }

    @Test
    void assess_credit_checksFairnessPopulationAndBiasInAFewSeconds() {
        Frame credit = TestFrames.credit();
        ScopingSettings s = ScopingSettings.newBuilder()
                .requirements(Requirement.atLeast("roc_auc", 0.75),
                        Requirement.minDisparateImpact("personal_status", "good", 0.8))
                .population("foreign_worker", Map.of("yes", 0.9, "no", 0.1))
                .biasBy("personal_status", "good").build();
        ScopingReport r = Scoping.newBuilder().settings(s).build().assess(credit, "class");
        assertEquals(1000, r.data().rows());
        assertEquals(Map.of("good", 700L, "bad", 300L), r.data().classCounts());
        assertEquals(1, r.representativeness().size());
        assertEquals("personal_status", r.bias().get(0).groupColumn());
        assertTrue(r.requirements().stream().anyMatch(c -> c.requirement().kind()
                == Requirement.Kind.MIN_DISPARATE_IMPACT && c.measured() > 0 && c.measured() <= 1), r.summary());
        assertTrue(r.candidate("logistic regression").orElseThrow().mean() > 0.7, r.summary());
        // the credit data has signal; whether the curve still rises at 800 rows is its own finding
        assertTrue(r.verdict() != Verdict.NO_SIGNAL, r.summary());
    }

    @Test
    void assess_numericLabel_isRegressionScoredByR2() throws Exception {
        Frame cpu = CsvSource.newBuilder(Path.of("../samples/src/main/resources/datasets/cpu.csv")).build().read();
        ScopingReport r = SCOPING.assess(cpu, "class");
        assertEquals("regression", r.task());
        assertEquals("r2", r.metric());
        assertTrue(r.data().classCounts().isEmpty());
        assertTrue(r.data().labelSpread().get("max") > r.data().labelSpread().get("min"));
        assertEquals(Kind.BASELINE, r.candidate("mean").orElseThrow().kind());
        assertTrue(r.candidate("mean").orElseThrow().mean() <= 0.05, r.summary());
        assertTrue(r.candidate("linear regression").orElseThrow().mean() > 0.5, r.summary());
        assertTrue(r.verdict() != Verdict.NO_SIGNAL, r.summary());
    }

    @Test
    void assess_unlabelledRows_areCountedAndLeftOut() {
        Frame f = KnownAnswers.singleThreshold(100, 3);
        String[] y = new String[f.rowCount()];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10 == 0 ? null : f.categorical("y").getString(i);
        }
        ScopingReport r = SCOPING.assess(f.drop("y").withColumn(CategoricalColumn.of("y", y)), "y");
        assertEquals(100, r.data().rows());
        assertEquals(90, r.data().labelledRows());
        assertEquals(0.1, r.data().missingShare().get("y"), 1e-12);
    }

    @Test
    void assess_tooFewRows_saysHowManyAreNeeded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SCOPING.assess(KnownAnswers.pureNoise(9, 1), "y"));
        assertTrue(e.getMessage().contains("at least 10 labelled rows"), e.getMessage());
    }

    @Test
    void toJson_fromJson_roundTripsTheReport(@TempDir Path dir) throws Exception {
        ScopingSettings s = ScopingSettings.newBuilder().requirements(Requirement.maxModelBytes(50_000))
                .biasBy("x1", "yes").build();
        Frame f = KnownAnswers.singleThreshold(120, 2);
        String[] groups = new String[f.rowCount()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i % 2 == 0 ? "a" : "b";
        }
        f = f.drop("x1").withColumn(CategoricalColumn.of("x1", groups));
        ScopingReport r = Scoping.newBuilder().settings(s).build().assess(f, "y");
        assertEquals(r, ScopingReport.fromJson(r.toJson()));
        r.writeJson(dir.resolve("scoping.json"));
        r.writeHtml(dir.resolve("scoping.html"));
        String html = Files.readString(dir.resolve("scoping.html"));
        assertTrue(html.contains(r.verdict().name()) && html.contains("Requirements") && html.contains("x1"));
        // namespaces (SVG, XLink, the chart library's) name no resource: only a src or href could load one
        assertFalse(html.contains("<script") || java.util.regex.Pattern.compile("(src|href)=['\"]https?:")
                .matcher(html).find(), "self-contained");
        assertEquals(2, html.split("<svg", -1).length - 1, "the candidates chart and the learning curve: " + html.length());
    }

    @Test
    void settings_roundTripThroughJson() {
        qt().forAll(longs().all(), integers().between(2, 20), doubles().between(0, 1), doubles().between(0.01, 1))
                .checkAssert((seed, folds, tolerance, leak) -> {
                    ScopingSettings s = ScopingSettings.newBuilder().seed(seed).folds(folds).tolerance(tolerance)
                            .leakageThreshold(leak).metric("accuracy")
                            .requirements(Requirement.atMost("log_loss", tolerance),
                                    Requirement.minDisparateImpact("sex", "good", 0.8))
                            .population("sex", Map.of("f", 0.5, "m", 0.5)).biasBy("sex", "good").build();
                    assertEquals(s, ScopingSettings.fromJson(s.toJson()));
                    assertEquals(s, s.toBuilder().build());
                });
    }

    @Test
    void build_badSettings_areRefusedWithTheSettingNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScopingSettings.newBuilder().folds(1).build())
                .getMessage().contains("2 folds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScopingSettings.newBuilder()
                .tolerance(Double.NaN).build()).getMessage().contains("tolerance"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Requirement.atLeast("", 1)).getMessage()
                .contains("metric name"));
    }
}
