package dev.mlops.features.internal;

import dev.mlops.features.internal.FeatureData.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter statistics behind {@code FeatureSelector}'s factories. Each takes the features read by
 * {@link FeatureData} and returns a score per scored feature, in frame order; features it cannot score get a note.
 */
public final class Scorers {
    private Scorers() {
    }

    /** Discrete codes of a feature (numeric ones binned); the last element is the number of levels. */
    static int[] discrete(Feature f, int bins) {
        return f.categorical() ? Discretizer.categoricalCodes(f.codes(), f.levels()) : Discretizer.codes(f.values(), bins);
    }

    /** Mutual information (nats, Miller-Madow corrected, at least 0) between each feature and the class. */
    public static Map<String, Double> mutualInformation(FeatureData data, int bins) {
        Map<String, Double> out = new LinkedHashMap<>();
        int[] y = data.labelClasses();
        int k = data.classCount();
        for (Feature f : data.features()) {
            int[] x = discrete(f, bins);
            out.put(f.name(), mi(x, x[x.length - 1], y, k, y.length));
        }
        return out;
    }

    /** Mutual information with a numeric label, both binned into equal-frequency bins. */
    public static Map<String, Double> mutualInformationRegression(FeatureData data, int bins) {
        int[] yc = Discretizer.codes(data.labelValues(), bins);
        int n = data.rows();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Feature f : data.features()) {
            int[] x = discrete(f, bins);
            out.put(f.name(), mi(x, x[x.length - 1], yc, yc[n], n));
        }
        return out;
    }

    /** Plug-in mutual information of two discrete codes over the first {@code n} rows, with Miller-Madow's bias term. */
    static double mi(int[] x, int bx, int[] y, int by, int n) {
        if (n == 0) {
            return 0;
        }
        int[] joint = new int[bx * by];
        for (int i = 0; i < n; i++) {
            joint[x[i] * by + y[i]]++;
        }
        int[] px = new int[bx];
        int[] py = new int[by];
        int cells = 0;
        for (int a = 0; a < bx; a++) {
            for (int b = 0; b < by; b++) {
                int c = joint[a * by + b];
                if (c > 0) {
                    px[a] += c;
                    py[b] += c;
                    cells++;
                }
            }
        }
        int nx = 0;
        int ny = 0;
        for (int c : px) {
            nx += c > 0 ? 1 : 0;
        }
        for (int c : py) {
            ny += c > 0 ? 1 : 0;
        }
        double sum = 0;
        for (int a = 0; a < bx; a++) {
            if (px[a] == 0) {
                continue;
            }
            for (int b = 0; b < by; b++) {
                int c = joint[a * by + b];
                if (c > 0) {
                    sum += c * Math.log((double) c * n / ((double) px[a] * py[b]));
                }
            }
        }
        double plugIn = sum / n;
        double bias = (cells - nx - ny + 1) / (2.0 * n);
        return Math.max(0, plugIn - bias);
    }

    /**
     * Chi-squared: for numeric features scikit-learn's statistic (class sums of non-negative values against their
     * expectation); for categorical features Pearson's test of independence on the category-by-class table.
     */
    public static Map<String, Double> chiSquared(FeatureData data) {
        Map<String, Double> out = new LinkedHashMap<>();
        int[] y = data.labelClasses();
        int k = data.classCount();
        for (Feature f : data.features()) {
            if (f.categorical()) {
                int[] x = Discretizer.categoricalCodes(f.codes(), f.levels());
                out.put(f.name(), contingencyChi2(x, x[x.length - 1], y, k));
                continue;
            }
            double[] v = f.values();
            double[] classSum = new double[k];
            double[] classCount = new double[k];
            double total = 0;
            int n = 0;
            boolean negative = false;
            int missing = 0;
            for (int i = 0; i < v.length; i++) {
                double x = v[i];
                if (Double.isNaN(x)) {
                    missing++;
                    continue;
                }
                if (x < 0) {
                    negative = true;
                    break;
                }
                classSum[y[i]] += x;
                classCount[y[i]]++;
                total += x;
                n++;
            }
            if (negative) {
                data.notes().put(f.name(), "not ranked by chi-squared: it has negative values (chi-squared needs counts"
                        + " or non-negative values; shift or bucketize it, or use mutualInformation)");
                continue;
            }
            if (missing > 0) {
                data.notes().put(f.name(), missing + " missing values left out of its chi-squared");
            }
            double chi2 = 0;
            for (int c = 0; c < k; c++) {
                double expected = classCount[c] / n * total;
                if (expected > 0) {
                    double d = classSum[c] - expected;
                    chi2 += d * d / expected;
                }
            }
            out.put(f.name(), chi2);
        }
        return out;
    }

    static double contingencyChi2(int[] x, int bx, int[] y, int by) {
        int n = y.length;
        double[] joint = new double[bx * by];
        double[] px = new double[bx];
        double[] py = new double[by];
        for (int i = 0; i < n; i++) {
            joint[x[i] * by + y[i]]++;
            px[x[i]]++;
            py[y[i]]++;
        }
        double chi2 = 0;
        for (int a = 0; a < bx; a++) {
            for (int b = 0; b < by; b++) {
                double e = px[a] * py[b] / n;
                if (e > 0) {
                    double d = joint[a * by + b] - e;
                    chi2 += d * d / e;
                }
            }
        }
        return chi2;
    }

    /** One-way ANOVA F of each numeric feature across the classes (scikit-learn's {@code f_classif}). */
    public static Map<String, Double> anovaF(FeatureData data) {
        Map<String, Double> out = new LinkedHashMap<>();
        int[] y = data.labelClasses();
        int k = data.classCount();
        for (Feature f : data.features()) {
            if (f.categorical()) {
                data.notes().put(f.name(), "not ranked by ANOVA F: it is categorical (use chiSquared or"
                        + " mutualInformation, which score categories directly)");
                continue;
            }
            out.put(f.name(), oneWayF(f.values(), y, k, data.notes(), f.name()));
        }
        return out;
    }

    /** One-way ANOVA F of {@code v} grouped by {@code groups} (NaN values left out). */
    static double oneWayF(double[] v, int[] groups, int k, Map<String, String> notes, String name) {
        double[] sum = new double[k];
        long[] count = new long[k];
        double total = 0;
        long n = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                sum[groups[i]] += v[i];
                count[groups[i]]++;
                total += v[i];
                n++;
            }
        }
        if (n < v.length) {
            notes.put(name, (v.length - n) + " missing values left out of its F statistic");
        }
        double grand = total / n;
        double[] mean = new double[k];
        int groupsUsed = 0;
        for (int c = 0; c < k; c++) {
            mean[c] = count[c] == 0 ? 0 : sum[c] / count[c];
            groupsUsed += count[c] > 0 ? 1 : 0;
        }
        double within = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                double d = v[i] - mean[groups[i]];
                within += d * d;
            }
        }
        double between = 0;
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) {
                double d = mean[c] - grand;
                between += count[c] * d * d;
            }
        }
        long dfBetween = groupsUsed - 1;
        long dfWithin = n - groupsUsed;
        if (dfBetween <= 0 || dfWithin <= 0) {
            return 0;
        }
        if (within == 0) {
            return between == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (between / dfBetween) / (within / dfWithin);
    }

    /**
     * The F statistic of a one-regressor linear model (scikit-learn's {@code f_regression}) for numeric features;
     * for categorical features the one-way ANOVA F of the label across the categories.
     */
    public static Map<String, Double> fRegression(FeatureData data) {
        Map<String, Double> out = new LinkedHashMap<>();
        double[] y = data.labelValues();
        for (Feature f : data.features()) {
            if (f.categorical()) {
                int[] x = Discretizer.categoricalCodes(f.codes(), f.levels());
                out.put(f.name(), oneWayF(y, x, x[x.length - 1], data.notes(), f.name()));
                continue;
            }
            double r = pearson(f.values(), y);
            int n = complete(f.values(), y);
            if (n < f.values().length) {
                data.notes().put(f.name(), (f.values().length - n) + " missing values left out of its F statistic");
            }
            double r2 = r * r;
            out.put(f.name(), r2 >= 1 ? Double.POSITIVE_INFINITY : r2 / (1 - r2) * (n - 2));
        }
        return out;
    }

    static int complete(double[] a, double[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                n++;
            }
        }
        return n;
    }

    /** Pearson's r over the rows where both are present; 0 when either is constant. */
    static double pearson(double[] a, double[] b) {
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sa += a[i];
                sb += b[i];
                n++;
            }
        }
        if (n < 2) {
            return 0;
        }
        double ma = sa / n;
        double mb = sb / n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                double da = a[i] - ma;
                double db = b[i] - mb;
                sab += da * db;
                saa += da * da;
                sbb += db * db;
            }
        }
        if (saa == 0 || sbb == 0) {
            return 0;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** The population variance (divisor n, as scikit-learn's VarianceThreshold) of each numeric feature. */
    public static Map<String, Double> variance(FeatureData data) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Feature f : data.features()) {
            if (f.categorical()) {
                data.notes().put(f.name(), "not ranked by variance: it is categorical (encode it first, or use"
                        + " mutualInformation)");
                continue;
            }
            double s = 0;
            int n = 0;
            for (double v : f.values()) {
                if (!Double.isNaN(v)) {
                    s += v;
                    n++;
                }
            }
            double m = s / n;
            double ss = 0;
            for (double v : f.values()) {
                if (!Double.isNaN(v)) {
                    ss += (v - m) * (v - m);
                }
            }
            out.put(f.name(), n == 0 ? 0 : ss / n);
        }
        return out;
    }

    /**
     * Greedy correlation filter in frame order: a numeric feature whose absolute Pearson correlation with a feature
     * kept before it exceeds the threshold is dropped (score 0, with a note naming the partner); a kept feature
     * scores {@code 1 - max |r|} against the features kept before it.
     */
    public static Map<String, Double> correlationFilter(FeatureData data, double threshold) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<Feature> kept = new ArrayList<>();
        for (Feature f : data.features()) {
            if (f.categorical()) {
                data.notes().put(f.name(), "not checked by the correlation filter: it is categorical");
                continue;
            }
            double worst = 0;
            Feature partner = null;
            for (Feature g : kept) {
                double r = Math.abs(pearson(f.values(), g.values()));
                if (r > worst) {
                    worst = r;
                    partner = g;
                }
            }
            if (partner != null && worst > threshold) {
                out.put(f.name(), 0.0);
                data.notes().put(f.name(), String.format(java.util.Locale.ROOT,
                        "dropped: |r| = %.4f with '%s', above the threshold %s", worst, partner.name(), threshold));
            } else {
                kept.add(f);
                out.put(f.name(), 1 - worst);
            }
        }
        return out;
    }
}
