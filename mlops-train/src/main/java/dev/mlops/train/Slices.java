package dev.mlops.train;

import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.metrics.MetricMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Metric by slice: where the model does worse than overall. */
final class Slices {
    private Slices() {
    }

    /** The primary metric per group of each slice column (numbers cut into equal-frequency buckets). */
    static List<Evaluation.Slice> of(EvaluatorSettings settings, Frame test, Scored scored, double overall,
            double sign) {
        List<Evaluation.Slice> out = new ArrayList<>();
        for (String name : settings.sliceColumns()) {
            if (!test.hasColumn(name)) {
                throw new IllegalArgumentException("Cannot slice by '" + name + "': no such column; the columns are "
                        + test.columnNames());
            }
            Column c = test.column(name);
            Map<String, List<Integer>> groups = new TreeMap<>();
            if (c.type() == FieldType.NUMERIC || c.type() == FieldType.INTEGER) {
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c instanceof DoubleColumn d ? d.getDouble(i) : ((LongColumn) c).getDouble(i);
                }
                double[] sorted = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
                double[] edges = new double[settings.buckets() + 1];
                for (int b = 0; b <= settings.buckets(); b++) {
                    edges[b] = MetricMath.percentile(sorted, 100.0 * b / settings.buckets());
                }
                for (int i = 0; i < v.length; i++) {
                    String key;
                    if (Double.isNaN(v[i])) {
                        key = "NA";
                    } else {
                        int b = 0;
                        while (b < settings.buckets() - 1 && v[i] > edges[b + 1]) {
                            b++;
                        }
                        key = String.format(Locale.ROOT, "%d:[%s, %s]", b, fmt(edges[b]), fmt(edges[b + 1]));
                    }
                    groups.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
                }
            } else {
                for (int i = 0; i < c.size(); i++) {
                    groups.computeIfAbsent(c.format(i), x -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                int[] rows = g.getValue().stream().mapToInt(Integer::intValue).toArray();
                double value = scored.metrics(rows).get(settings.primaryMetric());
                String label = g.getKey().replaceFirst("^\\d+:", "");
                out.add(new Evaluation.Slice(name, label, rows.length, value, sign * (value - overall)));
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
