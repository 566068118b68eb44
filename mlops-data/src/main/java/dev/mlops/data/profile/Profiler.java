package dev.mlops.data.profile;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.Schema;
import dev.mlops.api.TextColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Builds a {@link Profile} from frames given one at a time, so data larger than the heap can be profiled batch by
 * batch: each batch updates running moments and sketches and can then be dropped.
 *
 * <p>Hot path: numeric columns are copied in chunks into a primitive buffer and scanned twice per chunk (corrected
 * two-pass moments, then merged into the running moments with Chan et al.'s update); no value is boxed.
 *
 * <p>Not thread-safe: one thread feeds a profiler. Profile partitions in parallel with one profiler each and
 * {@link Profile#merge(Profile)}.
 */
public final class Profiler {
    private static final int CHUNK = 4096;

    private final ProfileOptions options;
    private final double sampleRate;
    private final long seed;
    private final double[] buffer = new double[CHUNK];
    private final double[] clean = new double[CHUNK];
    private Schema schema;
    private final List<Accumulator> accumulators = new ArrayList<>();
    private long rowCount;

    private Profiler(ProfileOptions options, double sampleRate, long seed) {
        this.options = options;
        this.sampleRate = sampleRate;
        this.seed = seed;
    }

    /** A profiler with the default options. */
    public static Profiler create() {
        return new Profiler(ProfileOptions.DEFAULTS, 1.0, 0);
    }

    /** A profiler with these options. */
    public static Profiler create(ProfileOptions options) {
        return new Profiler(java.util.Objects.requireNonNull(options, "options"), 1.0, 0);
    }

    /**
     * A profiler whose quantile sketches see a Bernoulli sample of each numeric column's finite values, each kept
     * with probability {@code quantileSampleRate}, drawn from {@code seed} (docs/decisions/114). Counts, missing
     * values, moments, minimum and maximum still cover every value; the sketches record the rate, and their
     * {@link QuantileSketch#rankError()} includes the sampling error. The sampler skips geometric gaps, so a
     * skipped value costs a copy, not a random draw.
     *
     * @param quantileSampleRate in (0, 1]; 1 sketches every value, as {@link #create(ProfileOptions)} does
     * @param seed the sampler's seed (each column draws from its own stream of it)
     */
    public static Profiler create(ProfileOptions options, double quantileSampleRate, long seed) {
        if (!(quantileSampleRate > 0 && quantileSampleRate <= 1)) {
            throw new IllegalArgumentException("quantileSampleRate must be in (0, 1], got " + quantileSampleRate);
        }
        return new Profiler(java.util.Objects.requireNonNull(options, "options"), quantileSampleRate, seed);
    }

    /**
     * Adds the rows of a batch.
     *
     * @throws IllegalArgumentException when the batch's column names or types differ from the first batch's
     */
    public Profiler add(Frame batch) {
        if (schema == null) {
            schema = batch.schema();
            for (Column c : batch.columns()) {
                accumulators.add(new Accumulator(c.name(), c.type(), options, sampleRate,
                        seed + 0x9E37_79B9_7F4A_7C15L * (accumulators.size() + 1)));
            }
        } else {
            checkSameColumns(batch.schema());
        }
        for (int i = 0; i < accumulators.size(); i++) {
            accumulators.get(i).add(batch.column(i), buffer, clean);
        }
        rowCount += batch.rowCount();
        return this;
    }

    private void checkSameColumns(Schema other) {
        if (other.size() != schema.size()) {
            throw new IllegalArgumentException("A batch has columns " + other.names() + " but the first had "
                    + schema.names() + "; every batch of a profile needs the same columns");
        }
        for (int i = 0; i < schema.size(); i++) {
            if (!schema.field(i).name().equals(other.field(i).name())
                    || schema.field(i).type() != other.field(i).type()) {
                throw new IllegalArgumentException("Column " + i + " of a batch is '" + other.field(i).name() + "' ("
                        + other.field(i).type() + ") but the first batch had '" + schema.field(i).name() + "' ("
                        + schema.field(i).type() + ")");
            }
        }
    }

    /** The number of rows added so far. */
    public long rowCount() {
        return rowCount;
    }

    /** A profile of the rows so far; the profiler can go on taking batches. */
    public Profile profile() {
        Map<String, ColumnProfile> out = new LinkedHashMap<>();
        for (Accumulator a : accumulators) {
            out.put(a.name, a.snapshot());
        }
        return new Profile(rowCount, options, out);
    }

    /** The HLL hash of the empty string, which DataSketches would otherwise ignore. */
    private static final long EMPTY_STRING_KEY = 0x5EED_E417_0000_0001L;

    static void updateDistinct(HllSketch hll, String s) {
        if (s.isEmpty()) {
            hll.update(EMPTY_STRING_KEY);
        } else {
            hll.update(s);
        }
    }

    /** Running statistics of one column. */
    private static final class Accumulator {
        final String name;
        final FieldType type;
        final int mapSize;
        long count;
        long missing;
        long trues;
        Moments moments;
        KllDoublesSketch kll;
        HllSketch hll;
        ItemsSketch<String> items;
        /** The sampler of the quantile sketch: null when every value goes in. */
        final java.util.SplittableRandom random;
        final double sampleRate;
        final double logKeepNot;
        /** Finite values still to skip before the next one the sketch samples. */
        long skip;
        /** Finite values the sketch stands for. */
        long population;

        Accumulator(String name, FieldType type, ProfileOptions o, double sampleRate, long seed) {
            this.name = name;
            this.type = type;
            this.mapSize = o.frequentItemsMapSize();
            this.sampleRate = sampleRate;
            this.random = sampleRate < 1 ? new java.util.SplittableRandom(seed) : null;
            this.logKeepNot = Math.log1p(-sampleRate);
            this.skip = random == null ? 0 : gap();
            switch (type) {
                case NUMERIC, INTEGER, TIMESTAMP -> {
                    moments = Moments.EMPTY;
                    kll = KllDoublesSketch.newHeapInstance(o.quantileK());
                    hll = o.numericDistinct() ? new HllSketch(o.distinctLgK()) : null;
                }
                case CATEGORICAL, TEXT -> {
                    hll = new HllSketch(o.distinctLgK());
                    items = new ItemsSketch<>(mapSize);
                }
                case BOOLEAN -> {
                }
            }
        }

        void add(Column column, double[] buffer, double[] clean) {
            count += column.size();
            missing += column.missingCount();
            if (column instanceof DoubleColumn d) {
                addDoubles(d, buffer, clean);
            } else if (column instanceof LongColumn l) {
                addLongs(l, buffer, clean);
            } else if (column instanceof CategoricalColumn c) {
                addCategorical(c);
            } else if (column instanceof TextColumn t) {
                for (int r = 0; r < t.size(); r++) {
                    String s = t.getString(r);
                    if (s != null) {
                        items.update(s);
                        updateDistinct(hll, s);
                    }
                }
            } else if (column instanceof BooleanColumn b) {
                trues += b.trueCount();
            }
        }

        private void addDoubles(DoubleColumn d, double[] buffer, double[] clean) {
            int n = d.size();
            for (int from = 0; from < n; from += CHUNK) {
                int len = Math.min(CHUNK, n - from);
                d.copyTo(from, buffer, 0, len);
                addChunk(buffer, len, clean);
            }
        }

        private void addLongs(LongColumn l, double[] buffer, double[] clean) {
            long[] values = l.toArray();
            boolean anyMissing = l.missingCount() > 0;
            int n = values.length;
            for (int from = 0; from < n; from += CHUNK) {
                int len = Math.min(CHUNK, n - from);
                for (int i = 0; i < len; i++) {
                    buffer[i] = anyMissing && l.isMissing(from + i) ? Double.NaN : (double) values[from + i];
                }
                if (hll != null) {
                    for (int i = 0; i < len; i++) {
                        if (!anyMissing || !l.isMissing(from + i)) {
                            hll.update(values[from + i]);
                        }
                    }
                }
                addChunk(buffer, len, clean, false);
            }
        }

        private void addChunk(double[] buffer, int len, double[] clean) {
            addChunk(buffer, len, clean, true);
        }

        /** Moments of the chunk (two passes over L1-resident data), then sketches of its finite values. */
        private void addChunk(double[] buffer, int len, double[] clean, boolean distinct) {
            int n = 0;
            long inf = 0;
            for (int i = 0; i < len; i++) {
                double v = buffer[i];
                if (v - v != 0) { // NaN or infinite
                    if (v == v) {
                        inf++;
                    }
                    continue;
                }
                clean[n++] = v;
            }
            moments = moments.merge(Moments.ofFinite(clean, n, inf));
            if (n == 0) {
                return;
            }
            population += n;
            // Distinct counts first: the sampler below compacts the kept values into the front of clean.
            if (distinct && hll != null) {
                for (int i = 0; i < n; i++) {
                    hll.update(clean[i]);
                }
            }
            if (random == null) {
                kll.update(clean, 0, n);
            } else {
                // Keep the value after each geometric gap: each kept independently with probability sampleRate.
                int kept = 0;
                long i = skip;
                while (i < n) {
                    clean[kept++] = clean[(int) i];
                    i += 1 + gap();
                }
                skip = i - n;
                if (kept > 0) {
                    kll.update(clean, 0, kept);
                }
            }
        }

        /** Failures before the next success of Bernoulli(sampleRate) trials: geometric, by inversion. */
        private long gap() {
            double u = random.nextDouble(); // [0, 1)
            double g = Math.floor(Math.log1p(-u) / logKeepNot);
            return g >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) g;
        }

        private void addCategorical(CategoricalColumn c) {
            // Count codes exactly per batch, then feed each label once with its count: cheap and lossless.
            List<String> dict = c.dictionary();
            int[] counts = c.codeCounts();
            for (int code = 0; code < counts.length; code++) {
                if (counts[code] > 0) {
                    String label = dict.get(code);
                    items.update(label, counts[code]);
                    updateDistinct(hll, label);
                }
            }
        }

        ColumnProfile snapshot() {
            return new ColumnProfile(name, type, count, missing, moments,
                    kll == null ? null : random == null ? new QuantileSketch(copy(kll))
                            : new QuantileSketch(copy(kll), sampleRate, population,
                                    moments.count() == 0 ? Double.NaN : moments.min(),
                                    moments.count() == 0 ? Double.NaN : moments.max()),
                    hll == null ? null : new DistinctCount(hll.copy()),
                    items == null ? null : new FrequentItems(copy(items)),
                    trues);
        }

        private static KllDoublesSketch copy(KllDoublesSketch s) {
            return KllDoublesSketch.heapify(org.apache.datasketches.memory.Memory.wrap(s.toByteArray()));
        }

        private ItemsSketch<String> copy(ItemsSketch<String> s) {
            ItemsSketch<String> out = new ItemsSketch<>(mapSize);
            out.merge(s);
            return out;
        }
    }
}
