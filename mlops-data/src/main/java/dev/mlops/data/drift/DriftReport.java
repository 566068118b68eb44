package dev.mlops.data.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Json;
import java.util.List;
import java.util.Optional;

/**
 * The distances of every column shared by a reference and a current data set.
 *
 * @param columns one entry per shared column, in the reference's order
 */
public record DriftReport(List<ColumnDrift> columns) {
    /** Copies the list. */
    public DriftReport {
        columns = List.copyOf(columns);
    }

    /** The entry of a column. */
    public Optional<ColumnDrift> column(String name) {
        return columns.stream().filter(c -> c.column().equals(name)).findFirst();
    }

    /** The report as JSON ({@code NaN} distances as null). */
    public String toJson() {
        var m = Json.mapper();
        var arr = m.createArrayNode();
        for (ColumnDrift c : columns) {
            ObjectNode o = arr.addObject();
            o.put("column", c.column());
            o.put("type", c.type().name());
            put(o, "psi", c.psi());
            put(o, "ksStatistic", c.ksStatistic());
            put(o, "ksPValue", c.ksPValue());
            put(o, "jensenShannon", c.jensenShannon());
            put(o, "chiSquared", c.chiSquared());
            put(o, "chiSquaredPValue", c.chiSquaredPValue());
            put(o, "lInfinity", c.lInfinity());
            o.put("approximate", c.approximate());
        }
        ObjectNode root = m.createObjectNode();
        root.set("columns", arr);
        return Json.write(root);
    }

    private static void put(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }
}
