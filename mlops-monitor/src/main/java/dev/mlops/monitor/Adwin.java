package dev.mlops.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN2 ({@link ChangeDetector#adwin}): the window is an exponential histogram of buckets (at most
 * {@value #MAX_BUCKETS} of each size 2^i, oldest first), each with its count, mean and sum of squared deviations,
 * so memory and time per value are logarithmic in the window. After each value every split between buckets is
 * tested with the bound of Bifet and Gavalda: with harmonic size {@code m = 1 / (1/n0 + 1/n1)},
 * {@code delta' = delta / ln(n)}, a cut when {@code |mu0 - mu1| > sqrt(2 var ln(2/delta') / m) + 2 ln(2/delta') / (3m)}.
 * Not thread-safe.
 */
final class Adwin extends CountingDetector {
    static final int MAX_BUCKETS = 5;
    private static final int MIN_WINDOW = 10;
    private static final int MIN_SIDE = 5;

    private final double delta;
    /** Oldest first; sizes never increase from oldest to newest. */
    private final List<Bucket> buckets = new ArrayList<>();
    private record Bucket(long n, double mean, double m2) {
        Bucket merge(Bucket o) {
            long t = n + o.n;
            double d = o.mean - mean;
            return new Bucket(t, mean + d * o.n / t, m2 + o.m2 + d * d * n * o.n / t);
        }
    }

    Adwin(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("ADWIN needs a confidence delta in (0, 1), got " + delta);
        }
        this.delta = delta;
    }

    @Override
    boolean update(double value) {
        buckets.add(new Bucket(1, value, 0));
        compress();
        boolean changed = false;
        while (cut()) {
            buckets.remove(0);
            changed = true;
        }
        return changed;
    }

    /** Merges the two oldest buckets of any size that has more than {@value #MAX_BUCKETS}. */
    private void compress() {
        int end = buckets.size();
        long size = 1;
        while (end > 0) {
            int start = end;
            while (start > 0 && buckets.get(start - 1).n() == size) {
                start--;
            }
            if (end - start <= MAX_BUCKETS) {
                return;
            }
            buckets.set(start, buckets.get(start).merge(buckets.get(start + 1)));
            buckets.remove(start + 1);
            end = start + 1;
            size *= 2;
        }
    }

    private boolean cut() {
        Bucket total = total();
        if (total == null || total.n() < MIN_WINDOW) {
            return false;
        }
        double variance = total.m2() / total.n();
        double deltaPrime = delta / Math.log(total.n());
        double logTerm = Math.log(2 / deltaPrime);
        Bucket older = null;
        for (int i = 0; i < buckets.size() - 1; i++) {
            older = older == null ? buckets.get(i) : older.merge(buckets.get(i));
            long n0 = older.n();
            long n1 = total.n() - n0;
            if (n0 < MIN_SIDE || n1 < MIN_SIDE) {
                continue;
            }
            double mean1 = (total.mean() * total.n() - older.mean() * n0) / n1;
            double m = 1.0 / (1.0 / n0 + 1.0 / n1);
            double eps = Math.sqrt(2 * variance * logTerm / m) + 2 * logTerm / (3 * m);
            if (Math.abs(older.mean() - mean1) > eps) {
                return true;
            }
        }
        return false;
    }

    private Bucket total() {
        Bucket t = null;
        for (Bucket b : buckets) {
            t = t == null ? b : t.merge(b);
        }
        return t;
    }

    /** The number of values in the window now. */
    long width() {
        Bucket t = total();
        return t == null ? 0 : t.n();
    }

    @Override
    public double mean() {
        Bucket t = total();
        return t == null ? Double.NaN : t.mean();
    }

    @Override
    public void reset() {
        buckets.clear();
    }

    @Override
    public String toString() {
        return "Adwin[delta=" + delta + ", width=" + width() + ", detections=" + detections() + "]";
    }
}
