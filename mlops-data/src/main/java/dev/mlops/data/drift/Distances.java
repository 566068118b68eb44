package dev.mlops.data.drift;

import java.util.Arrays;

/**
 * Distances between a reference and a current sample or distribution. Missing values ({@code NaN}) and infinities are skipped.
 * Each is checked against SciPy/NumPy on fixed data (see the fixtures in the tests). Stateless and thread-safe.
 *
 * <ul>
 *   <li>PSI: {@code bins} bins cut at the reference's quantiles (NumPy's linear interpolation); bins are
 *   {@code (e_i, e_i+1]}; a share below {@value #PSI_FLOOR} is raised to it so empty bins stay finite.</li>
 *   <li>KS: the two-sample statistic and its p-value (Kolmogorov limit, Stephens' correction).</li>
 *   <li>Jensen-Shannon: the distance (square root of the divergence), base 2, in [0, 1].</li>
 *   <li>Chi-squared: the test of homogeneity on the 2 x k table of counts, without continuity correction.</li>
 *   <li>L-infinity: the largest difference of shares of one category.</li>
 * </ul>
 */
public final class Distances {
    /** The smallest share PSI uses for a bin, so an empty bin does not make it infinite. */
    public static final double PSI_FLOOR = 1e-4;

    private Distances() {
    }

    /** The population stability index of current against reference with bins from reference quantiles. */
    public static double psi(double[] reference, double[] current, int bins) {
        double[] edges = quantileEdges(sortedFinite(reference), bins);
        return psiFromShares(shares(binCounts(sortedFinite(reference), edges)),
                shares(binCounts(sortedFinite(current), edges)));
    }

    /** The PSI of two distributions over the same bins. */
    public static double psiFromShares(double[] reference, double[] current) {
        checkSameLength(reference, current);
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = Math.max(reference[i], PSI_FLOOR);
            double c = Math.max(current[i], PSI_FLOOR);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /** The inner cut points of {@code bins} bins at the quantiles {@code 1/bins, ..., (bins-1)/bins}, deduplicated. */
    public static double[] quantileEdges(double[] sortedValues, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        if (sortedValues.length == 0) {
            return new double[0];
        }
        double[] edges = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            edges[i - 1] = quantile(sortedValues, (double) i / bins);
        }
        return Arrays.stream(edges).distinct().toArray();
    }

    /** NumPy's default (linear) quantile of sorted values. */
    public static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The counts of sorted values in {@code (-inf, e0], (e0, e1], ..., (eLast, inf)}. */
    public static long[] binCounts(double[] sorted, double[] edges) {
        long[] counts = new long[edges.length + 1];
        int b = 0;
        for (double v : sorted) {
            while (b < edges.length && v > edges[b]) {
                b++;
            }
            counts[b]++;
        }
        return counts;
    }

