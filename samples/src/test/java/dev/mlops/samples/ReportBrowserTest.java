package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Frame;
import dev.mlops.api.HtmlRenderable;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.test.Datasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the main job's reports (data, model, scoping and drift reports) in headless Chromium: no console errors,
 * the key headings and numbers in the rendered page, every chart laid out with a non-zero size, and a screenshot
 * under {@code target/reports/} for a person to look at. Skips with a message when Chromium is absent; under
 * {@code CI=true} it must run.
 */
class ReportBrowserTest {
    static final Path OUT = Path.of("target", "reports");
    /** Appended to a copy of the page only: lists each SVG's laid-out size in an element the DOM dump shows. */
    static final String MEASURE = "<script>(function(){var s=[];document.querySelectorAll('svg').forEach(function(e)"
            + "{var b=e.getBoundingClientRect();s.push(Math.round(b.width)+'x'+Math.round(b.height));});"
            + "var p=document.createElement('pre');p.id='svg-sizes';p.textContent=s.join(' ');"
            + "document.body.appendChild(p);})();</script>";
    static Path chromium;
    static TrainStage.Result trained;
    static Frame test;
    static Frame train;

    @BeforeAll
    static void reports() throws IOException {
        chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        String install = "apt-get install -y chromium";
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(chromium != null, "Report browser test skipped: Chromium is absent (" + install
                    + " to run it; .ci/run does this with CI=true)");
        }
        assertTrue(chromium != null, "CI=true but Chromium is absent: the CI script must " + install);
        Files.createDirectories(OUT);
        TrainTestSplit split = VerifyStage.run(Datasets.credit(), OUT);
        FeatureStage.Result features = FeatureStage.run(split.train());
        test = split.test();
        train = split.train();
        trained = TrainStage.run(split.train(), test, features, OUT.resolve("runs"));
        TrainStage.writeReport(trained, features.ranking(), test, OUT);
    }

    @Test
    void modelReport_inChromium_showsEveryChartWithItsNumbers() throws Exception {
        String roc = "ROC curve (AUC " + HtmlRenderable.number(trained.evaluation().metrics().get("roc_auc")) + ")";
        Rendered page = render(OUT.resolve("model-report.html"));
        for (String text : List.of("German credit: model", roc, "Precision-recall (average precision",
                "Calibration (ECE", "Confusion matrix", "Learning curve", "by personal_status", "Feature ranking",
                "Tuning: 4 trials", "Release checks")) {
            assertTrue(page.dom.contains(HtmlRenderable.escape(text)), "the rendered model report shows " + text);
        }
        assertEquals(8, page.svgSizes.size(), "confusion, ROC, PR, calibration, learning curve, slices, ranking"
                + " and tuning: " + page.svgSizes);
    }

    @Test
    void dataReport_inChromium_showsItsSectionsAndHistograms() throws Exception {
        Rendered page = render(OUT.resolve("credit-report.html"));
        for (String text : List.of("German credit: verification", "Validation", "Label balance: class", "Profile",
                "credit_amount", "Drift")) {
            assertTrue(page.dom.contains(text), "the rendered data report shows " + text);
        }
        assertTrue(page.svgSizes.size() > 20, "a chart per column: " + page.svgSizes.size());
    }

    @Test
    void scopingReport_inChromium_showsTheVerdictAndItsCharts() throws Exception {
        dev.mlops.train.scoping.ScopingReport report = ScopingStage.run(Datasets.credit(), OUT);
        Rendered page = render(OUT.resolve("scoping.html"));
        for (String text : List.of("Scoping: does predicting", "Data available", "Does it need ML?", "Requirements",
                report.verdict().name(), "Candidates by " + report.metric())) {
            assertTrue(page.dom.contains(HtmlRenderable.escape(text)), "the rendered scoping report shows " + text);
        }
        assertEquals(report.curve().isEmpty() ? 1 : 2, page.svgSizes.size(), "the candidates chart and the learning"
                + " curve: " + page.svgSizes);
    }

    @Test
    void driftReport_inChromium_showsWindowsAndAChartPerFeature() throws Exception {
        Frame inputs = test.drop("class");
        Frame reference = train.drop("class");
        dev.mlops.monitor.DriftMonitor monitor = dev.mlops.monitor.DriftMonitor.against(reference)
                .windowRows(test.rowCount()).build();
        java.time.Instant t0 = java.time.Instant.parse("2026-03-02T08:00:00Z");
        monitor.observe(inputs, Frame.of(List.of()), t0);
        dev.mlops.api.Column amount = inputs.column("credit_amount");
        double[] doubled = java.util.Arrays.stream(inputs.doubles("credit_amount").toArray()).map(v -> v * 2).toArray();
        Frame shifted = inputs.drop("credit_amount").withColumn(amount instanceof dev.mlops.api.LongColumn
                ? dev.mlops.api.LongColumn.of("credit_amount", java.util.Arrays.stream(doubled).mapToLong(v -> (long) v)
                        .toArray())
                : dev.mlops.api.DoubleColumn.of("credit_amount", doubled)).select(inputs.columnNames());
        monitor.observe(shifted, Frame.of(List.of()), t0.plusSeconds(3600));
        dev.mlops.monitor.DriftReport.of("German credit: drift", monitor, t0).writeTo(OUT);
        Rendered page = render(OUT.resolve("drift-report.html"));
        for (String text : List.of("German credit: drift", "Latest window", "Reference and latest window",
                "Drift per window", "credit_amount: share of rows", "credit_amount: drifted in 1 of 2 windows")) {
            assertTrue(page.dom.contains(HtmlRenderable.escape(text)), "the rendered drift report shows " + text);
        }
        assertEquals(2 * inputs.columnCount(), page.svgSizes.size(), "a histogram and a timeline per feature: "
                + page.svgSizes.size());
    }

    record Rendered(String dom, List<String> svgSizes) {
    }

    /** Screenshots the page, then dumps the DOM of a measuring copy; fails on console errors or empty charts. */
    static Rendered render(Path page) throws IOException, InterruptedException {
        String name = page.getFileName().toString().replace(".html", "");
        Path shot = OUT.resolve(name + ".png").toAbsolutePath();
        Files.deleteIfExists(shot);
        run(List.of("--window-size=1280,3000", "--screenshot=" + shot, page.toUri().toString()));
        assertTrue(Files.size(shot) > 20_000, "the screenshot " + shot + " has content");

        Path copy = OUT.resolve(name + ".measure.html");
        Files.writeString(copy, Files.readString(page).replace("</body>", MEASURE + "</body>"));
        String[] out = run(List.of("--window-size=1280,2400", "--enable-logging=stderr", "--v=0", "--dump-dom",
                copy.toUri().toString()));
        List<String> errors = out[1].lines().filter(l -> l.contains("CONSOLE") || l.contains("Failed to load"))
                .toList();
        assertTrue(errors.isEmpty(), "console errors in " + page + ": " + errors);
        Matcher m = Pattern.compile("<pre id=\"svg-sizes\">([^<]*)</pre>").matcher(out[0]);
        assertTrue(m.find(), "the measuring script ran in " + copy);
        List<String> sizes = m.group(1).isBlank() ? List.of() : List.of(m.group(1).trim().split(" "));
        for (String size : sizes) {
            assertFalse(size.startsWith("0x") || size.endsWith("x0"), "a chart of " + page + " has no size: " + sizes);
        }
        return new Rendered(out[0], sizes);
    }

    /** Runs headless Chromium with a fresh profile and returns its stdout and stderr. */
    static String[] run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("mlops-chromium-");
        try {
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--user-data-dir=" + profile));
            command.addAll(args);
            Path stdout = profile.resolveSibling(profile.getFileName() + ".out");
            Path stderr = profile.resolveSibling(profile.getFileName() + ".err");
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            boolean done = p.waitFor(2, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            String[] out = {Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8)};
            Files.delete(stdout);
            Files.delete(stderr);
            assertTrue(done && p.exitValue() == 0, "chromium " + args + " failed:\n" + out[1]);
            return out;
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
