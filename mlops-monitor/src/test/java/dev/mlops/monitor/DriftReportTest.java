package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftReportTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static DriftReport report;

    @BeforeAll
    static void monitor() {
        Frame ref = Samples.inputs(3000, 1, 0, 0);
        DriftMonitor m = DriftMonitor.against(ref).predictionReference(Samples.outputs(ref)).windowRows(500)
                .labels(DelayedLabelsTest.BINARY, Duration.ofHours(1), 10_000).build();
        for (int w = 0; w < 4; w++) {
            Frame in = Samples.inputs(500, 10 + w, w < 2 ? 0 : 1.2, w < 2 ? 0 : 0.25);
            m.observe(in, Samples.outputs(in), T0.plusSeconds(w));
        }
        report = DriftReport.of("Credit <monitor> & drift", m, T0);
    }

    @Test
    void json_carriesEveryWindowWithVerdictsAndBounds() throws Exception {
        JsonNode root = Json.mapper().readTree(report.toJson());
        assertEquals(4, root.get("windows").size());
        JsonNode last = root.get("windows").get(3);
        assertTrue(last.get("datasetDrift").asBoolean());
        JsonNode x = last.get("features").get(0);
        assertEquals("x", x.get("column").asText());
        assertEquals("DRIFT", x.get("verdict").asText());
        assertTrue(x.get("statisticLower").asDouble() <= x.get("statistic").asDouble());
        assertFalse(root.get("windows").get(0).get("datasetDrift").asBoolean());
    }

    @Test
    void html_isSelfContained_withAChartPerFeatureAndATimeline() {
        String html = report.toHtml();
        assertTrue(html.contains("Credit &lt;monitor&gt; &amp; drift"), "text is escaped");
        assertTrue(html.contains("dataset drift"));
        long charts = html.split("<svg", -1).length - 1;
        assertEquals(3 + 3, charts, "a histogram and a timeline for x, color and score");
        for (String external : List.of("<script", "<link", " src=", " href=")) {
            assertFalse(html.contains(external), "no external assets: " + external);
        }
        // the charts clip to paths defined in the page itself (url(#id)); nothing else is referenced
        assertFalse(java.util.regex.Pattern.compile("url\\((?!#)").matcher(html).find(), "no external url(...)");
        assertTrue(html.contains("x: share of rows") && html.contains("drifted in"), "the charts' titles");
    }

    /** Issue 16: a notebook shows the report as a fragment whose styles stay inside it; the written page wraps it. */
    @Test
    void toHtml_isAScopedFragment_andThePageWrapsIt() {
        dev.mlops.api.HtmlRenderable renderable = report;
        String fragment = renderable.toHtml();
        assertTrue(fragment.startsWith("<div class=\"mlops\">"), fragment.substring(0, 40));
        assertFalse(fragment.contains("<html") || fragment.contains("<body"), "a fragment, not a page");
        assertFalse(fragment.contains("}.drift") || fragment.contains(">.drift"), "every rule scoped to div.mlops");
        String page = report.toHtmlPage();
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains(fragment));
        assertTrue(renderable.toText().contains("windows"), renderable.toText());
    }

    /** Renders the page in headless Chromium: a non-empty screenshot, and the key text in the rendered page. */
    @Test
    void html_rendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        Optional<String> chromium = List.of("chromium", "chromium-browser", "google-chrome").stream()
                .filter(DriftReportTest::onPath).findFirst();
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install -y chromium); "
                + "skipping the rendering test of the drift report");
        report.writeTo(dir);
        Path html = dir.resolve("drift-report.html");
        Path png = dir.resolve("shot.png");
        List<String> base = List.of(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1200,1600");
        List<String> shot = new ArrayList<>(base);
        shot.add("--screenshot=" + png);
        shot.add(html.toUri().toString());
        run(shot, dir.resolve("shot.log"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertTrue(distinctColours(image) > 10, "the screenshot shows charts, not a blank page");
        List<String> dom = new ArrayList<>(base);
        dom.add("--dump-dom");
        dom.add(html.toUri().toString());
        Path out = dir.resolve("dom.html");
        run(dom, out);
        String rendered = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(rendered.contains("Latest window rows-3"), rendered.length() + " characters");
        assertTrue(rendered.contains("dataset drift"));
        assertTrue(rendered.contains("<svg"));
    }

    private static void run(List<String> command, Path output) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(new File(output + ".err")).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), Files.readString(Path.of(output + ".err")));
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
