package dev.mlops.spark;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.api.Schema;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import dev.mlops.data.profile.Profiler;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftReport;
import dev.mlops.monitor.Window;
import dev.mlops.monitor.WindowReport;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Drift of a Dataset against a monitor's reference, one window per value of a key column (a day, say): each
 * partition profiles its rows per key, the per-key profiles are merged by key across partitions, and each merged
 * window is evaluated by the monitor exactly as a key window it had observed itself
 * ({@code WindowSpec.byKey(keyColumn)}). Keys are formatted as the SDK formats the key column's values, and the
 * windows come in the keys' sort order.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkDrift {
    private SparkDrift() {
    }

    /**
     * The drift report of a Dataset's windows by {@code keyColumn}, observed at {@code observedAt}, against the
     * monitor's reference, the windows profiled with {@code options} (use the monitor's profile options, for
     * results equal to the monitor's own). Only input drift: the monitor's label join, estimated performance and
     * reconstruction error see none of these rows.
     *
     * @throws IllegalArgumentException when the Dataset has no such column
     */
    public static DriftReport report(String title, Dataset<Row> data, String keyColumn, DriftMonitor monitor,
                                     ProfileOptions options, Instant observedAt) {
        List<WindowReport> reports = new ArrayList<>();
        List<Window> windows = windows(data, keyColumn, options, observedAt);
        for (Window w : windows) {
            reports.add(monitor.evaluate(w));
        }
        return new DriftReport(title, observedAt, monitor.reference(), monitor.predictionReference(),
                windows.isEmpty() ? Optional.empty() : Optional.of(windows.get(windows.size() - 1)), reports,
                List.of(), List.of(), monitor.labelStats());
    }

    /** The windows of a Dataset by key: each the merged profile of its rows, spanning {@code observedAt}. */
    public static List<Window> windows(Dataset<Row> data, String keyColumn, ProfileOptions options,
                                       Instant observedAt) {
        Schema schema = SparkSchemas.schemaOf(data);
        schema.indexOf(keyColumn); // names the columns when there is none of this name
        String schemaJson = schema.toJson();
        String optionsJson = Json.write(options);
        JavaPairRDD<String, String> perKey = data.javaRDD().mapPartitionsToPair(rows -> {
            Schema s = Schema.fromJson(schemaJson);
            ProfileOptions o = Json.read(optionsJson, ProfileOptions.class);
            Map<String, Profiler> profilers = new LinkedHashMap<>();
            RowFrames.chunks(rows, s, (frame, chunk) -> {
                Column key = frame.column(keyColumn);
                Map<String, List<Integer>> groups = new LinkedHashMap<>();
                for (int r = 0; r < frame.rowCount(); r++) {
                    groups.computeIfAbsent(key.isMissing(r) ? "(missing)" : key.format(r), k -> new ArrayList<>())
                            .add(r);
                }
                for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                    Frame part = groups.size() == 1 ? frame
                            : frame.rows(g.getValue().stream().mapToInt(Integer::intValue).toArray());
                    profilers.computeIfAbsent(g.getKey(), k -> Profiler.create(o)).add(part);
                }
            });
            List<Tuple2<String, String>> out = new ArrayList<>();
            profilers.forEach((k, p) -> out.add(new Tuple2<>(k, p.profile().toJson())));
            return out.iterator();
        });
        Map<String, String> merged = new TreeMap<>(perKey.reduceByKey(SparkProfiles::mergeJson).collectAsMap());
        List<Window> out = new ArrayList<>();
        merged.forEach((k, json) -> out.add(new Window(k, observedAt, observedAt, Profile.fromJson(json))));
        return out;
    }
}
