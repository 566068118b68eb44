package dev.mlops.monitor;

import dev.mlops.api.FieldType;
import dev.mlops.data.drift.Distances;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.FrequentItems;
import dev.mlops.data.profile.QuantileSketch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Drift statistics of a window's profile against the reference's, from their sketches, each with a bound derived
 * from the sketches' rank errors (docs/decisions/102). The distances themselves are those of
 * {@link Distances}; this class only feeds them sketch shares and bounds the result. Stateless and thread-safe.
 */
final class SketchStatistics {
    /** Quantile grid points per unit of rank used for KS and Wasserstein. */
    static final int GRID = 1000;

    private SketchStatistics() {
    }

    /**
     * A statistic with its bounds, and the p-value with its bounds for tests.
     *
     * @param value  the estimate
     * @param lower  its lower bound
     * @param upper  its upper bound
     * @param p      the p-value ({@code NaN} for distances)
     * @param pLower the p-value's lower bound
     * @param pUpper the p-value's upper bound
     */
    record Estimate(double value, double lower, double upper, double p, double pLower, double pUpper) {
        static Estimate distance(double value, double lower, double upper) {
            return new Estimate(value, lower, upper, Double.NaN, Double.NaN, Double.NaN);
        }

        static final Estimate NONE = distance(Double.NaN, Double.NaN, Double.NaN);
    }

    static boolean isNumeric(FieldType t) {
        return t == FieldType.NUMERIC || t == FieldType.INTEGER || t == FieldType.TIMESTAMP;
    }

    static Estimate of(DriftMethod method, ColumnProfile reference, ColumnProfile current, int bins) {
        if (isNumeric(reference.type())) {
            QuantileSketch a = reference.quantiles().orElseThrow();
            QuantileSketch b = current.quantiles().orElseThrow();
            if (a.isEmpty() || b.isEmpty()) {
                return Estimate.NONE;
            }
            return switch (method) {
                case KS -> ks(a, b);
                case WASSERSTEIN -> wasserstein(a, b, reference.moments().orElseThrow().stdDev());
                case PSI, JENSEN_SHANNON, HELLINGER -> binned(method, a, b, bins);
                default -> throw new IllegalArgumentException(method + " does not apply to numeric column '"
                        + reference.name() + "'");
            };
        }
        return categorical(method, counts(reference, current), reference.name());
    }

    // ---- numeric --------------------------------------------------------------------------------------------

    /**
     * KS over the union of both sketches' quantiles on a fine grid. Each sketch's CDF is within its rank error of
     * the true one, so D is within the sum of both; the grid may miss the supremum by up to two steps.
     */
    static Estimate ks(QuantileSketch a, QuantileSketch b) {
        TreeSet<Double> grid = new TreeSet<>();
        for (int i = 0; i <= GRID; i++) {
            grid.add(a.quantile((double) i / GRID));
            grid.add(b.quantile((double) i / GRID));
        }
        double d = 0;
        for (double x : grid) {
            d = Math.max(d, Math.abs(a.rank(x) - b.rank(x)));
        }
        boolean exact = a.rankError() == 0 && b.rankError() == 0 && a.n() <= GRID && b.n() <= GRID;
        double e = a.rankError() + b.rankError() + (exact ? 0 : 2.0 / GRID);
        double lo = Math.max(0, d - e);
        double hi = Math.min(1, d + e);
        return new Estimate(d, lo, hi, Distances.ksPValue(d, a.n(), b.n()), Distances.ksPValue(hi, a.n(), b.n()),
                Distances.ksPValue(lo, a.n(), b.n()));
    }

    /**
     * W1 as the integral over rank of the distance between the quantile functions, divided by the reference
     * standard deviation (not divided when that is 0 or unknown). The bound integrates the smallest and largest
     * distance between the quantile intervals a sketch allows on each grid step.
     */
    static Estimate wasserstein(QuantileSketch a, QuantileSketch b, double referenceSd) {
        double ea = a.rankError();
        double eb = b.rankError();
        double est = 0;
        double lo = 0;
        double hi = 0;
        double h = 1.0 / GRID;
        for (int i = 0; i < GRID; i++) {
            double q0 = i * h;
            double q1 = q0 + h;
            double mid = q0 + h / 2;
            est += Math.abs(a.quantile(mid) - b.quantile(mid)) * h;
            double aLo = quantileOrExtreme(a, q0 - ea);
            double aHi = quantileOrExtreme(a, q1 + ea);
            double bLo = quantileOrExtreme(b, q0 - eb);
            double bHi = quantileOrExtreme(b, q1 + eb);
            lo += Math.max(0, Math.max(aLo - bHi, bLo - aHi)) * h;
            hi += Math.max(aHi - bLo, bHi - aLo) * h;
        }
        double s = referenceSd > 0 && Double.isFinite(referenceSd) ? referenceSd : 1;
        return Estimate.distance(est / s, lo / s, hi / s);
    }