    /** Counts as shares of their sum (all zeros when the sum is zero). */
    public static double[] shares(long[] counts) {
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = total == 0 ? 0 : counts[i] / total;
        }
        return out;
    }

    /** The two-sample Kolmogorov-Smirnov statistic and asymptotic p-value. */
    public static TestResult ks(double[] a, double[] b) {
        double[] x = sortedFinite(a);
        double[] y = sortedFinite(b);
        int n = x.length;
        int m = y.length;
        if (n == 0 || m == 0) {
            return new TestResult(Double.NaN, Double.NaN, Double.NaN);
        }
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < n && j < m) {
            double v = Math.min(x[i], y[j]);
            while (i < n && x[i] == v) {
                i++;
            }
            while (j < m && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / n - (double) j / m));
        }
        return new TestResult(d, Double.NaN, ksPValue(d, n, m));
    }

    /**
     * The p-value of a two-sample KS statistic {@code d} with sample sizes {@code n} and {@code m}: the Kolmogorov
     * limit with Stephens' finite-sample correction, {@code Q((sqrt(en) + 0.12 + 0.11 / sqrt(en)) d)} with
     * {@code en = nm / (n + m)}. Within a few percent of SciPy's {@code ks_2samp} for samples of a few hundred.
     */
    public static double ksPValue(double d, long n, long m) {
        double en = Math.sqrt((double) n * m / (n + m));
        return Distributions.kolmogorovSurvival((en + 0.12 + 0.11 / en) * d);
    }

    /** The Jensen-Shannon distance (base 2) of two distributions or count vectors (each normalized first). */
    public static double jensenShannon(double[] p, double[] q) {
        checkSameLength(p, q);
        double sp = Arrays.stream(p).sum();
        double sq = Arrays.stream(q).sum();
        if (sp == 0 || sq == 0) {
            return Double.NaN;
        }
        double js = 0;
        for (int i = 0; i < p.length; i++) {
            double a = p[i] / sp;
            double b = q[i] / sq;
            double mid = (a + b) / 2;
            if (a > 0) {
                js += a * Math.log(a / mid);
            }
            if (b > 0) {
                js += b * Math.log(b / mid);
            }
        }
        return Math.sqrt(Math.max(0, js / 2 / Math.log(2)));
    }

    /** The Jensen-Shannon distance of two numeric samples over {@code bins} bins cut at reference quantiles. */
    public static double jensenShannon(double[] reference, double[] current, int bins) {
        double[] r = sortedFinite(reference);
        double[] edges = quantileEdges(r, bins);
        return jensenShannon(toDoubles(binCounts(r, edges)), toDoubles(binCounts(sortedFinite(current), edges)));
    }

    /**
     * The chi-squared test of homogeneity of two count vectors over the same categories (categories empty in both
     * are dropped), as {@code scipy.stats.chi2_contingency([ref, cur], correction=False)}.
     */
    public static TestResult chiSquared(long[] reference, long[] current) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("Count vectors differ in length: " + reference.length + " and "
                    + current.length + "; align them on the same categories first");
        }
        double nr = 0;
        double nc = 0;
        int k = 0;
        for (int i = 0; i < reference.length; i++) {
            nr += reference[i];
            nc += current[i];
            if (reference[i] + current[i] > 0) {
                k++;
            }
        }
        if (nr == 0 || nc == 0 || k < 2) {
            return new TestResult(k < 2 && nr > 0 && nc > 0 ? 0 : Double.NaN, Math.max(k - 1, 0),
                    k < 2 && nr > 0 && nc > 0 ? 1 : Double.NaN);
        }
        double total = nr + nc;
        double stat = 0;
        for (int i = 0; i < reference.length; i++) {
            double col = reference[i] + current[i];
            if (col == 0) {
                continue;
            }
            double er = col * nr / total;
            double ec = col * nc / total;
            stat += (reference[i] - er) * (reference[i] - er) / er + (current[i] - ec) * (current[i] - ec) / ec;
        }
        return new TestResult(stat, k - 1, Distributions.chiSquaredSurvival(stat, k - 1));
    }

    /** The chi-squared goodness of fit of observed counts to expected proportions ({@code scipy.stats.chisquare}). */
    public static TestResult chiSquaredGoodnessOfFit(long[] observed, double[] expectedShares) {
        checkSameLength(toDoubles(observed), expectedShares);
        double n = Arrays.stream(observed).sum();
        double s = Arrays.stream(expectedShares).sum();
        double stat = 0;
        for (int i = 0; i < observed.length; i++) {
            double e = n * expectedShares[i] / s;
            if (!(e > 0)) {
                throw new IllegalArgumentException("Expected share " + i + " is " + expectedShares[i]
                        + "; every expected share must be positive");
            }
            stat += (observed[i] - e) * (observed[i] - e) / e;
        }
        int dof = observed.length - 1;
        return new TestResult(stat, dof, dof > 0 ? Distributions.chiSquaredSurvival(stat, dof) : Double.NaN);
    }

    /** The largest absolute difference between the shares of one category (inputs normalized first). */
    public static double lInfinity(double[] p, double[] q) {
        checkSameLength(p, q);
        double sp = Arrays.stream(p).sum();
        double sq = Arrays.stream(q).sum();
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            max = Math.max(max, Math.abs((sp == 0 ? 0 : p[i] / sp) - (sq == 0 ? 0 : q[i] / sq)));
        }
        return max;
    }

    /**
     * The first Wasserstein (earth mover's) distance of two samples, as {@code scipy.stats.wasserstein_distance}:
     * the area between the two empirical distribution functions.
     */
    public static double wasserstein(double[] a, double[] b) {
        double[] x = sortedFinite(a);
        double[] y = sortedFinite(b);
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        int i = 0;
        int j = 0;
        double prev = Math.min(x[0], y[0]);
        double area = 0;
        while (i < x.length || j < y.length) {
            double v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            area += Math.abs((double) i / x.length - (double) j / y.length) * (v - prev);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            prev = v;
        }
        return area;
    }

    /**
     * The Hellinger distance of two distributions or count vectors (each normalized first):
     * {@code sqrt(1 - sum(sqrt(p_i q_i)))}, in [0, 1].
     */
    public static double hellinger(double[] p, double[] q) {
        checkSameLength(p, q);
        double sp = Arrays.stream(p).sum();
        double sq = Arrays.stream(q).sum();
        if (sp == 0 || sq == 0) {
            return Double.NaN;
        }
        double bc = 0;
        for (int i = 0; i < p.length; i++) {
            bc += Math.sqrt(p[i] / sp * (q[i] / sq));
        }
        return Math.sqrt(Math.max(0, 1 - bc));
    }

    /**
     * The two-proportion z-test with a pooled proportion: the statistic and its two-sided p-value (as
     * {@code statsmodels.stats.proportion.proportions_ztest}).
     */
    public static TestResult proportionsZTest(long successesA, long nA, long successesB, long nB) {
        if (nA == 0 || nB == 0) {
            return new TestResult(Double.NaN, Double.NaN, Double.NaN);
        }
        double pa = (double) successesA / nA;
        double pb = (double) successesB / nB;
        double pooled = (double) (successesA + successesB) / (nA + nB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        if (se == 0) {
            return new TestResult(0, Double.NaN, 1);
        }
        double z = (pa - pb) / se;
        // P(|Z| > z) = Q(1/2, z^2/2) for a standard normal Z.
        return new TestResult(z, Double.NaN, Distributions.regularizedGammaQ(0.5, z * z / 2));
    }

    static double[] sortedFinite(double[] values) {
        double[] out = Arrays.stream(values).filter(Double::isFinite).toArray();
        Arrays.sort(out);
        return out;
    }

    static double[] toDoubles(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static void checkSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Distributions differ in length: " + a.length + " and " + b.length
                    + "; align them on the same bins or categories first");
        }
    }

    /**
     * A test statistic with its degrees of freedom (NaN where none) and p-value.
     *
     * @param statistic        the statistic
     * @param degreesOfFreedom degrees of freedom, {@code NaN} for KS
     * @param pValue           the p-value
     */
    public record TestResult(double statistic, double degreesOfFreedom, double pValue) {
    }
}
