package dev.mlops.monitor;

/** Whether a statistic drifted, taking the sketches' error bound into account. */
public enum Verdict {
    /** The whole bound is on the drift side of the threshold. */
    DRIFT,
    /** The whole bound is on the no-drift side of the threshold. */
    NO_DRIFT,
    /** The threshold lies inside the bound: the sketches cannot decide. */
    UNDECIDED;

    /** The verdict of a value bound against a threshold that is crossed upwards ({@code > threshold} drifts). */
    static Verdict above(double lower, double upper, double threshold) {
        if (lower > threshold) {
            return DRIFT;
        }
        return upper <= threshold ? NO_DRIFT : UNDECIDED;
    }

    /** The verdict of a p-value bound: drift when the p-value is below the threshold. */
    static Verdict below(double lower, double upper, double threshold) {
        if (upper < threshold) {
            return DRIFT;
        }
        return lower >= threshold ? NO_DRIFT : UNDECIDED;
    }
}
