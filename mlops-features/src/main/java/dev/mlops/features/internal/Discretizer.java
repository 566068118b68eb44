package dev.mlops.features.internal;

import java.util.Arrays;

/**
 * Equal-frequency binning of numeric values into small integer codes, as the mutual information estimator and the
 * Tribuo adapter use them (see docs/decisions/030). Missing values ({@code NaN}) get a bin of their own.
 */
public final class Discretizer {
    /** Values sorted to find the cut points are at most this many (a strided sample above it). */
    static final int SAMPLE_LIMIT = 1 << 13;

    private Discretizer() {
    }

    /** The default number of bins for {@code n} rows: the cube root of n, between 2 and 32. */
    public static int defaultBins(int n) {
        return Math.max(2, Math.min(32, (int) Math.round(Math.cbrt(n))));
    }

    /** Codes {@code 0..levels-1} for the values; the returned array's last element is the number of levels. */
    public static int[] codes(double[] values, int bins) {
        int n = values.length;
        double[] edges = edges(values, bins);
        // Branch-free search: pad the cut points with NaN (never <= x) to a power of two, then halve the step. The
        // comparisons compile to conditional moves, several times faster than a branchy binary search on data
        // whose bin is unpredictable.
        int width = Integer.highestOneBit(edges.length) << 1;
        double[] padded = Arrays.copyOf(edges, width);
        Arrays.fill(padded, edges.length, width, Double.NaN);
        int missingBin = edges.length + 1;
        int[] out = new int[n + 1];
        for (int i = 0; i < n; i++) {
            double x = values[i];
            int b = 0;
            for (int step = width >>> 1; step > 0; step >>>= 1) {
                b += padded[b + step - 1] <= x ? step : 0;
            }
            out[i] = x != x ? missingBin : b;
        }
        int[] used = new int[edges.length + 2];
        for (int i = 0; i < n; i++) {
            used[out[i]] = 1;
        }
        // Renumber the bins that occur, so the codes are dense.
        int levels = 0;
        for (int b = 0; b < used.length; b++) {
            used[b] = used[b] == 1 ? levels++ : -1;
        }
        boolean dense = used[used.length - 1] == -1 ? levels == used.length - 1 : levels == used.length;
        if (!dense) {
            for (int i = 0; i < n; i++) {
                out[i] = used[out[i]];
            }
        }
        out[n] = levels;
        return out;
    }

    /** The distinct cut points between equal-frequency bins of the non-missing values. */
    static double[] edges(double[] values, int bins) {
        int present = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                present++;
            }
        }
        if (present == 0) {
            return new double[0];
        }
        int stride = Math.max(1, (values.length + SAMPLE_LIMIT - 1) / SAMPLE_LIMIT);
        double[] sample = new double[(values.length + stride - 1) / stride];
        int m = 0;
        for (int i = 0; i < values.length; i += stride) {
            double v = values[i];
            if (v == v) {
                sample[m++] = v;
            }
        }
        if (m == 0) {
            // Every strided value was missing: fall back to all present values.
            sample = TransformFitter.present(values.clone());
            m = sample.length;
        }
        sample = m == sample.length ? sample : Arrays.copyOf(sample, m);
        Arrays.sort(sample);
        double[] edges = new double[bins - 1];
        int k = 0;
        for (int i = 1; i < bins; i++) {
            double e = sample[(int) ((long) i * m / bins)];
            // A cut equal to the smallest value would leave the first bin empty; equal cuts merge bins.
            if (e > sample[0] && (k == 0 || e > edges[k - 1])) {
                edges[k++] = e;
            }
        }
        return Arrays.copyOf(edges, k);
    }

    /** Dense codes for categorical codes ({@code -1} missing becomes a level of its own); last element = levels. */
    public static int[] categoricalCodes(int[] codes, int dictionarySize) {
        int n = codes.length;
        int[] map = new int[dictionarySize + 1];
        Arrays.fill(map, -1);
        int levels = 0;
        int[] out = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int c = codes[i] + 1; // -1 (missing) maps to slot 0
            int id = map[c];
            if (id < 0) {
                id = levels++;
                map[c] = id;
            }
            out[i] = id;
        }
        out[n] = levels;
        return out;
    }
}
