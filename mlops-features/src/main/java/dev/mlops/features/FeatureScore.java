package dev.mlops.features;

import java.util.Objects;

/**
 * One feature's score in a {@link FeatureRanking}.
 *
 * @param name the column name
 * @param score the score; higher is more useful
 */
public record FeatureScore(String name, double score) {
    /** Checks the name. */
    public FeatureScore {
        Objects.requireNonNull(name, "name");
    }
}
