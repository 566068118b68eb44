package dev.mlops.data.drift;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.FrequentItems;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.QuantileSketch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Train/serve skew and drift between two frames (exact, from raw values) or two profiles (from sketches, as the
 * drift monitor does). Numeric columns get PSI, KS and Jensen-Shannon over {@code bins} reference-quantile bins;
 * categorical, boolean and text columns get chi-squared, Jensen-Shannon and L-infinity.
 * Stateless and thread-safe.
 */
public final class Drift {
    /** The default number of reference-quantile bins. */
    public static final int DEFAULT_BINS = 10;
    private static final double NAN = Double.NaN;

    private Drift() {
    }

    /** The drift of every column the two frames share, with {@value #DEFAULT_BINS} bins. */
    public static DriftReport compare(Frame reference, Frame current) {
        return compare(reference, current, DEFAULT_BINS);
    }

    /** The drift of every column the two frames share. */
    public static DriftReport compare(Frame reference, Frame current, int bins) {
        List<ColumnDrift> out = new ArrayList<>();
        for (Column r : reference.columns()) {
            if (!current.hasColumn(r.name()) || current.column(r.name()).type() != r.type()) {
                continue;
            }
            Column c = current.column(r.name());
            if (isNumeric(r.type())) {
                double[] a = values(r);
                double[] b = values(c);
                Distances.TestResult ks = Distances.ks(a, b);
                out.add(new ColumnDrift(r.name(), r.type(), Distances.psi(a, b, bins), ks.statistic(), ks.pValue(),
                        Distances.jensenShannon(a, b, bins), NAN, NAN, NAN, false));
            } else {
                Map<String, long[]> counts = new LinkedHashMap<>();
                count(r, counts, 0);
                count(c, counts, 1);
                out.add(categorical(r.name(), r.type(), counts, false));
            }
        }
        return new DriftReport(out);
    }

    /**
     * The drift of every column two profiles share, from their sketches: numeric distances within the sketches'
     * rank errors, category counts exact while the frequent-items sketches are.
     */
    public static DriftReport compare(Profile reference, Profile current, int bins) {
        List<ColumnDrift> out = new ArrayList<>();
        for (ColumnProfile r : reference.columns().values()) {
            ColumnProfile c = current.columns().get(r.name());
            if (c == null || c.type() != r.type()) {
                continue;
            }
            if (r.quantiles().isPresent() && c.quantiles().isPresent()) {
                QuantileSketch qa = r.quantiles().get();
                QuantileSketch qb = c.quantiles().get();
                if (qa.isEmpty() || qb.isEmpty()) {
                    out.add(new ColumnDrift(r.name(), r.type(), NAN, NAN, NAN, NAN, NAN, NAN, NAN, true));
                    continue;
                }
                TreeSet<Double> cuts = new TreeSet<>();
                for (int i = 1; i < bins; i++) {
                    cuts.add(qa.quantile((double) i / bins));
                }
                double[] edges = cuts.stream().mapToDouble(Double::doubleValue).toArray();
                double[] pa = qa.pmf(edges);
                double[] pb = qb.pmf(edges);
                // KS over a grid of both sketches' quantiles.
                TreeSet<Double> grid = new TreeSet<>();
                for (int i = 0; i <= 200; i++) {
                    grid.add(qa.quantile(i / 200.0));
                    grid.add(qb.quantile(i / 200.0));
                }
                double d = 0;
                for (double x : grid) {
                    d = Math.max(d, Math.abs(qa.rank(x) - qb.rank(x)));
                }
                out.add(new ColumnDrift(r.name(), r.type(), Distances.psiFromShares(pa, pb), d,
                        Distances.ksPValue(d, qa.n(), qb.n()), Distances.jensenShannon(pa, pb), NAN, NAN, NAN,
                        true));
            } else if (r.frequentItems().isPresent() && c.frequentItems().isPresent()) {
                Map<String, long[]> counts = new LinkedHashMap<>();
                addItems(r.frequentItems().get(), counts, 0);
                addItems(c.frequentItems().get(), counts, 1);
                out.add(categorical(r.name(), r.type(), counts, true));
            } else if (r.type() == FieldType.BOOLEAN) {
                Map<String, long[]> counts = new LinkedHashMap<>();
                counts.put("true", new long[] {r.trueCount(), c.trueCount()});
                counts.put("false", new long[] {r.present() - r.trueCount(), c.present() - c.trueCount()});
                out.add(categorical(r.name(), r.type(), counts, false));
            }
        }
        return new DriftReport(out);
    }

    private static void addItems(FrequentItems items, Map<String, long[]> counts, int side) {
        for (FrequentItems.ItemCount ic : items.items()) {
            counts.computeIfAbsent(ic.value(), k -> new long[2])[side] += ic.estimate();
        }
    }

    private static ColumnDrift categorical(String name, FieldType type, Map<String, long[]> counts,
                                           boolean approximate) {
        long[] a = new long[counts.size()];
        long[] b = new long[counts.size()];
        int i = 0;
        for (long[] v : counts.values()) {
            a[i] = v[0];
            b[i++] = v[1];
        }
        Distances.TestResult chi = Distances.chiSquared(a, b);
        double[] da = Distances.toDoubles(a);
        double[] db = Distances.toDoubles(b);
        return new ColumnDrift(name, type, NAN, NAN, NAN, Distances.jensenShannon(da, db), chi.statistic(),
                chi.pValue(), Distances.lInfinity(da, db), approximate);
    }

    private static void count(Column col, Map<String, long[]> counts, int side) {
        if (col instanceof CategoricalColumn cat) {
            int[] cc = cat.codeCounts();
            for (int i = 0; i < cc.length; i++) {
                if (cc[i] > 0) {
                    counts.computeIfAbsent(cat.dictionary().get(i), k -> new long[2])[side] += cc[i];
                }
            }
            return;
        }
        for (int r = 0; r < col.size(); r++) {
            Object v = col.value(r);
            if (v != null) {
                counts.computeIfAbsent(v.toString(), k -> new long[2])[side]++;
            }
        }
    }

    private static boolean isNumeric(FieldType t) {
        return t == FieldType.NUMERIC || t == FieldType.INTEGER || t == FieldType.TIMESTAMP;
    }

    static double[] values(Column c) {
        if (c instanceof DoubleColumn d) {
            return d.toArray();
        }
        if (c instanceof LongColumn l) {
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = l.getDouble(i);
            }
            return out;
        }
        if (c instanceof BooleanColumn b) {
            double[] out = new double[b.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.isMissing(i) ? NAN : b.getBoolean(i) ? 1 : 0;
            }
            return out;
        }
        throw new IllegalArgumentException("Column '" + c.name() + "' is " + c.type() + ", not numeric");
    }
}
