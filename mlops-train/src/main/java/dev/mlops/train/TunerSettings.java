package dev.mlops.train;

import dev.mlops.api.Json;
import java.util.Objects;

/**
 * The settings of a search, all of them values: what a tuned run records (as JSON, parameter {@code tuner}) so that
 * the search can be repeated from its record. The trainer it searches around, and the executor, tracker and listener
 * it runs with, are not settings: see {@link Tuner#of(Trainer, TunerSettings)}.
 *
 * <pre>{@code
 * TunerSettings s = TunerSettings.newBuilder().space(ParamSpace.of().values("trees", 30, 80)).folds(5)
 *         .metric("roc_auc").build();
 * TunerSettings back = TunerSettings.fromJson(s.toJson());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param search grid or random search
 * @param trials the number of random points ({@link Search#RANDOM}); 0 for a grid, which tries every combination
 * @param folds the number of cross-validation folds, at least 2
 * @param metric the metric trials are scored by, or null for the default (accuracy, or balanced accuracy when the
 *     label is imbalanced as {@link Evaluator} decides it, for classifiers; r2 for regressors)
 * @param seed the seed of the folds and of the random points (the trainer keeps its own)
 * @param space the settings tried
 */
public record TunerSettings(Search search, int trials, int folds, String metric, long seed, ParamSpace space) {

    /** How the points of the space are chosen. */
    public enum Search {
        /** Every combination of the listed values. */
        GRID,
        /** Seeded random points. */
        RANDOM
    }

    /** Checks the settings as a whole. */
    public TunerSettings {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(space, "space");
        if (folds < 2) {
            throw new IllegalArgumentException("Cross-validation needs at least 2 folds, not " + folds);
        }
        if (search == Search.RANDOM && trials < 1) {
            throw new IllegalArgumentException("A random search needs at least one trial, not " + trials);
        }
        if (search == Search.GRID) {
            if (trials != 0) {
                throw new IllegalArgumentException("A grid search tries every combination; trials must be 0, not "
                        + trials + " (use a random search for a set number of trials)");
            }
            space.grid(); // rejects ranges now, not at tune time
        }
        if (metric != null && metric.isBlank()) {
            throw new IllegalArgumentException("The metric name is blank; give a metric or null for the default");
        }
    }

    /** A builder of a 5-fold grid search over an empty space, default metric, seed 42. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.search = search;
        b.trials = trials;
        b.folds = folds;
        b.metric = metric;
        b.seed = seed;
        b.space = space;
        return b;
    }

    /** The settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads settings written by {@link #toJson()}. */
    public static TunerSettings fromJson(String json) {
        return Json.read(json, TunerSettings.class);
    }

    /** Builds {@link TunerSettings}; every check happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Search search = Search.GRID;
        private int trials;
        private int folds = 5;
        private String metric;
        private long seed = 42L;
        private ParamSpace space = ParamSpace.of();

        private Builder() {
        }

        /** A grid search (the default): every combination, so no trial count. */
        public Builder grid() {
            this.search = Search.GRID;
            this.trials = 0;
            return this;
        }

        /** A random search of this many trials. */
        public Builder random(int count) {
            this.search = Search.RANDOM;
            this.trials = count;
            return this;
        }

        /** The number of folds (default 5). */
        public Builder folds(int k) {
            this.folds = k;
            return this;
        }

        /** The metric (default: chosen by the task and the label's balance). */
        public Builder metric(String name) {
            this.metric = name;
            return this;
        }

        /** The seed of folds and random points (default 42). */
        public Builder seed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        /** The settings tried (default: none, one trial of the trainer's own settings). */
        public Builder space(ParamSpace newSpace) {
            this.space = Objects.requireNonNull(newSpace, "space");
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException when fewer than 2 folds, a random search without trials, or a grid over a
         *     range
         */
        public TunerSettings build() {
            return new TunerSettings(search, trials, folds, metric, seed, space);
        }
    }
}
