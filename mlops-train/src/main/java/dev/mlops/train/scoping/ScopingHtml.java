package dev.mlops.train.scoping;

import dev.mlops.api.HtmlRenderable;

import dev.mlops.data.quality.BiasReport;
import dev.mlops.data.report.Charts;
import dev.mlops.data.quality.Representativeness;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link ScopingReport} as one HTML page with inline styles and no scripts. */
final class ScopingHtml {
    private ScopingHtml() {
    }

    /** The report as one self-contained page: the fragment in a document of its own. */
    static String page(ScopingReport r) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Scoping: " + esc(r.label())
                + "</title><style>body{margin:24px;max-width:1100px}</style></head><body>\n" + render(r)
                + "\n</body></html>\n";
    }

    /** The report as an HTML fragment, its styles scoped to {@code div.mlops} like every HtmlRenderable's. */
    static String render(ScopingReport r) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<style>div.mlops h1{font-size:20px}div.mlops h2{font-size:18px;border-bottom:1px solid #d0d7de;")
                .append("padding-bottom:4px}div.mlops pre{background:#f6f8fa;padding:8px}</style>\n");
        h.append("<h1>Scoping: does predicting '").append(esc(r.label())).append("' need machine learning?</h1>\n");
        h.append("<p class=\"").append(r.verdict() == ScopingReport.Verdict.NO_SIGNAL ? "err" : "ok").append("\">")
                .append(r.verdict()).append("</p><p>").append(esc(r.reason())).append("</p>\n");
        ScopingReport.DataSummary d = r.data();
        h.append("<h2>Data available</h2><table>");
        row(h, "rows", d.rows() + " (" + d.labelledRows() + " labelled)");
        row(h, "duplicate rows", String.valueOf(d.duplicateRows()));
        row(h, d.classCounts().isEmpty() ? "label spread" : "rows per class", String.valueOf(
                new java.util.TreeMap<>(d.classCounts().isEmpty() ? d.labelSpread() : d.classCounts())));
        row(h, "constant columns", String.valueOf(d.constantColumns()));
        row(h, "identifier-like columns", String.valueOf(d.identifierColumns()));
        row(h, "leakage suspects", String.valueOf(new java.util.TreeMap<>(d.leakageSuspects())));
        h.append("</table><table><tr><th>column</th><th>missing</th></tr>");
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(d.missingShare()).entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * e.getValue())).append("</td></tr>");
        }
        h.append("</table>\n<h2>Does it need ML? (").append(esc(r.metric())).append(", cross-validated)</h2>")
                .append("<table><tr><th>candidate</th><th>kind</th><th>mean</th><th>std</th><th>folds</th>")
                .append("<th>p99 latency (us)</th><th>size (bytes)</th></tr>");
        for (ScopingReport.CandidateScore c : r.candidates()) {
            h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(c.kind()).append("</td>")
                    .append(num(c.mean())).append(num(c.std())).append("<td>")
                    .append(c.foldScores().stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList())
                    .append("</td>").append(num(c.p99LatencyMicros())).append("<td class=\"num\">")
                    .append(c.sizeBytes()).append("</td></tr>");
        }
        h.append("</table>");
        List<ScopingReport.CandidateScore> cs = r.candidates();
        int best = 0;
        for (int i = 1; i < cs.size(); i++) {
            if (cs.get(i).mean() > cs.get(best).mean()) {
                best = i;
            }
        }
        h.append("<div>").append(Charts.meanAndSpread("scoping-candidates", "Candidates by "
                        + r.metric() + " (cross-validated)", "candidate", r.metric(),
                cs.stream().map(ScopingReport.CandidateScore::name).toList(),
                cs.stream().mapToDouble(ScopingReport.CandidateScore::mean).toArray(),
                cs.stream().mapToDouble(c -> Double.isNaN(c.std()) ? 0 : c.std()).toArray(), best));
        if (!r.curve().isEmpty()) {
            double[] rows = r.curve().stream().mapToDouble(ScopingReport.CurvePoint::trainRows).toArray();
            h.append(Charts.lines("scoping-curve", "Learning curve of " + r.curve().get(0).candidate(),
                    "training rows", r.metric(), List.of(new Charts.Line("cross-validated mean", rows,
                            r.curve().stream().mapToDouble(ScopingReport.CurvePoint::mean).toArray(), true)),
                    null, false));
        }
        h.append("</div>");
        if (!r.curve().isEmpty()) {
            h.append("<p>Learning curve of ").append(esc(r.curve().get(0).candidate())).append(":</p><table>")
                    .append("<tr><th>train rows</th><th>mean</th><th>std</th></tr>");
            for (ScopingReport.CurvePoint p : r.curve()) {
                h.append("<tr><td class=\"num\">").append(p.trainRows()).append("</td>").append(num(p.mean()))
                        .append(num(p.std())).append("</tr>");
            }
            h.append("</table>");
        }
        h.append("<p>Best rule (").append(esc(r.bestRule())).append("):</p><pre>").append(esc(r.bestRuleText()))
                .append("</pre>\n");
        if (!r.requirements().isEmpty()) {
            h.append("<h2>Requirements</h2><table><tr><th>requirement</th><th>candidate</th><th>measured</th>")
                    .append("<th>met</th></tr>");
            for (ScopingReport.RequirementCheck c : r.requirements()) {
                h.append("<tr><td>").append(esc(c.requirement().describe())).append("</td><td>")
                        .append(esc(c.candidate())).append("</td>").append(num(c.measured())).append("<td class=\"")
                        .append(c.met() ? "ok\">met" : "err\">not met").append("</td></tr>");
            }
            h.append("</table>");
        }
        if (!r.representativeness().isEmpty() || !r.bias().isEmpty()) {
            h.append("<h2>Fit for the real world</h2>");
        }
        for (Representativeness p : r.representativeness()) {
            h.append("<p>Representativeness of ").append(esc(p.column())).append(String.format(Locale.ROOT,
                    ": chi-squared %.2f, p=%.3g", p.chiSquared(), p.pValue())).append("</p><table><tr><th>group</th>")
                    .append("<th>rows</th><th>expected share</th></tr>");
            p.observed().forEach((g, n) -> h.append("<tr><td>").append(esc(g)).append("</td><td class=\"num\">")
                    .append(n).append("</td>").append(num(p.expectedShares().get(g))).append("</tr>"));
            h.append("</table>");
        }
        for (BiasReport b : r.bias()) {
            h.append("<p>Rate of '").append(esc(b.favourable())).append("' by ").append(esc(b.groupColumn()))
                    .append(" (reference ").append(esc(b.referenceGroup())).append(")</p><table><tr><th>group</th>")
                    .append("<th>rows</th><th>rate</th><th>disparate impact</th></tr>");
            for (BiasReport.GroupRate g : b.groups()) {
                h.append("<tr><td>").append(esc(g.group())).append("</td><td class=\"num\">").append(g.count())
                        .append("</td>").append(num(g.rate())).append("<td class=\"num ")
                        .append(g.flagged() ? "err" : "ok").append("\">")
                        .append(String.format(Locale.ROOT, "%.3f", g.disparateImpact())).append("</td></tr>");
            }
            h.append("</table>");
        }
        return HtmlRenderable.fragment(h.toString());
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "<td class=\"num\">%.4g</td>", v);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
