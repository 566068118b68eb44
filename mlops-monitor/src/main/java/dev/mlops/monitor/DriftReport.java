package dev.mlops.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.HtmlRenderable;
import dev.mlops.api.Json;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.FrequentItems;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.QuantileSketch;
import dev.mlops.data.report.Charts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a monitor has seen, as JSON and as one self-contained HTML page: per feature a chart of the reference
 * against the latest window (inline SVG, no external assets), the timeline of each feature's statistic over the
 * windows, and the measured and estimated performance per window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param title        the page title
 * @param created      when the report was made
 * @param reference    the reference profile
 * @param predictionReference the reference profile of the outputs, if any
 * @param latest       the latest closed window (its profile is charted), if any
 * @param windows      the reports of the closed windows, oldest first
 * @param measured     measured performance per window
 * @param estimated    estimated performance per window
 * @param labels       the label join counts
 */
public record DriftReport(String title, Instant created, Profile reference, Optional<Profile> predictionReference,
                          Optional<Window> latest,
                          List<WindowReport> windows, List<WindowPerformance> measured,
                          List<EstimatedPerformance> estimated, LabelStats labels) implements HtmlRenderable {

    private static final int BINS = 20;

    /** Copies the lists. */
    public DriftReport {
        windows = List.copyOf(windows);
        measured = List.copyOf(measured);
        estimated = List.copyOf(estimated);
    }

    /** The report of everything a monitor holds now. */
    public static DriftReport of(String title, DriftMonitor monitor, Instant created) {
        List<Window> ws = monitor.windows();
        return new DriftReport(title, created, monitor.reference(), monitor.predictionReference(),
                ws.isEmpty() ? Optional.empty() : Optional.of(ws.get(ws.size() - 1)), monitor.reports(),
                monitor.performance(), monitor.estimatedPerformance(), monitor.labelStats());
    }

    /** The report as JSON: every window's report, performance and label counts (the profiles are not repeated). */
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("title", title);
        root.put("created", created.toString());
        root.put("referenceRows", reference.rowCount());
        ArrayNode w = root.putArray("windows");
        windows.forEach(r -> w.add(r.toJsonTree()));
        root.set("measured", Json.mapper().valueToTree(measured));
        ArrayNode e = root.putArray("estimated");
        for (EstimatedPerformance p : estimated) {
            ObjectNode o = e.addObject();
            o.put("key", p.key());
            o.put("rows", p.rows());
            o.set("accuracy", Json.mapper().valueToTree(p.accuracy()));
            o.set("rocAuc", Json.mapper().valueToTree(p.rocAuc()));
            o.set("f1", Json.mapper().valueToTree(p.f1()));
        }
        root.set("labels", Json.mapper().valueToTree(labels));
        return Json.write(Json.mapper().valueToTree(root)).replace("NaN", "null");
    }

    /** Writes {@code drift-report.json} and {@code drift-report.html} into a directory (created if absent). */
    public void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("drift-report.json"), toJson(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("drift-report.html"), toHtmlPage(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the drift report to " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The report as an HTML fragment (the latest window's table, the charts, the timeline), for a notebook or a page
     * of one's own; its styles are scoped to {@code div.mlops}, as every {@link HtmlRenderable}'s are.
     */
    @Override
    public String toHtml() {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<style>div.mlops h1{font-size:22px}div.mlops h2{font-size:17px;margin-top:28px}"
                + "div.mlops .drift{color:#b00020;font-weight:600}div.mlops .undecided{color:#a66a00}"
                + "div.mlops .ok{color:#1b5e20}"
                + "div.mlops .card{display:inline-block;vertical-align:top;margin:8px 16px 8px 0}</style>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p>Created ").append(created).append(". Reference: ")
                .append(reference.rowCount()).append(" rows. Windows: ").append(windows.size()).append(".</p>\n");
        latest.ifPresent(w -> summary(h, w));
        timeline(h);
        performance(h);
        return HtmlRenderable.fragment(h.toString());
    }

    /** The report as one HTML page with inline SVG charts and CSS, readable offline (what {@link #writeTo} writes). */
    public String toHtmlPage() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title>\n<style>body{margin:24px}</style></head><body>\n" + toHtml() + "\n</body></html>\n";
    }

    /** A one-line summary for consoles beside the HTML. */
    @Override
    public String toText() {
        return title + ": " + windows.size() + " windows against " + reference.rowCount() + " reference rows";
    }

    private void summary(StringBuilder h, Window w) {
        WindowReport r = windows.get(windows.size() - 1);
        h.append("<h2>Latest window ").append(esc(r.key())).append("</h2>\n<p>").append(r.rows())
                .append(" rows; ").append(Math.round(r.driftedShare() * 100)).append("% of the input features drifted")
                .append(r.datasetDrift() ? " &mdash; <span class=\"drift\">dataset drift</span>" : "")
                .append(r.reconstruction().available() ? "; reconstruction error " + num(r.reconstruction().error())
                        + (r.reconstruction().drifted() ? " <span class=\"drift\">(multivariate drift)</span>" : "")
                        : "")
                .append(".</p>\n<table><tr><th>feature</th><th>method</th><th>statistic</th><th>bound</th>"
                        + "<th>p-value</th><th>threshold</th><th>verdict</th></tr>\n");
        for (FeatureDrift f : r.features()) {
            String cls = f.verdict() == Verdict.DRIFT ? "drift" : f.verdict() == Verdict.UNDECIDED ? "undecided" : "ok";
            h.append("<tr><td>").append(esc(f.column())).append(f.output() ? " (output)" : "").append("</td><td>")
                    .append(f.method()).append("</td><td>").append(num(f.statistic())).append("</td><td>[")
                    .append(num(f.statisticLower())).append(", ").append(num(f.statisticUpper())).append("]</td><td>")
                    .append(num(f.pValue())).append("</td><td>").append(num(f.threshold()))
                    .append(f.calibrated() ? " (calibrated)" : "").append("</td><td class=\"").append(cls)
                    .append("\">").append(f.verdict()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Reference and latest window</h2>\n");
        int charts = 0;
        for (FeatureDrift f : r.features()) {
            ColumnProfile ref = reference.columns().containsKey(f.column()) ? reference.columns().get(f.column())
                    : predictionReference.map(p -> p.columns().get(f.column())).orElse(null);
            ColumnProfile cur = w.profile().columns().get(f.column());
            if (ref != null && cur != null) {
                h.append("<div class=\"card\"><div><b>").append(esc(f.column())).append("</b> <span class=\"")
                        .append(f.drifted() ? "drift\">drifted" : "ok\">" + f.verdict().name().toLowerCase(Locale.ROOT))
                        .append("</span></div>").append(histogram("drift-hist-" + (charts++), f.column(), ref, cur))
                        .append("</div>\n");
            }
        }
    }

    /**
     * Reference and window shares side by side (JFreeChart): equal-width bins over both ranges, read from the
     * quantile sketches, or the most frequent labels.
     */
    private static String histogram(String id, String column, ColumnProfile ref, ColumnProfile cur) {
        List<String> labels = new ArrayList<>();
        List<double[]> shares = new ArrayList<>();
        if (ref.quantiles().isPresent() && cur.quantiles().isPresent() && !ref.quantiles().get().isEmpty()
                && !cur.quantiles().get().isEmpty()) {
            QuantileSketch a = ref.quantiles().get();
            QuantileSketch b = cur.quantiles().get();
            double lo = Math.min(a.min(), b.min());
            double hi = Math.max(a.max(), b.max());
            double[] splits = new double[BINS - 1];
            for (int i = 1; i < BINS; i++) {
                splits[i - 1] = lo + (hi - lo) * i / BINS;
            }
            double[] pa = a.pmf(splits);
            double[] pb = b.pmf(splits);
            for (int i = 0; i < BINS; i++) {
                labels.add(num(lo + (hi - lo) * i / BINS)); // the bin's lower edge
                shares.add(new double[] {pa[i], pb[i]});
            }
        } else {
            Map<String, double[]> counts = new LinkedHashMap<>();
            double ta = addCounts(ref, counts, 0);
            double tb = addCounts(cur, counts, 1);
            int n = 0;
            for (Map.Entry<String, double[]> e : counts.entrySet()) {
                if (n++ == 12) {
                    break;
                }
                labels.add(e.getKey());
                shares.add(new double[] {e.getValue()[0] / Math.max(ta, 1), e.getValue()[1] / Math.max(tb, 1)});
            }
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("reference", shares.stream().mapToDouble(x -> x[0]).toArray());
        series.put("window", shares.stream().mapToDouble(x -> x[1]).toArray());
        return Charts.groupedBars(id, column + ": share of rows", labels.size() == BINS ? "share of rows (bins by lower"
                + " edge)" : "share of rows", labels, series, 440, 280);
    }

    private static double addCounts(ColumnProfile c, Map<String, double[]> counts, int side) {
        double total = 0;
        if (c.frequentItems().isPresent()) {
            for (FrequentItems.ItemCount ic : c.frequentItems().get().items()) {
                counts.computeIfAbsent(ic.value(), k -> new double[2])[side] += ic.estimate();
                total += ic.estimate();
            }
        } else {
            counts.computeIfAbsent("true", k -> new double[2])[side] += c.trueCount();
            counts.computeIfAbsent("false", k -> new double[2])[side] += c.present() - c.trueCount();
            total = c.present();
        }
        return total;
    }

    /** One line chart per feature: its statistic across the windows, and the threshold where it is a distance. */
    private void timeline(StringBuilder h) {
        if (windows.isEmpty()) {
            return;
        }
        h.append("<h2>Drift per window</h2>\n");
        Map<String, List<FeatureDrift>> byFeature = new LinkedHashMap<>();
        for (WindowReport r : windows) {
            for (FeatureDrift f : r.features()) {
                byFeature.computeIfAbsent(f.column(), k -> new ArrayList<>()).add(f);
            }
        }
        int chart = 0;
        for (Map.Entry<String, List<FeatureDrift>> e : byFeature.entrySet()) {
            List<FeatureDrift> fs = e.getValue();
            double[] x = new double[fs.size()];
            double[] y = new double[fs.size()];
            int drifted = 0;
            for (int i = 0; i < fs.size(); i++) {
                x[i] = i + 1;
                y[i] = Double.isFinite(fs.get(i).statistic()) ? fs.get(i).statistic() : Double.NaN;
                drifted += fs.get(i).drifted() ? 1 : 0;
            }
            List<Charts.Line> lines = new ArrayList<>();
            lines.add(new Charts.Line(fs.get(0).method().toString().toLowerCase(Locale.ROOT), x, y, true));
            FeatureDrift last = fs.get(fs.size() - 1);
            if (!last.method().isTest() && Double.isFinite(last.threshold())) {
                double[] t = new double[fs.size()];
                java.util.Arrays.fill(t, last.threshold());
                lines.add(new Charts.Line("threshold", x, t, false));
            }
            h.append("<div class=\"card\">").append(Charts.lines("drift-line-" + (chart++), e.getKey() + ": drifted in "
                    + drifted + " of " + fs.size() + " windows", "window", "statistic", lines, null, false))
                    .append("</div>\n");
        }
    }

    private void performance(StringBuilder h) {
        if (measured.isEmpty() && estimated.isEmpty()) {
            return;
        }
        Map<String, EstimatedPerformance> est = new LinkedHashMap<>();
        estimated.forEach(e -> est.put(e.key(), e));
        Map<String, WindowPerformance> mea = new LinkedHashMap<>();
        measured.forEach(m -> mea.put(m.key(), m));
        List<String> keys = new ArrayList<>(est.keySet());
        mea.keySet().stream().filter(k -> !est.containsKey(k)).forEach(keys::add);
        h.append("<h2>Performance per window</h2>\n<p>Labels: ").append(labels.joined()).append(" joined, ")
                .append(labels.pending()).append(" pending, ").append(labels.expired()).append(" expired, ")
                .append(labels.unknown()).append(" unknown.</p>\n<table><tr><th>window</th><th>labelled</th>"
                        + "<th>measured accuracy</th><th>estimated accuracy (95% band)</th><th>measured ROC AUC</th>"
                        + "<th>estimated ROC AUC</th></tr>\n");
        for (String k : keys) {
            WindowPerformance m = mea.get(k);
            EstimatedPerformance e = est.get(k);
            h.append("<tr><td>").append(esc(k)).append("</td><td>").append(m == null ? "0" : m.labelled())
                    .append("</td><td>").append(m == null ? "" : num(m.accuracy())).append("</td><td>")
                    .append(e == null ? "" : band(e.accuracy())).append("</td><td>")
                    .append(m == null ? "" : num(m.rocAuc())).append("</td><td>")
                    .append(e == null ? "" : band(e.rocAuc())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String band(EstimatedPerformance.Band b) {
        return num(b.estimate()) + " [" + num(b.lower()) + ", " + num(b.upper()) + "]";
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "&ndash;";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
