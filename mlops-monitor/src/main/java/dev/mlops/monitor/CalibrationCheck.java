package dev.mlops.monitor;

/**
 * How well the model's probabilities were calibrated on the reference set (not the training set), and whether the
 * monitor recalibrates them isotonically before estimating performance.
 *
 * @param referenceRows  the reference predictions with labels
 * @param rawEce         expected calibration error of the raw probabilities (10 uniform bins)
 * @param isotonicEce    that of isotonic calibration, cross-validated on two folds of the reference
 * @param isotonic       whether isotonic calibration is used (it lowered the error)
 */
public record CalibrationCheck(int referenceRows, double rawEce, double isotonicEce, boolean isotonic) {
}
