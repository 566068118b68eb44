package dev.mlops.data.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.FieldType;
import dev.mlops.api.HtmlRenderable;
import dev.mlops.api.Json;
import dev.mlops.data.drift.DriftReport;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.FrequentItems;
import dev.mlops.data.profile.Histogram;
import dev.mlops.data.profile.Moments;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.QuantileSketch;
import dev.mlops.data.quality.BiasReport;
import dev.mlops.data.quality.LabelBalance;
import dev.mlops.data.validate.ConstraintResult;
import dev.mlops.data.validate.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One report on a data set: its profile, validation, label balance and bias reports, as JSON or as a single
 * self-contained HTML page a person can open offline (inline CSS, inline SVG histograms, no scripts, no fonts).
 *
 * <pre>{@code
 * DataReport.newBuilder("credit-g").profile(profile).validation(report).bias(bias).build()
 *         .writeHtml(Path.of("target/credit-report.html"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DataReport {
    private static final double[] RANKS = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    private final String title;
    private final Profile profile;
    private final ValidationReport validation;
    private final LabelBalance balance;
    private final List<BiasReport> bias;
    private final DriftReport drift;
    private final Instant created;

    private DataReport(Builder b) {
        this.title = b.title;
        this.profile = b.profile;
        this.validation = b.validation;
        this.balance = b.balance;
        this.bias = List.copyOf(b.bias);
        this.drift = b.drift;
        this.created = b.created;
    }

    /** A builder for a report with this title. */
    public static Builder newBuilder(String title) {
        return new Builder(title);
    }

    /** The report as JSON: each part in its own JSON form under {@code profile}, {@code validation}, .... */
    public String toJson() {
        ObjectMapper m = Json.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("title", title);
        root.put("created", created.toString());
        try {
            if (profile != null) {
                root.set("profile", profile.toJsonTree());
            }
            if (validation != null) {
                root.set("validation", m.readTree(validation.toJson()));
            }
            if (balance != null) {
                root.set("labelBalance", m.readTree(balance.toJson()));
            }
            ArrayNode b = root.putArray("bias");
            for (BiasReport r : bias) {
                b.add(m.readTree(r.toJson()));
            }
            if (drift != null) {
                root.set("drift", m.readTree(drift.toJson()));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A report part wrote JSON it cannot read back", e);
        }
        return Json.write(root);
    }

    /** Writes {@link #toJson()} to a file (through a temporary file, then a rename). */
    public void writeJson(Path path) {
        write(path, toJson());
    }

    /** Writes {@link #toHtml()} to a file (through a temporary file, then a rename). */
    public void writeHtml(Path path) {
        write(path, toHtml());
    }

    private static void write(Path path, String text) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + path + ": " + e.getMessage(), e);
        }
    }

    /** The report as one self-contained HTML page. */
    public String toHtml() {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;"
                        + "color:#1f2328;background:#fff;max-width:1150px}")
                .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid "
                        + "#d0d7de;padding-bottom:4px}.muted{color:#656d76;font-size:12px}")
                .append("table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{border:1px solid #d0d7de;"
                        + "padding:3px 7px;text-align:left;vertical-align:top}th{background:#f6f8fa}")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".ok{color:#1a7f37;font-weight:600}.err{color:#cf222e;font-weight:600}"
                        + ".warn{color:#9a6700;font-weight:600}")
                .append(".cols{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #d0d7de;border-radius:6px;"
                        + "padding:10px;width:340px}.card h3{font-size:15px;margin:0 0 6px}")
                .append(".bar{fill:#0969da}.barbg{fill:#eef2f6}.tag{display:inline-block;background:#ddf4ff;"
                        + "border-radius:8px;padding:0 6px;font-size:11px;margin-left:6px}")
                .append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1><div class=\"muted\">Generated ").append(created)
                .append(" by mlops-java</div>\n");
        if (validation != null) {
            validationHtml(h);
        }
        if (balance != null) {
            balanceHtml(h);
        }
        for (BiasReport b : bias) {
            biasHtml(h, b);
        }
        if (profile != null) {
            profileHtml(h);
        }
        if (drift != null) {
            driftHtml(h);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private void validationHtml(StringBuilder h) {
        ValidationReport v = validation;
        h.append("<h2>Validation</h2><p>").append(v.rowCount()).append(" rows of ").append(esc(v.source()))
                .append(": <span class=\"").append(v.passed() ? "ok\">PASSED" : "err\">FAILED").append("</span>, ")
                .append(v.errors().size()).append(" errors, ").append(v.warnings().size()).append(" warnings, ")
                .append(v.results().size()).append(" constraints.</p>");
        List<ConstraintResult> failed = v.results().stream().filter(r -> !r.passed()).toList();
        List<ConstraintResult> passed = v.results().stream().filter(ConstraintResult::passed).toList();
        if (!failed.isEmpty()) {
            constraintTable(h, failed);
        }
        // Passed constraints fold away (HTML details, no script) so failures stay on top.
        h.append("<details><summary>").append(passed.size()).append(" passed constraints</summary>");
        constraintTable(h, passed);
        h.append("</details>\n");
    }

    private static void constraintTable(StringBuilder h, List<ConstraintResult> results) {
        h.append("<table><tr><th>status</th><th>constraint</th><th>severity</th><th>observed</th>"
                + "<th>failing rows</th><th>first failing rows</th></tr>");
        for (ConstraintResult r : results) {
            String cls = r.passed() ? "ok" : r.severity() == dev.mlops.data.validate.Severity.ERROR ? "err" : "warn";
            h.append("<tr><td class=\"").append(cls).append("\">").append(r.passed() ? "pass" : "FAIL")
                    .append("</td><td>").append(esc(r.name())).append("</td><td>").append(r.severity())
                    .append("</td><td>").append(esc(r.observed())).append("</td><td class=\"num\">")
                    .append(r.failingRows()).append("</td><td>");
            List<String> rows = new ArrayList<>();
            for (ConstraintResult.FailingRow fr : r.sample()) {
                String col = r.column();
                String val = col != null && fr.values().containsKey(col) ? " = " + fr.values().get(col) : "";
                rows.add("#" + fr.row() + val);
            }
            h.append(esc(String.join(", ", rows))).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private void balanceHtml(StringBuilder h) {
        h.append("<h2>Label balance: ").append(esc(balance.label())).append("</h2><table><tr><th>class</th>"
                + "<th>rows</th><th>share</th></tr>");
        balance.counts().forEach((k, n) -> h.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">")
                .append(n).append("</td><td class=\"num\">").append(fmt(balance.shares().get(k))).append("</td></tr>"));
        h.append("</table><p>Imbalance ratio ").append(fmt(balance.imbalanceRatio())).append(balance.warning()
                ? " <span class=\"warn\">minority share below " + fmt(balance.minMinorityShare()) + "</span>" : "")
                .append("</p>\n");
    }

    private static void biasHtml(StringBuilder h, BiasReport b) {
        h.append("<h2>Bias: ").append(esc(b.labelColumn())).append(" = ").append(esc(b.favourable()))
                .append(" by ").append(esc(b.groupColumn())).append("</h2><p class=\"muted\">Reference group ")
                .append(esc(b.referenceGroup())).append("; groups with disparate impact below ")
                .append(fmt(b.threshold())).append(" are flagged.</p><table><tr><th>group</th><th>rows</th>"
                        + "<th>favourable rate</th><th>parity difference</th><th>disparate impact</th><th></th></tr>");
        for (BiasReport.GroupRate g : b.groups()) {
            h.append("<tr><td>").append(esc(g.group())).append("</td><td class=\"num\">").append(g.count())
                    .append("</td><td class=\"num\">").append(fmt(g.rate())).append("</td><td class=\"num\">")
                    .append(fmt(g.parityDifference())).append("</td><td class=\"num\">")
                    .append(fmt(g.disparateImpact())).append("</td><td>")
                    .append(g.flagged() ? "<span class=\"err\">below 0.8</span>" : "").append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private void driftHtml(StringBuilder h) {
        h.append("<h2>Drift</h2><table><tr><th>column</th><th>PSI</th><th>KS</th><th>KS p</th><th>JS</th>"
                + "<th>chi²</th><th>chi² p</th><th>L∞</th></tr>");
        for (var c : drift.columns()) {
            h.append("<tr><td>").append(esc(c.column())).append("</td>");
            for (double v : new double[] {c.psi(), c.ksStatistic(), c.ksPValue(), c.jensenShannon(), c.chiSquared(),
                    c.chiSquaredPValue(), c.lInfinity()}) {
                h.append("<td class=\"num\">").append(Double.isNaN(v) ? "" : fmt(v)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private void profileHtml(StringBuilder h) {
        h.append("<h2>Profile</h2><p>").append(profile.rowCount()).append(" rows, ")
                .append(profile.columns().size()).append(" columns. Quantiles from a KLL sketch (k = ")
                .append(profile.options().quantileK()).append("), distinct counts from HLL (lgK = ")
                .append(profile.options().distinctLgK()).append(", bounds at 2 standard deviations).</p>")
                .append("<div class=\"cols\">\n");
        for (ColumnProfile c : profile.columns().values()) {
            columnCard(h, c);
        }
        h.append("</div>\n");
    }

    private void columnCard(StringBuilder h, ColumnProfile c) {
        boolean time = c.type() == FieldType.TIMESTAMP;
        h.append("<div class=\"card\"><h3>").append(esc(c.name())).append("<span class=\"tag\">").append(c.type())
                .append("</span></h3><table><tr><td>rows</td><td class=\"num\">").append(c.count())
                .append("</td></tr><tr><td>missing</td><td class=\"num\">").append(c.missing()).append(" (")
                .append(fmt(c.missingShare() * 100)).append("%)</td></tr>");
        c.distinct().ifPresent(d -> h.append("<tr><td>distinct</td><td class=\"num\">")
                .append(Math.round(d.estimate())).append(" [").append(Math.round(d.lowerBound())).append(", ")
                .append(Math.round(d.upperBound())).append("]</td></tr>"));
        if (c.type() == FieldType.BOOLEAN) {
            h.append("<tr><td>true</td><td class=\"num\">").append(c.trueCount()).append("</td></tr>");
        }
        c.moments().ifPresent(m -> momentsRows(h, m, time));
        h.append("</table>");
        c.quantiles().ifPresent(q -> {
            quantileRows(h, q, time);
            h.append(svg(q.histogram(profile.options().histogramBins()), time));
        });
        c.frequentItems().ifPresent(f -> itemsHtml(h, f, c.present()));
        h.append("</div>\n");
    }

    private static void momentsRows(StringBuilder h, Moments m, boolean time) {
        row(h, "mean", time ? instant(m.mean()) : fmt(m.mean()));
        row(h, "std dev", time ? fmt(m.stdDev() / 86_400_000.0) + " days" : fmt(m.stdDev()));
        row(h, "min", time ? instant(m.min()) : fmt(m.min()));
        row(h, "max", time ? instant(m.max()) : fmt(m.max()));
        row(h, "zeros", Long.toString(m.zeros()));
        if (m.infinite() > 0) {
            row(h, "infinite", Long.toString(m.infinite()));
        }
    }

    private static void quantileRows(StringBuilder h, QuantileSketch q, boolean time) {
        h.append("<table><tr>");
        for (double r : RANKS) {
            h.append("<th>p").append(Math.round(r * 100)).append("</th>");
        }
        h.append("</tr><tr>");
        for (double r : RANKS) {
            double v = q.quantile(r);
            h.append("<td class=\"num\">").append(time ? instant(v).substring(0, Math.min(10, instant(v).length()))
                    : fmt(v)).append("</td>");
        }
        h.append("</tr></table><div class=\"muted\">rank error ±").append(fmt(q.rankError() * 100))
                .append("% (99% confidence)</div>");
    }

    private static void itemsHtml(StringBuilder h, FrequentItems f, long present) {
        List<FrequentItems.ItemCount> items = f.items();
        h.append("<table><tr><th>top values</th><th>count</th><th></th></tr>");
        long max = items.isEmpty() ? 1 : Math.max(1, items.get(0).estimate());
        for (int i = 0; i < Math.min(10, items.size()); i++) {
            FrequentItems.ItemCount ic = items.get(i);
            int w = (int) Math.round(120.0 * ic.estimate() / max);
            h.append("<tr><td>").append(esc(ic.value())).append("</td><td class=\"num\">").append(ic.estimate())
                    .append(ic.upper() != ic.lower() ? " ±" + (ic.upper() - ic.lower()) : "")
                    .append("</td><td><svg width=\"122\" height=\"10\" role=\"img\"><rect class=\"bar\" width=\"")
                    .append(w).append("\" height=\"10\"/></svg></td></tr>");
        }
        h.append("</table>");
        if (items.size() > 10) {
            h.append("<div class=\"muted\">").append(items.size() - 10).append(" more frequent values</div>");
        }
        if (f.maximumError() > 0) {
            h.append("<div class=\"muted\">counts within ±").append(f.maximumError()).append("</div>");
        }
    }

    /** An inline SVG bar chart of a histogram. */
    static String svg(Histogram hist, boolean time) {
        long[] counts = hist.counts();
        double[] edges = hist.edges();
        if (counts.length == 0) {
            return "<div class=\"muted\">no values</div>";
        }
        int width = 330;
        int height = 90;
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        double bw = (double) width / counts.length;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height + 16).append("\" role=\"img\" aria-label=\"histogram\">");
        s.append("<rect class=\"barbg\" width=\"").append(width).append("\" height=\"").append(height).append("\"/>");
        for (int i = 0; i < counts.length; i++) {
            double bh = (double) height * counts[i] / max;
            s.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>(%s, %s]: %d"
                            + "</title></rect>", i * bw + 0.5, height - bh, Math.max(bw - 1, 0.5), bh,
                    esc(label(edges[i], time)), esc(label(edges[i + 1], time)), counts[i]));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"10\">%s</text>", height + 12,
                esc(label(edges[0], time))));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                width, height + 12, esc(label(edges[edges.length - 1], time))));
        s.append("</svg>");
        return s.toString();
    }

    private static String label(double v, boolean time) {
        return time ? instant(v).substring(0, Math.min(10, instant(v).length())) : fmt(v);
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><td>").append(k).append("</td><td class=\"num\">").append(esc(v)).append("</td></tr>");
    }

    private static String instant(double millis) {
        return Double.isFinite(millis) ? Instant.ofEpochMilli((long) millis).toString() : "";
    }

    static String fmt(double v) {
        return HtmlRenderable.number(v);
    }

    /** HTML-escapes text. */
    static String esc(String s) {
        return HtmlRenderable.escape(s);
    }

    /** Collects the parts of a report; each part is optional. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private Profile profile;
        private ValidationReport validation;
        private LabelBalance balance;
        private final List<BiasReport> bias = new ArrayList<>();
        private DriftReport drift;
        private Instant created = Instant.now();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** The profile of the data. */
        public Builder profile(Profile p) {
            this.profile = p;
            return this;
        }

        /** The validation report of the data. */
        public Builder validation(ValidationReport v) {
            this.validation = v;
            return this;
        }

        /** The label balance. */
        public Builder labelBalance(LabelBalance b) {
            this.balance = b;
            return this;
        }

        /** A bias report (may be called several times). */
        public Builder bias(BiasReport b) {
            this.bias.add(b);
            return this;
        }

        /** A drift report against a reference. */
        public Builder drift(DriftReport d) {
            this.drift = d;
            return this;
        }

        /** The creation time shown (default: now), for reproducible output. */
        public Builder created(Instant when) {
            this.created = Objects.requireNonNull(when);
            return this;
        }

        /**
         * The report.
         *
         * @throws IllegalStateException when no part was given
         */
        public DataReport build() {
            if (profile == null && validation == null && balance == null && bias.isEmpty() && drift == null) {
                throw new IllegalStateException("A report needs at least one part: a profile, a validation, a "
                        + "label balance, a bias or a drift report");
            }
            return new DataReport(this);
        }
    }
}
