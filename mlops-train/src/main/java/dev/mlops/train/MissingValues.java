package dev.mlops.train;

/**
 * What training and prediction do with a missing feature value. Impute with the fitted preprocessing first when
 * neither fits.
 */
public enum MissingValues {
    /**
     * Leave the feature out of that row's example. Tribuo's examples are sparse, so a left-out feature counts as
     * zero for linear models and as "not present" for trees: fine after scaling around zero, misleading otherwise.
     */
    SKIP,
    /** Reject the frame with an error that names the first row and column with a missing value. */
    REJECT
}
