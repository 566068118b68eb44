package dev.mlops.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import dev.mlops.data.profile.Profiler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts observed rows into windows per a {@link WindowSpec}: open panes accumulate a profile, closed panes become
 * {@link Window}s. Sliding windows are merges of step-sized panes, which is exact because profiles merge. The open
 * state snapshots to JSON and restores, so a partial window survives a restart.
 *
 * <p>Not thread-safe: the monitor calls it under its lock.
 */
final class Windower {
    static final int FORMAT_VERSION = 1;
    /**
     * Rows of small events gathered (as primitive column arrays, {@link RowGather}) before one profiler update:
     * one-row events would each pay the profiler's fixed cost per column.
     */
    static final int BATCH = 256;

    /**
     * The automatic window sampling (decision 114): row-count windows of at least {@code 2 * AUTO_SAMPLE} rows
     * sketch quantiles from a Bernoulli sample of about {@code AUTO_SAMPLE} to {@code 2 * AUTO_SAMPLE} values per
     * column, at a rate of a power of 1/2; smaller windows and time or key windows (whose size is not known when
     * they open) sketch every value.
     */
    static final int AUTO_SAMPLE = 1 << 15;

    private final WindowSpec spec;
    private final ProfileOptions options;
    private final double sampleRate;
    private final long seed;
    private final LinkedHashMap<String, Pane> open = new LinkedHashMap<>();
    /** Closed step panes of a sliding window, oldest first, at most size / step of them. */
    private final Deque<Window> recent = new ArrayDeque<>();
    private long countWindows;
    private long closedUntilMillis = Long.MIN_VALUE;
    private long lateRows;

    Windower(WindowSpec spec, ProfileOptions options) {
        this(spec, options, 1.0, 0);
    }

    /** Windows whose quantile sketches see a Bernoulli sample at {@code sampleRate}, drawn from {@code seed}. */
    Windower(WindowSpec spec, ProfileOptions options, double sampleRate, long seed) {
        this.spec = spec;
        this.options = options;
        this.sampleRate = sampleRate;
        this.seed = seed;
    }

    /** The sample rate {@link #AUTO_SAMPLE} gives windows of this spec. */
    static double autoSampleRate(WindowSpec spec) {
        if (spec.kind() != WindowSpec.Kind.ROWS || spec.rows() < 2 * AUTO_SAMPLE) {
            return 1.0;
        }
        int halvings = 31 - Integer.numberOfLeadingZeros(spec.rows() / AUTO_SAMPLE); // floor(log2(rows / S))
        return Math.scalb(1.0, -halvings);
    }

    double sampleRate() {
        return sampleRate;
    }

    WindowSpec spec() {
        return spec;
    }

    /** Rows of time windows that arrived after their window closed: counted, not profiled. */
    long lateRows() {
        return lateRows;
    }

    /** Rows in open windows. */
    long openRows() {
        long n = 0;
        for (Pane p : open.values()) {
            n += p.rows();
        }
        return n;
    }

    /**
     * Adds rows observed at {@code time}; returns the windows this closed. When {@code rowKeys} is given, it gets
     * the key of the window each row went to ({@code null} for a late row).
     */
    List<Window> add(Frame rows, Instant time, Instant now, String[] rowKeys) {
        List<Window> closed = new ArrayList<>();
        switch (spec.kind()) {
            case ROWS -> addByCount(rows, time, closed, rowKeys);
            case TUMBLING, SLIDING -> {
                long t = time.toEpochMilli();
                long start = Math.floorDiv(t, spec.stepMillis()) * spec.stepMillis();
                if (start + spec.stepMillis() <= closedUntilMillis) {
                    lateRows += rows.rowCount();
                } else {
                    String key = Instant.ofEpochMilli(start).toString();
                    if (rowKeys != null) {
                        java.util.Arrays.fill(rowKeys, key);
                    }
                    open.computeIfAbsent(key, k -> new Pane(k, Instant.ofEpochMilli(start),
                            Instant.ofEpochMilli(start + spec.stepMillis()), true)).add(rows, time);
                }
                closed.addAll(advance(now));
            }
            case KEY -> addByKey(rows, time, closed, rowKeys);
        }
        return closed;
    }

