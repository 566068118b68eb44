package dev.mlops.data.profile;

import static dev.mlops.api.HtmlRenderable.escape;
import static dev.mlops.api.HtmlRenderable.number;

import dev.mlops.api.HtmlRenderable;
import java.util.List;
import java.util.Locale;

/** Renders a profile as one HTML table, a row per column with a small histogram or the top values. */
final class ProfileHtml {
    private static final int SPARK_WIDTH = 140;
    private static final int SPARK_HEIGHT = 28;

    private ProfileHtml() {
    }

    static String html(Profile profile) {
        StringBuilder h = new StringBuilder("<h3>Profile</h3><div class=\"muted\">").append(profile.rowCount())
                .append(" rows, ").append(profile.columns().size()).append(" columns; quantiles from a KLL sketch,"
                        + " distinct counts from HLL</div><table><tr><th>column</th><th>type</th><th>missing</th>"
                        + "<th>distinct</th><th>mean</th><th>std dev</th><th>min</th><th>median</th><th>max</th>"
                        + "<th>distribution</th></tr>");
        for (ColumnProfile c : profile.columns().values()) {
            h.append("<tr><td>").append(escape(c.name())).append("</td><td class=\"muted\">")
                    .append(c.type().name().toLowerCase(Locale.ROOT)).append("</td><td class=\"num\">")
                    .append(c.missing()).append(c.missing() > 0 ? " (" + number(c.missingShare() * 100) + "%)" : "")
                    .append("</td><td class=\"num\">")
                    .append(c.distinct().map(d -> Long.toString(Math.round(d.estimate()))).orElse(""))
                    .append("</td>");
            Moments m = c.moments().orElse(null);
            double median = c.quantiles().map(q -> q.quantile(0.5)).orElse(Double.NaN);
            for (double v : m == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, median, Double.NaN}
                    : new double[] {m.mean(), m.stdDev(), m.min(), median, m.max()}) {
                h.append("<td class=\"num\">").append(Double.isNaN(v) ? "" : number(v)).append("</td>");
            }
            h.append("<td class=\"nowrap\">");
            if (c.quantiles().isPresent()) {
                c.histogram(profile.options().histogramBins()).ifPresent(hist -> spark(h, hist));
            } else {
                c.frequentItems().ifPresent(f -> topValues(h, f.items(), c.present()));
            }
            h.append("</td></tr>");
        }
        return HtmlRenderable.fragment(h.append("</table>").toString());
    }

    private static void spark(StringBuilder h, Histogram hist) {
        long[] counts = hist.counts();
        double[] edges = hist.edges();
        long max = 1;
        for (long n : counts) {
            max = Math.max(max, n);
        }
        double w = (double) SPARK_WIDTH / Math.max(1, counts.length);
        h.append("<svg width=\"").append(SPARK_WIDTH).append("\" height=\"").append(SPARK_HEIGHT)
                .append("\" role=\"img\" aria-label=\"histogram\"><rect class=\"barbg\" width=\"").append(SPARK_WIDTH)
                .append("\" height=\"").append(SPARK_HEIGHT).append("\"/>");
        for (int i = 0; i < counts.length; i++) {
            double bh = (double) SPARK_HEIGHT * counts[i] / max;
            h.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    + "height=\"%.1f\"><title>%s to %s: %d</title></rect>", i * w, SPARK_HEIGHT - bh,
                    Math.max(w - 0.5, 0.5), bh, number(edges[i]), number(edges[i + 1]), counts[i]));
        }
        h.append("</svg>");
    }

    private static void topValues(StringBuilder h, List<FrequentItems.ItemCount> items, long present) {
        for (int i = 0; i < Math.min(3, items.size()); i++) {
            FrequentItems.ItemCount item = items.get(i);
            h.append(i == 0 ? "" : "<br>").append(HtmlRenderable.bar(item.estimate(), Math.max(1, present), 60,
                    item.value() + ": " + item.estimate())).append(' ').append(escape(item.value()))
                    .append(" <span class=\"muted\">").append(item.estimate()).append("</span>");
        }
        if (items.size() > 3) {
            h.append("<br><span class=\"muted\">").append(items.size() - 3).append(" more values</span>");
        }
    }
}
