package dev.mlops.data.profile;

import java.util.Arrays;

/**
 * Bin edges and counts; bin {@code i} covers {@code (edges[i], edges[i+1]]}, the first also holds {@code edges[0]}.
 *
 * @param edges {@code counts.length + 1} increasing edges (empty when there are no values)
 * @param counts the count per bin
 */
public record Histogram(double[] edges, long[] counts) {

    /** Copies the arrays. */
    public Histogram {
        edges = edges.clone();
        counts = counts.clone();
    }

    /** The edges (a copy). */
    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** The counts (a copy). */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The sum of the counts. */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(edges, h.edges) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram" + Arrays.toString(edges) + Arrays.toString(counts);
    }
}
