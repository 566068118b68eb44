package dev.mlops.monitor;

import dev.mlops.api.Json;
import dev.mlops.data.profile.ColumnProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a monitor decides per-feature and dataset drift: the statistic per column (chosen by type and reference size
 * unless overridden, see docs/decisions/101), its threshold, and the calibration of thresholds on the reference.
 *
 * <p>Immutable; built with {@link #newBuilder()}, checked as a whole, copied with {@link #toBuilder()}, JSON with
 * {@link #toJson()} / {@link #fromJson(String)}.
 *
 * @param methods             per-column method overrides
 * @param thresholds          per-column threshold overrides (p-value or distance, by the method)
 * @param smallReference      reference rows up to which tests (KS, chi-squared, z) are the defaults, distances above
 * @param fewValues           numeric columns with at most this many distinct values are treated as discrete
 * @param datasetDriftShare   the share of drifted input features at which the dataset drifts
 * @param bins                reference-quantile bins for binned numeric distances
 * @param calibrationChunks   chunks the reference frame is split into to calibrate thresholds (0: no calibration)
 * @param calibrationSigmas   the calibrated limit is the chunks' mean plus this many standard deviations
 * @param seed                the seed of the chunks' shuffle
 */
public record DriftOptions(Map<String, DriftMethod> methods, Map<String, Double> thresholds, long smallReference,
                           int fewValues, double datasetDriftShare, int bins, int calibrationChunks,
                           double calibrationSigmas, long seed) {

    /** Checks the settings and reports every problem at once. */
    public DriftOptions {
        methods = Map.copyOf(Objects.requireNonNull(methods, "methods"));
        thresholds = Map.copyOf(Objects.requireNonNull(thresholds, "thresholds"));
        List<String> problems = new ArrayList<>();
        if (smallReference < 0) {
            problems.add("smallReference must be >= 0, got " + smallReference);
        }
        if (fewValues < 0) {
            problems.add("fewValues must be >= 0, got " + fewValues);
        }
        if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
            problems.add("datasetDriftShare must be in (0, 1], got " + datasetDriftShare);
        }
        if (bins < 2) {
            problems.add("bins must be >= 2, got " + bins);
        }
        if (calibrationChunks != 0 && calibrationChunks < 3) {
            problems.add("calibrationChunks must be 0 (off) or >= 3, got " + calibrationChunks);
        }
        if (!(calibrationSigmas > 0)) {
            problems.add("calibrationSigmas must be > 0, got " + calibrationSigmas);
        }
        thresholds.forEach((c, t) -> {
            if (!(t > 0)) {
                problems.add("the threshold of '" + c + "' must be > 0, got " + t);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid drift options: " + String.join("; ", problems));
        }
    }

    /** The defaults: tests up to 1000 reference rows, distances above; 0.05 / 0.1; dataset drift at half. */
    public static DriftOptions defaults() {
        return newBuilder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.methods.putAll(methods);
        b.thresholds.putAll(thresholds);
        b.smallReference = smallReference;
        b.fewValues = fewValues;
        b.datasetDriftShare = datasetDriftShare;
        b.bins = bins;
        b.calibrationChunks = calibrationChunks;
        b.calibrationSigmas = calibrationSigmas;
        b.seed = seed;
        return b;
    }

    /**
     * The method for a column: the override, else by type and size. Numeric with many values: KS for a small
     * reference, normalized Wasserstein for a large one. Numeric with few values: KS, or binned Jensen-Shannon.
     * Categorical, text and boolean: the z-test (two categories) or chi-squared for a small reference,
     * Jensen-Shannon for a large one.
     */
    public DriftMethod methodFor(ColumnProfile reference) {
        DriftMethod m = methods.get(reference.name());
        if (m != null) {
            return m;
        }
        boolean small = reference.present() <= smallReference;
        if (SketchStatistics.isNumeric(reference.type())) {
            boolean few = reference.distinct().map(d -> d.estimate() <= fewValues).orElse(false);
            return small ? DriftMethod.KS : few ? DriftMethod.JENSEN_SHANNON : DriftMethod.WASSERSTEIN;
        }
        if (!small) {
            return DriftMethod.JENSEN_SHANNON;
        }
        boolean binary = reference.type() == dev.mlops.api.FieldType.BOOLEAN
                || reference.frequentItems().map(f -> f.items().size() <= 2).orElse(false);
        return binary ? DriftMethod.Z_TEST : DriftMethod.CHI_SQUARED;
    }

    /** The threshold of a column's method: the override, else the method's default. */
    public double thresholdFor(String column, DriftMethod method) {
        Double t = thresholds.get(column);
        return t != null ? t : method.defaultThreshold();
    }

    /** The settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Settings read from {@link #toJson()}. */
    public static DriftOptions fromJson(String json) {
        return Json.read(json, DriftOptions.class);
    }

    /** Builds {@link DriftOptions}; each setting starts at its default. */
    public static final class Builder {
        private final Map<String, DriftMethod> methods = new LinkedHashMap<>();
        private final Map<String, Double> thresholds = new LinkedHashMap<>();
        private long smallReference = 1000;
        private int fewValues = 5;
        private double datasetDriftShare = 0.5;
        private int bins = 10;
        private int calibrationChunks = 10;
        private double calibrationSigmas = 3;
        private long seed = 42;

        private Builder() {
        }

        /** Uses this method for a column (checked against the column's type when the monitor is built). */
        public Builder method(String column, DriftMethod method) {
            methods.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(method, "method"));
            return this;
        }

        /** Uses this threshold for a column. */
        public Builder threshold(String column, double threshold) {
            thresholds.put(Objects.requireNonNull(column, "column"), threshold);
            return this;
        }

        /** Reference rows up to which tests are the defaults (1000). */
        public Builder smallReference(long rows) {
            this.smallReference = rows;
            return this;
        }

        /** Distinct values up to which a numeric column counts as discrete (5). */
        public Builder fewValues(int values) {
            this.fewValues = values;
            return this;
        }

        /** The share of drifted input features at which the dataset drifts (0.5). */
        public Builder datasetDriftShare(double share) {
            this.datasetDriftShare = share;
            return this;
        }

        /** Reference-quantile bins of binned numeric distances (10). */
        public Builder bins(int bins) {
            this.bins = bins;
            return this;
        }

        /** Reference chunks for calibrated thresholds (10), or 0 to hold every column to its fixed threshold. */
        public Builder calibrationChunks(int chunks) {
            this.calibrationChunks = chunks;
            return this;
        }

        /** Standard deviations above the chunks' mean at which a calibrated statistic drifts (3). */
        public Builder calibrationSigmas(double sigmas) {
            this.calibrationSigmas = sigmas;
            return this;
        }

        /** The seed of the chunks' shuffle (42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Checks and builds. */
        public DriftOptions build() {
            return new DriftOptions(methods, thresholds, smallReference, fewValues, datasetDriftShare, bins,
                    calibrationChunks, calibrationSigmas, seed);
        }
    }
}