    /**
     * PSI, Jensen-Shannon or Hellinger over bins cut at the reference sketch's quantiles {@code i / bins}. Every
     * cumulative share at an exact cut is bounded from the sketches (the reference's is {@code i / bins} within
     * one row; the window's is its sketch rank at the reference quantiles {@code i / bins -+ error},
     * within its own error), each bin share gets an interval, and each term of the distance, jointly convex in the
     * two shares, is bounded on that box.
     */
    static Estimate binned(DriftMethod method, QuantileSketch a, QuantileSketch b, int bins) {
        TreeSet<Double> cuts = new TreeSet<>();
        for (int i = 1; i < bins; i++) {
            cuts.add(a.quantile((double) i / bins));
        }
        double[] edges = cuts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] pa = a.pmf(edges);
        double[] pb = b.pmf(edges);
        double value = distance(method, pa, pb);
        int k = edges.length + 1;
        double[][] ia = new double[k][];
        double[][] ib = new double[k][];
        if (k == bins) {
            double ea = a.rankError() + 1.0 / a.n();
            double eb = b.rankError();
            double[] caLo = new double[k + 1];
            double[] caHi = new double[k + 1];
            double[] cbLo = new double[k + 1];
            double[] cbHi = new double[k + 1];
            caHi[k] = caLo[k] = cbHi[k] = cbLo[k] = 1;
            for (int i = 1; i < k; i++) {
                double q = (double) i / bins;
                // The exact distance cuts at the reference's exact quantiles, where its cumulative share is q
                // within one row; only where those cuts fall in the window's distribution is uncertain.
                caLo[i] = Math.max(0, q - 1.0 / a.n());
                caHi[i] = Math.min(1, q + 1.0 / a.n());
                cbLo[i] = Math.max(0, b.rank(quantileOrExtreme(a, q - ea)) - eb);
                cbHi[i] = Math.min(1, b.rank(quantileOrExtreme(a, q + ea)) + eb);
            }
            for (int i = 0; i < k; i++) {
                ia[i] = new double[] {Math.max(0, caLo[i + 1] - caHi[i]), Math.min(1, caHi[i + 1] - caLo[i])};
                ib[i] = new double[] {Math.max(0, cbLo[i + 1] - cbHi[i]), Math.min(1, cbHi[i + 1] - cbLo[i])};
            }
        } else {
            // Tied quantiles merged cuts: bound each share by its sketch error only.
            double ea = 2 * a.rankError();
            double eb = 2 * b.rankError();
            for (int i = 0; i < k; i++) {
                ia[i] = new double[] {Math.max(0, pa[i] - ea), Math.min(1, pa[i] + ea)};
                ib[i] = new double[] {Math.max(0, pb[i] - eb), Math.min(1, pb[i] + eb)};
            }
        }
        double[] bound = boxBound(method, ia, ib);
        return Estimate.distance(value, Math.min(bound[0], value), Math.max(bound[1], value));
    }

    /**
     * The sketch's quantile at rank {@code r}, or past either end the least or greatest of all values: a sampled
     * sketch's own end quantiles are the sample's, and the values' true ends may lie beyond them.
     */
    static double quantileOrExtreme(QuantileSketch s, double r) {
        return r <= 0 ? s.min() : r >= 1 ? s.max() : s.quantile(r);
    }

    static double distance(DriftMethod method, double[] p, double[] q) {
        return switch (method) {
            case PSI -> Distances.psiFromShares(p, q);
            case JENSEN_SHANNON -> Distances.jensenShannon(p, q);
            case HELLINGER -> Distances.hellinger(p, q);
            case L_INFINITY -> Distances.lInfinity(p, q);
            default -> throw new IllegalArgumentException(method + " is not a distance between distributions");
        };
    }

    /** The smallest and largest value of a sum of jointly convex terms, each zero on the diagonal, over boxes. */
    static double[] boxBound(DriftMethod method, double[][] a, double[][] b) {
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < a.length; i++) {
            double aLo = a[i][0];
            double aHi = a[i][1];
            double bLo = b[i][0];
            double bHi = b[i][1];
            hi += Math.max(Math.max(term(method, aLo, bLo), term(method, aLo, bHi)),
                    Math.max(term(method, aHi, bLo), term(method, aHi, bHi)));
            if (aLo > bHi) {
                lo += term(method, aLo, bHi);
            } else if (bLo > aHi) {
                lo += term(method, aHi, bLo);
            }
        }
        return switch (method) {
            case PSI -> new double[] {lo, hi};
            case JENSEN_SHANNON -> new double[] {Math.sqrt(lo / 2 / Math.log(2)), Math.sqrt(hi / 2 / Math.log(2))};
            case HELLINGER -> new double[] {Math.sqrt(lo / 2), Math.sqrt(hi / 2)};
            default -> throw new IllegalArgumentException(method + " has no box bound");
        };
    }

    private static double term(DriftMethod method, double a, double b) {
        return switch (method) {
            case PSI -> {
                double r = Math.max(a, Distances.PSI_FLOOR);
                double c = Math.max(b, Distances.PSI_FLOOR);
                yield (c - r) * Math.log(c / r);
            }
            case JENSEN_SHANNON -> {
                double m = (a + b) / 2;
                yield (a > 0 ? a * Math.log(a / m) : 0) + (b > 0 ? b * Math.log(b / m) : 0);
            }
            case HELLINGER -> (Math.sqrt(a) - Math.sqrt(b)) * (Math.sqrt(a) - Math.sqrt(b));
            default -> throw new IllegalArgumentException(method + " has no box bound");
        };
    }

    // ---- categorical ----------------------------------------------------------------------------------------

    /**
     * Category counts of both sides, labels in the reference's order (most frequent first), then new labels; with
     * whether both are exact (frequent-items sketches with no error, or booleans).
     */
    record Counts(String[] labels, long[] reference, long[] current, boolean exact) {
    }

    static Counts counts(ColumnProfile reference, ColumnProfile current) {
        Map<String, long[]> c = new LinkedHashMap<>();
        boolean exact;
        if (reference.type() == FieldType.BOOLEAN) {
            c.put("true", new long[] {reference.trueCount(), current.trueCount()});
            c.put("false", new long[] {reference.present() - reference.trueCount(),
                current.present() - current.trueCount()});
            exact = true;
        } else {
            FrequentItems r = reference.frequentItems().orElseThrow();
            FrequentItems w = current.frequentItems().orElseThrow();
            for (FrequentItems.ItemCount ic : r.items()) {
                c.computeIfAbsent(ic.value(), x -> new long[2])[0] = ic.estimate();
            }
            for (FrequentItems.ItemCount ic : w.items()) {
                c.computeIfAbsent(ic.value(), x -> new long[2])[1] = ic.estimate();
            }
            exact = r.maximumError() == 0 && w.maximumError() == 0;
        }
        String[] labels = c.keySet().toArray(new String[0]);
        long[] ra = new long[labels.length];
        long[] ca = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ra[i] = c.get(labels[i])[0];
            ca[i] = c.get(labels[i])[1];
        }
        return new Counts(labels, ra, ca, exact);
    }

    /** A categorical statistic; exact sketches give a zero-width bound, inexact ones an unknown ({@code NaN}) one. */
    static Estimate categorical(DriftMethod method, Counts counts, String column) {
        long[] r = counts.reference();
        long[] c = counts.current();
        long nr = 0;
        long nc = 0;
        for (int i = 0; i < r.length; i++) {
            nr += r[i];
            nc += c[i];
        }
        if (nr == 0 || nc == 0) {
            return Estimate.NONE;
        }
        double[] pr = Distances.shares(r);
        double[] pc = Distances.shares(c);
        Estimate e = switch (method) {
            case CHI_SQUARED -> test(Distances.chiSquared(r, c));
            case Z_TEST -> {
                if (r.length > 2) {
                    throw new IllegalArgumentException("The z-test needs two categories but column '" + column
                            + "' has " + r.length + "; use CHI_SQUARED or JENSEN_SHANNON");
                }
                yield test(Distances.proportionsZTest(r[0], nr, c[0], nc));
            }
            case PSI, JENSEN_SHANNON, HELLINGER, L_INFINITY -> distanceEstimate(distance(method, pr, pc));
            default -> throw new IllegalArgumentException(method + " does not apply to categorical column '"
                    + column + "'");
        };
        if (counts.exact()) {
            return e;
        }
        return new Estimate(e.value(), Double.NaN, Double.NaN, e.p(), Double.NaN, Double.NaN);
    }

    private static Estimate distanceEstimate(double v) {
        return Estimate.distance(v, v, v);
    }

    private static Estimate test(Distances.TestResult t) {
        return new Estimate(t.statistic(), t.statistic(), t.statistic(), t.pValue(), t.pValue(), t.pValue());
    }
}
