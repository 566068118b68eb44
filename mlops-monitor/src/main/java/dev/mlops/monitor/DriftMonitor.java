package dev.mlops.monitor;

import dev.mlops.api.DataException;
import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import dev.mlops.api.PredictionListener;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Watches a deployed model's traffic against its reference: rows are cut into windows (by count, time or key),
 * each window is a mergeable {@link Profile}, and each closed window gets a {@link WindowReport} of per-feature and
 * prediction drift with sketch error bounds.
 *
 * <p>It is a {@link PredictionListener}, so it subscribes to a server ({@code server.onPrediction(monitor)}), and it
 * also takes frames of inputs and outputs logged by any system ({@link #observe(Frame, Frame, Instant)}).
 *
 * <p>Thread-safe: observing, reporting and snapshots are serialized on the monitor.
 *
 * <pre>{@code
 * DriftMonitor monitor = DriftMonitor.against(referenceProfile).window(Duration.ofHours(1)).build();
 * server.onPrediction(monitor);
 * }</pre>
 */
public interface DriftMonitor extends PredictionListener, AutoCloseable {

    /** A builder of a monitor against a reference profile (the one stored in every {@code ModelArtifact}). */
    static Builder against(Profile reference) {
        return new Builder(Objects.requireNonNull(reference, "reference"), null);
    }

    /**
     * A builder of a monitor against a reference frame (for example the validation set): its profile is the
     * reference, and its chunks calibrate the thresholds (see {@link DriftOptions#calibrationChunks()}).
     */
    static Builder against(Frame reference) {
        return new Builder(null, Objects.requireNonNull(reference, "reference"));
    }

    /**
     * A builder against the reference profile of a model artifact.
     *
     * @throws DataException when the artifact carries no profile
     */
    static Builder against(ModelArtifact artifact) {
        if (artifact.profile() == null || artifact.profile().isNull() || artifact.profile().isEmpty()) {
            throw new DataException("The model artifact has no reference profile; package it with a Profile of "
                    + "its training data, or build the monitor against a Profile or a Frame");
        }
        return against(Profile.fromJson(artifact.profile().toString()));
    }

    /** A monitor that observes nothing and reports nothing. */
    static DriftMonitor disabled() {
        return DisabledMonitor.INSTANCE;
    }

    /** Observes a served prediction (the listener entry point). */
    @Override
    default void onPrediction(PredictionEvent event) {
        observe(event);
    }

    /** Observes a served prediction: its inputs and outputs at the event's time. */
    void observe(PredictionEvent event);

    /**
     * Observes rows predicted by any system: inputs, outputs (a frame with no columns when there are none) and
     * when. Output columns whose name clashes with an input are profiled as {@code output.<name>}.
     */
    default void observe(Frame inputs, Frame outputs, Instant time) {
        observe(inputs, outputs, time, List.of());
    }

    /**
     * Observes rows predicted by any system with the request id of each row, so labels that arrive later join
     * them ({@link #label(String, Object)}); an empty list means no ids.
     */
    void observe(Frame inputs, Frame outputs, Instant time, List<String> requestIds);

    /**
     * Joins the true label (a class name, or a number for regression) of an observed prediction by its request id.
     *
     * @throws IllegalStateException when the monitor was built without {@link Builder#labels}
     */
    LabelOutcome label(String requestId, Object truth);

    /** The counts of the label join so far. */
    LabelStats labelStats();

    /** The measured performance of each window whose predictions got labels, oldest first. */
    List<WindowPerformance> performance();

    /**
     * The performance of each window estimated from the model's probabilities, without labels, oldest first
     * (empty unless built with {@link Builder#estimatePerformance}).
     */
    List<EstimatedPerformance> estimatedPerformance();

    /** The calibration check of the estimation's reference set, when performance is estimated. */
    java.util.Optional<CalibrationCheck> calibration();

    /** The reference profile windows are compared with. */
    Profile reference();

    /** The reference profile of the model's outputs, when one was given. */
    java.util.Optional<Profile> predictionReference();

    /** Closes the time windows that ended by the monitor's clock; returns their reports. */
    List<WindowReport> advance();

    /** Closes every open window, partial ones included; returns their reports. */
    List<WindowReport> flush();

    /** The reports of the closed windows so far (the most recent {@code history} of them), oldest first. */
    List<WindowReport> reports();

    /** The closed windows so far (the most recent {@code history}), oldest first: merge them for longer spans. */
    List<Window> windows();

    /** The open windows as they stand. */
    List<Window> openWindows();

    /** The report of any window against the reference (a merged one, or one rebuilt from a prediction log). */
    WindowReport evaluate(Window window);

    /** Rows of time windows that arrived after their window had closed: counted here, not profiled. */
    long lateRows();

    /** Calls the listener with every report as its window closes, on the observing thread; close to unsubscribe. */
    AutoCloseable onReport(Consumer<WindowReport> listener);

    /** The open windows as JSON, so a restarted monitor continues them ({@link Builder#restore(String)}). */
    String snapshot();

    /** Stops observing; open windows stay open (take a {@link #snapshot()} first to keep them). */
    @Override
    void close();

    /** Builds a {@link DriftMonitor}. */
    final class Builder {
        private static long numericColumns(Frame f) {
            return f.columns().stream().filter(c -> c instanceof dev.mlops.api.DoubleColumn
                    || c instanceof dev.mlops.api.LongColumn).count();
        }

        private final Profile referenceProfile;
        private final Frame referenceFrame;
        private WindowSpec window = WindowSpec.rows(1000);
        private DriftOptions options = DriftOptions.defaults();
        private ProfileOptions profileOptions;
        private double windowSampling = Double.NaN;
        private Clock clock = Clock.systemUTC();
        private int history = 1000;
        private String snapshot;
        private Profile predictionReference;
        private boolean reconstruction = true;
        private PerformanceSpec performance;
        private Duration labelTtl;
        private int labelCapacity;
        private PerformanceSpec estimationSpec;
        private Frame estimationOutputs;
        private List<String> estimationTruth;
        private AlertRouter alertRouter;
        private double performanceFloor = Double.NaN;
        private String scoreColumn;
        private ChangeDetector scoreDetector;
        private ChangeDetector errorDetector;
        private io.micrometer.core.instrument.MeterRegistry meterRegistry;

        private Builder(Profile referenceProfile, Frame referenceFrame) {
            this.referenceProfile = referenceProfile;
            this.referenceFrame = referenceFrame;
        }

        /** How windows are cut (default: 1000 rows). */
        public Builder window(WindowSpec window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Tumbling time windows of this length. */
        public Builder window(Duration size) {
            return window(WindowSpec.tumbling(size));
        }

        /** Windows of this many rows. */
        public Builder windowRows(int rows) {
            return window(WindowSpec.rows(rows));
        }

        /** How drift is decided. */
        public Builder options(DriftOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The sketch sizes of window profiles (default: the reference's, without distinct counts of numeric columns,
         * which drift evaluation never reads from a window and which cost a hash per value on the listener thread).
         */
        public Builder profileOptions(ProfileOptions options) {
            this.profileOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Window quantile sketches see a Bernoulli sample of each numeric column at this rate (seeded from
         * {@link DriftOptions#seed()}); counts, missing values and moments still cover every row, and every bound
         * of a numeric drift statistic widens by the sampling error (docs/decisions/114). 1 sketches every value.
         * Default: row-count windows of at least 2^16 rows are sampled at a power of 1/2 that keeps 2^15 to 2^16
         * values per column (1/32 at 2^20 rows), other windows are not. A monitor restores only a snapshot taken
         * at the same rate.
         */
        public Builder windowSampling(double rate) {
            if (!(rate > 0 && rate <= 1)) {
                throw new IllegalArgumentException("windowSampling must be a rate in (0, 1], got " + rate);
            }
            this.windowSampling = rate;
            return this;
        }

        /** The clock that closes time windows (tests pass a fixed or stepping one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How many closed windows and reports are kept (1000). */
        public Builder history(int windows) {
            if (windows < 1) {
                throw new IllegalArgumentException("history must be >= 1, got " + windows);
            }
            this.history = windows;
            return this;
        }

        /**
         * The reference distribution of the model's outputs (the profile of its predictions on the reference set),
         * so output columns of the same names are reported as prediction drift.
         */
        public Builder predictionReference(Profile outputs) {
            this.predictionReference = Objects.requireNonNull(outputs, "outputs");
            return this;
        }

        /** The reference distribution of the outputs, from a frame of them. */
        public Builder predictionReference(Frame outputs) {
            return predictionReference(Profile.of(outputs));
        }

        /**
         * Whether to measure multivariate drift by PCA reconstruction (on by default when the reference is a frame
         * with at least two numeric columns; it needs the reference rows).
         */
        public Builder reconstruction(boolean on) {
            this.reconstruction = on;
            return this;
        }

        /**
         * Joins delayed labels: predictions observed with request ids wait up to {@code ttl} from when the monitor
         * observed them (by its clock) for their label in a store of at most {@code capacity}, oldest evicted first; performance is
         * measured per window from the outputs the spec names.
         */
        public Builder labels(PerformanceSpec spec, Duration ttl, int capacity) {
            this.performance = Objects.requireNonNull(spec, "spec");
            this.labelTtl = Objects.requireNonNull(ttl, "ttl");
            this.labelCapacity = capacity;
            return this;
        }

        /**
         * Estimates performance per window without labels (binary classifiers): the model's outputs on a labelled
         * reference set that is not its training set, with the true labels, check (and if it helps, isotonically
         * correct) the calibration of its probabilities.
         */
        public Builder estimatePerformance(PerformanceSpec spec, Frame referenceOutputs, List<String> referenceTruth) {
            this.estimationSpec = Objects.requireNonNull(spec, "spec");
            this.estimationOutputs = Objects.requireNonNull(referenceOutputs, "referenceOutputs");
            this.estimationTruth = List.copyOf(referenceTruth);
            return this;
        }

        /**
         * Sends alerts through this router: a window with dataset, prediction or multivariate drift, a detector
         * that fires, and measured or estimated accuracy below the {@link #performanceFloor floor}.
         */
        public Builder alerts(AlertRouter router) {
            this.alertRouter = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Alerts when a window's measured accuracy (at least 30 labels) or the upper end of its estimated accuracy
         * band falls below this (a share, or the RMSE above it for regression).
         */
        public Builder performanceFloor(double floor) {
            this.performanceFloor = floor;
            return this;
        }

        /** Feeds every observed value of an output column (a score) to a change detector. */
        public Builder detectScore(String outputColumn, ChangeDetector detector) {
            this.scoreColumn = Objects.requireNonNull(outputColumn, "outputColumn");
            this.scoreDetector = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /** Feeds the error of every joined label (1 wrong, 0 right; absolute error for regression) to a detector. */
        public Builder detectErrors(ChangeDetector detector) {
            this.errorDetector = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /**
         * Registers Micrometer meters in a host's registry: {@code mlops.monitor.drift.score{column}},
         * {@code mlops.monitor.drifted.features}, {@code mlops.monitor.drifted.share},
         * {@code mlops.monitor.reconstruction.error}, {@code mlops.monitor.performance{kind, metric}},
         * {@code mlops.monitor.labels{state}}, {@code mlops.monitor.labels.pending}, {@code mlops.monitor.windows},
         * {@code mlops.monitor.alerts}.
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Continues the open windows of a {@link DriftMonitor#snapshot()}. */
        public Builder restore(String snapshot) {
            this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
            return this;
        }

        /**
         * Profiles (and calibrates on) the reference and builds the monitor.
         *
         * @throws IllegalArgumentException when a method override names an unknown column or does not fit its type,
         *     or the snapshot was taken with other windows
         */
        public DriftMonitor build() {
            ProfileOptions po = profileOptions != null ? profileOptions
                    : referenceProfile != null ? referenceProfile.options() : ProfileOptions.DEFAULTS;
            Profile reference = referenceProfile != null ? referenceProfile : Profile.of(referenceFrame, po);
            java.util.Map<String, Double> limits = referenceFrame == null ? java.util.Map.of()
                    : DriftEvaluator.calibrate(referenceFrame, reference, options, po);
            Reconstruction rec = null;
            if (reconstruction && referenceFrame != null && numericColumns(referenceFrame) >= 2) {
                rec = Reconstruction.fit(referenceFrame, Math.max(3, options.calibrationChunks()),
                        options.calibrationSigmas(), options.seed());
            }
            DriftEvaluator evaluator = new DriftEvaluator(reference, predictionReference, rec, options, limits);
            LabelJoin join = performance == null ? null
                    : new LabelJoin(performance, labelTtl, labelCapacity, history);
            PerformanceEstimator estimator = estimationSpec == null ? null : new PerformanceEstimator(estimationSpec,
                    estimationOutputs, estimationTruth, history, options.seed());
            MonitorAlerts alerts = new MonitorAlerts(alertRouter, performanceFloor, scoreColumn, scoreDetector,
                    errorDetector, performance != null && performance.regression());
            ProfileOptions windows = profileOptions != null ? profileOptions : po.withNumericDistinct(false);
            double rate = Double.isNaN(windowSampling) ? Windower.autoSampleRate(window) : windowSampling;
            WindowedDriftMonitor monitor = new WindowedDriftMonitor(evaluator,
                    new Windower(window, windows, rate, options.seed()), join, estimator, alerts, clock, history,
                    snapshot);
            if (meterRegistry != null) {
                monitor.bindMeters(meterRegistry);
            }
            return monitor;
        }
    }
}
