package dev.mlops.monitor;

/**
 * Multivariate drift of a window: the mean PCA reconstruction error of its rows against the band the reference's
 * chunks span (docs/decisions/103). All {@code NaN} and not drifted when the monitor has no reconstruction (it
 * needs a reference frame with at least two numeric columns).
 *
 * @param error   the window's mean reconstruction error
 * @param lower   the reference chunks' mean error minus k sd
 * @param upper   the reference chunks' mean error plus k sd
 * @param drifted whether the error is outside the band
 */
public record ReconstructionDrift(double error, double lower, double upper, boolean drifted) {
    /** No reconstruction. */
    public static final ReconstructionDrift NONE = new ReconstructionDrift(Double.NaN, Double.NaN, Double.NaN, false);

    /** Whether the monitor computed it. */
    public boolean available() {
        return !Double.isNaN(error);
    }
}
