package dev.mlops.data.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.DataException;
import dev.mlops.api.DataSource;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Mergeable statistics of every column of a data set: the one profile type that validates data, is stored beside
 * a model as its reference, and summarises drift windows. Build one with {@link #of(Frame)}, batch by batch with a
 * {@link Profiler}, or per partition and {@link #merge(Profile)}. Its JSON form carries
 * {@code "formatVersion": 1} and the sketches as base64 of their compact bytes.
 *
 * <p>Immutable and thread-safe.
 */
public final class Profile implements dev.mlops.api.HtmlRenderable {
    /** The version of the JSON form this code writes. */
    public static final int FORMAT_VERSION = 1;
    private static final double[] SUMMARY_RANKS = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

    private final long rowCount;
    private final ProfileOptions options;
    private final Map<String, ColumnProfile> columns;

    Profile(long rowCount, ProfileOptions options, Map<String, ColumnProfile> columns) {
        this.rowCount = rowCount;
        this.options = options;
        this.columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The profile of a frame with the default options. */
    public static Profile of(Frame frame) {
        return of(frame, ProfileOptions.DEFAULTS);
    }

    /** The profile of a frame. */
    public static Profile of(Frame frame, ProfileOptions options) {
        Profiler p = Profiler.create(options);
        p.add(frame);
        return p.profile();
    }

    /** The profile of everything a source holds, read batch by batch so the data never needs to fit in memory. */
    public static Profile of(DataSource source, int rowsPerBatch, ProfileOptions options) {
        Profiler p = Profiler.create(options);
        try (FrameBatches batches = source.batches(rowsPerBatch)) {
            while (batches.hasNext()) {
                p.add(batches.next());
            }
        }
        return p.profile();
    }

    /**
     * The profile of a frame computed as {@code partitions} slices on an executor and merged: what one pass gives,
     * with counts and moments exact and sketches within their bounds.
     */
    public static Profile ofPartitions(Frame frame, int partitions, ProfileOptions options, Executor executor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        int n = frame.rowCount();
        List<CompletableFuture<Profile>> parts = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            int from = (int) ((long) n * i / partitions);
            int to = (int) ((long) n * (i + 1) / partitions);
            parts.add(CompletableFuture.supplyAsync(() -> of(frame.slice(from, to), options), executor));
        }
        Profile out = parts.get(0).join();
        for (int i = 1; i < parts.size(); i++) {
            out = out.merge(parts.get(i).join());
        }
        return out;
    }

    /** The number of rows profiled. */
    public long rowCount() {
        return rowCount;
    }

    /** The sketch sizes used. */
    public ProfileOptions options() {
        return options;
    }

    /** The column profiles, in column order. */
    public Map<String, ColumnProfile> columns() {
        return columns;
    }

    /**
     * The profile of one column.
     *
     * @throws IllegalArgumentException naming the profiled columns when there is none of this name
     */
    public ColumnProfile column(String name) {
        ColumnProfile c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("The profile has no column '" + name + "'; it has "
                    + columns.keySet());
        }
        return c;
    }

    /**
     * The profile of the rows of both: counts add, moments combine exactly, sketches merge.
     *
     * @throws IllegalArgumentException when the columns differ in name or type
     */
    public Profile merge(Profile other) {
        if (!columns.keySet().equals(other.columns.keySet())) {
            throw new IllegalArgumentException("Cannot merge profiles of different columns: " + columns.keySet()
                    + " and " + other.columns.keySet());
        }
        Map<String, ColumnProfile> out = new LinkedHashMap<>();
        for (ColumnProfile c : columns.values()) {
            out.put(c.name(), c.merge(other.columns.get(c.name())));
        }
        return new Profile(rowCount + other.rowCount, options, out);
    }

    /** The versioned JSON form: statistics, human-readable summaries and base64 sketches. */
    public String toJson() {
        return Json.write(toJsonTree());
    }

    /** The JSON form as a tree (for embedding in larger reports). */
    public ObjectNode toJsonTree() {
        ObjectMapper m = Json.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("rowCount", rowCount);
        root.set("options", m.valueToTree(options));
        ArrayNode cols = root.putArray("columns");
        for (ColumnProfile c : columns.values()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("type", c.type().name());
            o.put("count", c.count());
            o.put("missing", c.missing());
            if (c.type() == FieldType.BOOLEAN) {
                o.put("trueCount", c.trueCount());
            }
            c.moments().ifPresent(mo -> {
                ObjectNode n = o.putObject("moments");
                n.put("count", mo.count());
                putDouble(n, "mean", mo.mean());
                putDouble(n, "m2", mo.m2());
                putDouble(n, "variance", mo.variance());
                putDouble(n, "min", mo.min());
                putDouble(n, "max", mo.max());
                n.put("zeros", mo.zeros());
                n.put("infinite", mo.infinite());
            });
            c.quantiles().ifPresent(q -> {
                ObjectNode n = o.putObject("quantiles");
                n.put("k", q.k());
                n.put("n", q.n());
                n.put("rankError", q.rankError());
                if (q.sampleRate() < 1) {
                    // The sketch holds a sample: its rate, size and the extremes of every value (decision 114).
                    n.put("sampleRate", q.sampleRate());
                    n.put("sampleSize", q.sampleSize());
                    n.put("samplingError", q.samplingError());
                    putDouble(n, "min", q.min());
                    putDouble(n, "max", q.max());
                }
                ObjectNode s = n.putObject("summary");
                for (double r : SUMMARY_RANKS) {
                    putDouble(s, "p" + Math.round(r * 100), q.quantile(r));
                }
                n.put("sketch", q.toBase64());
                Histogram h = q.histogram(options.histogramBins());
                ObjectNode hn = o.putObject("histogram");
                ArrayNode e = hn.putArray("edges");
                for (double d : h.edges()) {
                    e.add(d);
                }
                ArrayNode cs = hn.putArray("counts");
                for (long cnt : h.counts()) {
                    cs.add(cnt);
                }
            });
            c.distinct().ifPresent(d -> {
                ObjectNode n = o.putObject("distinct");
                n.put("lgK", d.lgK());
                n.put("estimate", d.estimate());
                n.put("lower", d.lowerBound());
                n.put("upper", d.upperBound());
                n.put("sketch", d.toBase64());
            });
            c.frequentItems().ifPresent(f -> {
                ObjectNode n = o.putObject("frequentItems");
                n.put("maximumError", f.maximumError());
                ArrayNode items = n.putArray("items");
                for (FrequentItems.ItemCount ic : f.items()) {
                    ObjectNode i = items.addObject();
                    i.put("value", ic.value());
                    i.put("estimate", ic.estimate());
                    i.put("lower", ic.lower());
                    i.put("upper", ic.upper());
                }
                n.put("sketch", f.toBase64());
            });
        }
        return root;
    }

    /** A double as JSON: NaN ("none") as null, an infinite sum of squares as the text {@code "Infinity"}. */
    private static void putDouble(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else if (Double.isInfinite(v)) {
            n.put(key, v > 0 ? "Infinity" : "-Infinity");
        } else {
            n.putNull(key);
        }
    }

    private static double getDouble(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v != null && v.isTextual()) {
            return v.asText().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /**
     * A profile read from {@link #toJson()}. Summaries and histograms in the text are ignored: they are derived
     * from the stored moments and sketches again.
     *
     * @throws DataException when the text is not a profile or has a newer format version
     */
    public static Profile fromJson(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataException("Cannot read a Profile from JSON: " + e.getOriginalMessage()
                    + ". Check that the text was written by Profile.toJson().", e);
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new DataException("This profile has formatVersion " + version + " but this SDK reads version "
                    + FORMAT_VERSION + "; write it again with a matching version of the SDK.");
        }
        try {
            ProfileOptions options = Json.mapper().treeToValue(root.get("options"), ProfileOptions.class);
            Map<String, ColumnProfile> cols = new LinkedHashMap<>();
            for (JsonNode o : root.get("columns")) {
                String name = o.get("name").asText();
                FieldType type = FieldType.valueOf(o.get("type").asText());
                Moments mo = null;
                if (o.has("moments")) {
                    JsonNode n = o.get("moments");
                    mo = new Moments(n.get("count").asLong(), getDouble(n, "mean"), getDouble(n, "m2"),
                            getDouble(n, "min"), getDouble(n, "max"), n.path("zeros").asLong(0),
                            n.path("infinite").asLong(0)); // absent from profiles written before decision 080
                }
                QuantileSketch q = null;
                if (o.has("quantiles")) {
                    JsonNode n = o.get("quantiles");
                    q = n.has("sampleRate")
                            ? QuantileSketch.fromBase64(n.get("sketch").asText(), n.get("sampleRate").asDouble(),
                                    n.get("n").asLong(), getDouble(n, "min"), getDouble(n, "max"))
                            : QuantileSketch.fromBase64(n.get("sketch").asText());
                }
                DistinctCount d = o.has("distinct")
                        ? DistinctCount.fromBase64(o.get("distinct").get("sketch").asText()) : null;
                FrequentItems f = o.has("frequentItems")
                        ? FrequentItems.fromBase64(o.get("frequentItems").get("sketch").asText()) : null;
                cols.put(name, new ColumnProfile(name, type, o.get("count").asLong(), o.get("missing").asLong(), mo,
                        q, d, f, o.path("trueCount").asLong(0)));
            }
            return new Profile(root.get("rowCount").asLong(), options, cols);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataException("Cannot read a Profile from JSON: " + e.getMessage()
                    + ". Check that the text was written by Profile.toJson() and not edited by hand.", e);
        }
    }

    @Override
    public String toString() {
        return "Profile[" + rowCount + " rows, " + columns.values() + "]";
    }

    /** A row per column (type, missing, distinct, moments, median) with a small histogram or the top values. */
    @Override
    public String toHtml() {
        return ProfileHtml.html(this);
    }
}
