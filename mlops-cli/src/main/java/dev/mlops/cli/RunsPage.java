package dev.mlops.cli;

import static dev.mlops.api.HtmlRenderable.escape;

import dev.mlops.api.tracking.RunRecord;
import dev.mlops.data.report.Charts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The HTML page of an experiment's runs: the runs table, a chart per metric over the runs, changed parameters. */
final class RunsPage {
    private RunsPage() {
    }

    static String html(String experiment, List<RunRecord> runs) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Runs of ")
                .append(escape(experiment)).append("</title><style>body{font-family:sans-serif;margin:24px;max-width:"
                        + "1200px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d0d7de;padding:"
                        + "3px 8px;font-size:13px}td.num{text-align:right}.changed{background:#fff8c5}</style></head>"
                        + "<body>\n<h1>Runs of ").append(escape(experiment)).append("</h1>\n<p>")
                .append(runs.size()).append(" runs, oldest first.</p>\n");
        TreeSet<String> metrics = new TreeSet<>();
        TreeSet<String> params = new TreeSet<>();
        List<Map<String, Double>> last = new ArrayList<>();
        for (RunRecord r : runs) {
            Map<String, Double> m = RunsCommand.lastMetrics(r);
            last.add(m);
            metrics.addAll(m.keySet());
            params.addAll(r.params().keySet());
        }
        h.append("<h2>Runs</h2><table><tr><th>#</th><th>run</th><th>name</th><th>status</th><th>started</th>");
        metrics.forEach(m -> h.append("<th>").append(escape(m)).append("</th>"));
        h.append("</tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            h.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>").append(escape(r.id()))
                    .append("</td><td>").append(escape(r.name())).append("</td><td>").append(r.status())
                    .append("</td><td>").append(Instant.ofEpochMilli(r.startMillis())).append("</td>");
            for (String m : metrics) {
                Double v = last.get(i).get(m);
                h.append("<td class=\"num\">").append(v == null ? "" : RunsCommand.format(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Metrics over the runs</h2>\n<div>");
        int chart = 0;
        for (String m : metrics) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                Double v = last.get(i).get(m);
                if (v != null && Double.isFinite(v)) {
                    points.add(new double[] {i + 1, v});
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            h.append(Charts.lines("runs-" + chart++, m + " over the runs", "run #", m,
                    List.of(new Charts.Line(m, x, y, true)), null, false));
        }
        h.append("</div>\n<h2>Parameters that changed</h2>\n");
        List<String> changed = params.stream().filter(p -> RunsCommand.differs(runs.stream()
                .map(r -> r.params().getOrDefault(p, "")).toList())).toList();
        if (changed.isEmpty()) {
            h.append("<p>Every run has the same parameters.</p>\n");
        } else {
            h.append("<table><tr><th>parameter</th>");
            for (int i = 0; i < runs.size(); i++) {
                h.append("<th>#").append(i + 1).append("</th>");
            }
            h.append("</tr>\n");
            for (String p : changed) {
                h.append("<tr class=\"changed\"><td>").append(escape(p)).append("</td>");
                runs.forEach(r -> h.append("<td>").append(escape(RunsCommand.abbreviate(r.params().getOrDefault(p,
                        "")))).append("</td>"));
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }
}
