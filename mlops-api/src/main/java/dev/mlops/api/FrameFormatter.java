package dev.mlops.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the head of a frame as an aligned text table, eliding middle columns of wide frames. */
final class FrameFormatter {
    private static final int MAX_COLUMNS = 12;
    private static final int MAX_CELL = 24;

    private FrameFormatter() {
    }

    static String format(Frame frame, int maxRows) {
        int rows = Math.min(Math.max(maxRows, 0), frame.rowCount());
        List<Integer> shown = new ArrayList<>();
        int n = frame.columnCount();
        boolean elided = n > MAX_COLUMNS;
        for (int c = 0; c < n; c++) {
            if (!elided || c < MAX_COLUMNS / 2 || c >= n - MAX_COLUMNS / 2) {
                shown.add(c);
            }
        }
        List<String[]> table = new ArrayList<>();
        String[] header = new String[shown.size() + 1];
        String[] types = new String[shown.size() + 1];
        header[0] = "";
        types[0] = "";
        for (int i = 0; i < shown.size(); i++) {
            Column c = frame.column(shown.get(i));
            header[i + 1] = cut(c.name());
            types[i + 1] = c.type().name().toLowerCase(Locale.ROOT);
        }
        table.add(header);
        table.add(types);
        for (int r = 0; r < rows; r++) {
            String[] line = new String[shown.size() + 1];
            line[0] = Integer.toString(r);
            for (int i = 0; i < shown.size(); i++) {
                line[i + 1] = cut(frame.column(shown.get(i)).format(r));
            }
            table.add(line);
        }
        int[] width = new int[shown.size() + 1];
        for (String[] line : table) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : table) {
            for (int i = 0; i < line.length; i++) {
                if (i > 0) {
                    out.append("  ");
                }
                if (elided && i == MAX_COLUMNS / 2 + 1) {
                    out.append(line == table.get(0) ? "..." : "   ").append("  ");
                }
                boolean rightAlign = i > 0 && frame.column(shown.get(i - 1)).type().isNumeric();
                pad(out, line[i], width[i], rightAlign || i == 0);
            }
            trimEnd(out);
            out.append('\n');
        }
        if (rows < frame.rowCount()) {
            out.append("...\n");
        }
        out.append('[').append(frame.rowCount()).append(" rows x ").append(n).append(" columns]");
        return out.toString();
    }

    private static String cut(String s) {
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
    }

    private static void pad(StringBuilder out, String s, int width, boolean right) {
        if (right) {
            out.append(" ".repeat(width - s.length())).append(s);
        } else {
            out.append(s).append(" ".repeat(width - s.length()));
        }
    }

    private static void trimEnd(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
