package dev.mlops.api;

import java.util.Locale;

/** Renders the head of a frame as an HTML table, eliding middle columns of wide frames like the text form. */
final class FrameHtml {
    private static final int MAX_COLUMNS = 20;

    private FrameHtml() {
    }

    static String html(Frame frame, int maxRows) {
        int rows = Math.min(Math.max(maxRows, 0), frame.rowCount());
        int n = frame.columnCount();
        boolean elided = n > MAX_COLUMNS;
        StringBuilder h = new StringBuilder("<table><tr><th></th>");
        for (int c = 0; c < n; c++) {
            if (shown(c, n, elided)) {
                Column col = frame.column(c);
                h.append("<th>").append(HtmlRenderable.escape(col.name())).append("<br><span class=\"muted\">")
                        .append(col.type().name().toLowerCase(Locale.ROOT)).append("</span></th>");
            } else if (c == MAX_COLUMNS / 2) {
                h.append("<th>…</th>");
            }
        }
        h.append("</tr>");
        for (int r = 0; r < rows; r++) {
            h.append("<tr><td class=\"num muted\">").append(r).append("</td>");
            for (int c = 0; c < n; c++) {
                if (shown(c, n, elided)) {
                    Column col = frame.column(c);
                    h.append(col.type().isNumeric() ? "<td class=\"num\">" : "<td>")
                            .append(HtmlRenderable.escape(col.format(r))).append("</td>");
                } else if (c == MAX_COLUMNS / 2) {
                    h.append("<td>…</td>");
                }
            }
            h.append("</tr>");
        }
        h.append("</table><div class=\"muted\">").append(rows < frame.rowCount() ? "first " + rows + " of " : "")
                .append(frame.rowCount()).append(" rows × ").append(n).append(" columns</div>");
        return HtmlRenderable.fragment(h.toString());
    }

    private static boolean shown(int c, int n, boolean elided) {
        return !elided || c < MAX_COLUMNS / 2 || c >= n - MAX_COLUMNS / 2;
    }
}
