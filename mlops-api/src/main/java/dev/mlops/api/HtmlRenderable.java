package dev.mlops.api;

/**
 * A value that shows itself as an HTML fragment (tables, inline SVG charts; no scripts, no external assets), for
 * notebooks and reports, beside a plain-text form ({@link #toText()}). A notebook kernel's display adapter
 * (module {@code mlops-notebook}) sends both as one MIME bundle; the library modules never depend on a kernel.
 *
 * <p>The fragment starts with {@link #STYLE}, so it looks the same wherever it lands, and every rule is scoped to
 * {@code div.mlops} so it does not restyle the page around it (alignment is {@code !important}: notebook front ends
 * right-align every table cell).
 */
@FunctionalInterface
public interface HtmlRenderable {

    /** The shared stylesheet of every fragment, scoped to elements inside {@code <div class="mlops">}. */
    String STYLE = "<style>div.mlops{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
            + "color:#1f2328;font-size:13px}div.mlops table{border-collapse:collapse;margin:6px 0}"
            + "div.mlops td,div.mlops th{border:1px solid #d0d7de;padding:2px 7px;text-align:left !important;"
            + "vertical-align:top}"
            + "div.mlops th{background:#f6f8fa}div.mlops td.num{text-align:right !important;"
            + "font-variant-numeric:tabular-nums}"
            + "div.mlops td.nowrap{white-space:nowrap}div.mlops h3{font-size:15px;margin:10px 0 4px}"
            + "div.mlops h4{font-size:13px;margin:8px 0 2px}div.mlops .muted{color:#656d76;font-size:12px}"
            + "div.mlops .ok{color:#1a7f37;font-weight:600}div.mlops .err{color:#cf222e;font-weight:600}"
            + "div.mlops .warn{color:#9a6700;font-weight:600}div.mlops .bar{fill:#0969da}"
            + "div.mlops .barbg{fill:#eef2f6}div.mlops .charts{display:flex;flex-wrap:wrap;gap:8px}</style>";

    /** This value as a self-contained HTML fragment: {@link #fragment(String)} around its tables and charts. */
    String toHtml();

    /** The plain-text form sent beside the HTML (for consoles and text-only viewers); {@code toString()} unless a
     * type has a better summary. */
    default String toText() {
        return toString();
    }

    /** Wraps body HTML in the scoped {@code <div class="mlops">} with {@link #STYLE}. */
    static String fragment(String body) {
        return "<div class=\"mlops\">" + STYLE + body + "</div>";
    }

    /** Escapes text for HTML element content and attribute values ({@code null} becomes empty). */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** A number for people: integers as integers, four significant digits, scientific when tiny or huge. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e7)) {
            return String.format(java.util.Locale.ROOT, "%.3e", v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    /**
     * An inline SVG bar of {@code value} out of {@code max}, {@code width} pixels at full length, with a tooltip.
     */
    static String bar(double value, double max, int width, String tooltip) {
        double share = max > 0 && Double.isFinite(value) ? Math.max(0, Math.min(1, value / max)) : 0;
        return String.format(java.util.Locale.ROOT, "<svg width=\"%d\" height=\"10\" role=\"img\"><rect class=\"barbg\""
                + " width=\"%d\" height=\"10\"/><rect class=\"bar\" width=\"%.1f\" height=\"10\"><title>%s</title>"
                + "</rect></svg>", width, width, share * width, escape(tooltip));
    }
}
