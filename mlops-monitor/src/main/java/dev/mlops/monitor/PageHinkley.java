package dev.mlops.monitor;

/** The Page-Hinkley test for an increase of the mean ({@link ChangeDetector#pageHinkley}). Not thread-safe. */
final class PageHinkley extends CountingDetector {
    private final double delta;
    private final double lambda;
    private final int minValues;
    private long n;
    private double mean;
    private double cumulative;
    private double minimum;

    PageHinkley(double delta, double lambda, int minValues) {
        if (!(delta >= 0) || !(lambda > 0) || minValues < 1) {
            throw new IllegalArgumentException("Page-Hinkley needs delta >= 0, lambda > 0 and minValues >= 1; got "
                    + delta + ", " + lambda + ", " + minValues);
        }
        this.delta = delta;
        this.lambda = lambda;
        this.minValues = minValues;
    }

    @Override
    boolean update(double value) {
        n++;
        mean += (value - mean) / n;
        cumulative += value - mean - delta;
        minimum = Math.min(minimum, cumulative);
        if (n >= minValues && cumulative - minimum > lambda) {
            reset();
            return true;
        }
        return false;
    }

    @Override
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    @Override
    public void reset() {
        n = 0;
        mean = 0;
        cumulative = 0;
        minimum = 0;
    }

    @Override
    public String toString() {
        return "PageHinkley[delta=" + delta + ", lambda=" + lambda + ", n=" + n + ", detections=" + detections()
                + "]";
    }
}
