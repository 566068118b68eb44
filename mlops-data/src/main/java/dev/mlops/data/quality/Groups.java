package dev.mlops.data.quality;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import java.util.Map;
import java.util.TreeMap;

/** Counting rows per value of a column; package-private. */
final class Groups {
    private Groups() {
    }

    /** The value of a row as text, null when missing. */
    static String key(Column c, int row) {
        if (c instanceof CategoricalColumn cat) {
            return cat.getString(row);
        }
        Object v = c.value(row);
        return v == null ? null : v.toString();
    }

    /** Row counts per present value, sorted by value. */
    static Map<String, Long> counts(Frame frame, String column) {
        Column c = frame.column(column);
        Map<String, Long> out = new TreeMap<>();
        for (int r = 0; r < c.size(); r++) {
            String k = key(c, r);
            if (k != null) {
                out.merge(k, 1L, Long::sum);
            }
        }
        return out;
    }
}