    private void addByCount(Frame rows, Instant time, List<Window> closed, String[] rowKeys) {
        int from = 0;
        while (from < rows.rowCount()) {
            Pane p = open.isEmpty() ? newCountPane() : open.values().iterator().next();
            int take = (int) Math.min(rows.rowCount() - from, spec.rows() - p.rows());
            p.add(from == 0 && take == rows.rowCount() ? rows : rows.slice(from, from + take), time);
            if (rowKeys != null) {
                java.util.Arrays.fill(rowKeys, from, from + take, p.key);
            }
            from += take;
            if (p.rows() >= spec.rows()) {
                open.remove(p.key);
                closed.add(p.toWindow());
            }
        }
    }

    private Pane newCountPane() {
        Pane p = new Pane("rows-" + countWindows++, null, null, false);
        open.put(p.key, p);
        return p;
    }

    private void addByKey(Frame rows, Instant time, List<Window> closed, String[] rowKeys) {
        if (!rows.hasColumn(spec.keyColumn())) {
            throw new IllegalArgumentException("Key windows need the column '" + spec.keyColumn()
                    + "' in the observed rows; they have " + rows.columnNames());
        }
        Column key = rows.column(spec.keyColumn());
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            String k = key.isMissing(r) ? "(missing)" : key.format(r);
            if (rowKeys != null) {
                rowKeys[r] = k;
            }
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            Frame part = groups.size() == 1 ? rows
                    : rows.rows(g.getValue().stream().mapToInt(Integer::intValue).toArray());
            Pane p = open.get(g.getKey());
            if (p == null) {
                p = new Pane(g.getKey(), null, null, false);
                open.put(p.key, p);
                while (open.size() > spec.openKeys()) {
                    Iterator<Pane> oldest = open.values().iterator();
                    closed.add(oldest.next().toWindow());
                    oldest.remove();
                }
            }
            p.add(part, time);
        }
    }

    /** Closes the time panes that ended at or before {@code now}; returns the windows they complete. */
    List<Window> advance(Instant now) {
        List<Window> closed = new ArrayList<>();
        if (spec.kind() != WindowSpec.Kind.TUMBLING && spec.kind() != WindowSpec.Kind.SLIDING) {
            return closed;
        }
        long nowMillis = now.toEpochMilli();
        List<Pane> ending = new ArrayList<>();
        for (Pane p : open.values()) {
            if (p.end.toEpochMilli() <= nowMillis) {
                ending.add(p);
            }
        }
        ending.sort((a, b) -> a.start.compareTo(b.start));
        for (Pane p : ending) {
            open.remove(p.key);
            closedUntilMillis = Math.max(closedUntilMillis, p.end.toEpochMilli());
            closed.add(complete(p.toWindow()));
        }
        return closed;
    }

    /** A closed step pane as the window it completes: itself when tumbling, the merge of the last size when sliding. */
    private Window complete(Window pane) {
        if (spec.kind() == WindowSpec.Kind.TUMBLING) {
            return pane;
        }
        recent.addLast(pane);
        long from = pane.end().toEpochMilli() - spec.sizeMillis();
        while (!recent.isEmpty() && recent.peekFirst().start().toEpochMilli() < from) {
            recent.removeFirst();
        }
        Profile merged = null;
        for (Window w : recent) {
            merged = merged == null ? w.profile() : merged.merge(w.profile());
        }
        return new Window(Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(from), pane.end(), merged);
    }

    /** Closes every open window (at shutdown, or to report a partial window). */
    List<Window> flush() {
        List<Window> closed = new ArrayList<>();
        for (Pane p : open.values()) {
            Window w = p.toWindow();
            closed.add(spec.kind() == WindowSpec.Kind.SLIDING ? complete(w) : w);
            if (p.end != null) {
                closedUntilMillis = Math.max(closedUntilMillis, p.end.toEpochMilli());
            }
        }
        open.clear();
        return closed;
    }

    /** The open windows as they stand, without closing them. */
    List<Window> openWindows() {
        List<Window> out = new ArrayList<>();
        for (Pane p : open.values()) {
            out.add(p.toWindow());
        }
        return out;
    }

    ObjectNode snapshot() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.putPOJO("spec", spec);
        root.put("sampleRate", sampleRate);
        root.put("countWindows", countWindows);
        root.put("closedUntilMillis", closedUntilMillis);
        root.put("lateRows", lateRows);
        ArrayNode o = root.putArray("open");
        for (Pane p : open.values()) {
            ObjectNode n = p.toWindow().toJsonTree();
            n.put("timeRange", p.timeRange);
            o.add(n);
        }
        ArrayNode r = root.putArray("recent");
        for (Window w : recent) {
            r.add(w.toJsonTree());
        }
        return root;
    }

    void restore(JsonNode root) {
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new DataException("This monitor snapshot has formatVersion " + version + " but this SDK reads "
                    + FORMAT_VERSION + "; take the snapshot again with a matching version of the SDK.");
        }
        WindowSpec saved = dev.mlops.api.Json.read(root.get("spec").toString(), WindowSpec.class);
        if (!saved.equals(spec)) {
            throw new IllegalArgumentException("The snapshot was taken with windows " + saved
                    + " but this monitor uses " + spec + "; restore it into a monitor with the same windows");
        }
        double savedRate = root.path("sampleRate").asDouble(1.0); // absent before decision 114: every value
        if (savedRate != sampleRate) {
            throw new IllegalArgumentException("The snapshot was taken with window sampling at rate " + savedRate
                    + " but this monitor samples at rate " + sampleRate + "; windows sampled at two rates cannot "
                    + "merge under one rank error, so restore it into a monitor with windowSampling(" + savedRate
                    + ")");
        }
        countWindows = root.get("countWindows").asLong();
        closedUntilMillis = root.get("closedUntilMillis").asLong();
        lateRows = root.get("lateRows").asLong();
        open.clear();
        for (JsonNode n : root.get("open")) {
            Window w = Window.fromJsonTree(n);
            boolean timeRange = n.path("timeRange").asBoolean();
            Pane p = new Pane(w.key(), timeRange ? w.start() : null, timeRange ? w.end() : null, timeRange);
            p.restored = w.profile();
            p.first = w.start();
            p.last = w.end();
            open.put(p.key, p);
        }
        recent.clear();
        for (JsonNode n : root.get("recent")) {
            recent.addLast(Window.fromJsonTree(n));
        }
    }

    /** One open window: a restored profile (after a restart) plus a live profiler. */
    private final class Pane {
        final String key;
        final Instant start;
        final Instant end;
        final boolean timeRange;
        Profile restored;
        Profiler live;
        final RowGather pending = new RowGather(BATCH);
        Instant first;
        Instant last;

        Pane(String key, Instant start, Instant end, boolean timeRange) {
            this.key = key;
            this.start = start;
            this.end = end;
            this.timeRange = timeRange;
        }

        void add(Frame rows, Instant time) {
            if (rows.rowCount() >= BATCH) {
                drain();
                profile(rows);
            } else {
                pending.add(rows);
                if (pending.rows() >= BATCH) {
                    drain();
                }
            }
            first = first == null || time.isBefore(first) ? time : first;
            last = last == null || time.isAfter(last) ? time : last;
        }

        /** Profiles the small frames gathered so far as one batch: one profiler update instead of one per event. */
        private void drain() {
            if (pending.rows() > 0) {
                profile(pending.drain());
            }
        }

        private void profile(Frame rows) {
            if (live == null) {
                // Each profiler draws its own stream: panes merged into one window must sample independently.
                long stream = seed ^ key.hashCode() * 0x9E37_79B9_7F4A_7C15L
                        ^ (restored == null ? 0 : restored.rowCount() + 1) * 0xC2B2_AE3D_27D4_EB4FL;
                live = sampleRate < 1 ? Profiler.create(options, sampleRate, stream) : Profiler.create(options);
            }
            live.add(rows);
        }

        long rows() {
            long profiled = (restored == null ? 0 : restored.rowCount()) + (live == null ? 0 : live.rowCount());
            return profiled + pending.rows();
        }

        Window toWindow() {
            drain();
            Profile p = live == null || live.rowCount() == 0 ? restored
                    : restored == null ? live.profile() : restored.merge(live.profile());
            return new Window(key, timeRange ? start : first, timeRange ? end : last, p);
        }
    }
}
