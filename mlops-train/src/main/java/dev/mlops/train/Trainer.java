package dev.mlops.train;

import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;

import dev.mlops.api.Frame;
import dev.mlops.api.TrainingException;
import dev.mlops.api.model.ModelTask;
import dev.mlops.data.profile.Profile;
import dev.mlops.features.FeatureSelection;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.SelectionRule;
import dev.mlops.train.internal.FrameConverter;
import dev.mlops.train.internal.TribuoProgress;
import dev.mlops.train.internal.TribuoTrainers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

/**
 * Trains a Tribuo model on a {@link Frame}. Immutable: each {@code with}-style method returns a new trainer, so one
 * configured trainer can be shared and reused.
 *
 * <pre>{@code
 * TrainedModel model = Trainer.logisticRegression().seed(42).train(train, "class");
 * }</pre>
 *
 * <p>Feature columns are those with role FEATURE other than the label; NUMERIC, INTEGER and BOOLEAN columns become
 * real-valued features, CATEGORICAL ones one-hot features named {@code column=value}. A WEIGHT column weights
 * examples. Missing values follow {@link #missingValues(MissingValues)} (default {@link MissingValues#SKIP}).
 *
 * <p>With {@link #preprocessing(FittedPreprocessing)} the trainer fits nothing itself: it applies the fitted chain to
 * the frame, trains on its all-numeric output columns, and the model applies the chain again before every
 * prediction, so training and serving see the same features.
 *
 * <p>With {@link #preprocessing(Preprocessing)} (and optionally {@link #selection(SelectionRule)}) the trainer is a
 * whole pipeline, as a scikit-learn {@code Pipeline} is: every {@link #train} first selects the features on the rows
 * it is given, then fits the chain, restricted to them, on those rows, then trains the model on the chain's outputs.
 * Cross-validation ({@link Tuner}) fits it so on each training fold, and the held-out fold never reaches the
 * selection or the chain's fitted state (decision 115).
 */
public final class Trainer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Trainer.class);
    /** Above this magnitude a numeric feature is called unscaled in the SGD warning (decision 086). */
    private static final double UNSCALED = 10;

    private final TrainerSettings settings;
    private final MissingValues missing;
    private final TrainingListener listener;
    private final FittedPreprocessing preprocessing;
    private final Preprocessing chain;
    private final SelectionRule selection;
    private final boolean profile;

    private Trainer(TrainerSettings settings, MissingValues missing, TrainingListener listener,
                    FittedPreprocessing preprocessing, Preprocessing chain, SelectionRule selection, boolean profile) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.missing = Objects.requireNonNull(missing, "missing");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.preprocessing = preprocessing;
        this.chain = chain;
        this.selection = selection;
        this.profile = profile;
    }

    /** A trainer with these settings. */
    public static Trainer of(TrainerSettings settings) {
        return new Trainer(settings, MissingValues.SKIP, TrainingListener.none(), null, null, null, false);
    }

    /**
     * Multinomial logistic regression by SGD with scikit-learn's default L2 penalty (C=1); within a point of
     * scikit-learn's {@code LogisticRegression()} when the features are standard-scaled, which SGD needs: give it a
     * {@link #preprocessing(FittedPreprocessing) preprocessing} that scales the numeric columns (decision 086).
     */
    public static Trainer logisticRegression() {
        return of(TrainerSettings.LogisticRegression.defaults());
    }

    /** A factorization machine classifier. */
    public static Trainer factorizationMachineClassifier() {
        return of(TrainerSettings.FactorizationMachineClassifier.defaults());
    }

    /** A LibLinear classifier (L2-regularised logistic regression by default). */
    public static Trainer libLinearClassifier() {
        return of(TrainerSettings.LibLinearClassifier.defaults());
    }

    /** A LibSVM classifier (RBF kernel, probability estimates). */
    public static Trainer libSvmClassifier() {
        return of(TrainerSettings.LibSvmClassifier.defaults());
    }

    /** A CART decision tree classifier. */
    public static Trainer cartClassifier() {
        return of(TrainerSettings.CartClassifier.defaults());
    }

    /** A random forest classifier. */
    public static Trainer randomForestClassifier() {
        return of(TrainerSettings.RandomForestClassifier.defaults());
    }

    /** An XGBoost classifier. */
    public static Trainer xgboostClassifier() {
        return of(TrainerSettings.XGBoostClassifier.defaults());
    }

    /**
     * Least-squares linear regression (LibLinear's L2-loss regression with a negligible ridge penalty): the default
     * linear regressor, within a point of scikit-learn's {@code LinearRegression()} in R², scaled features or not
     * (decision 087).
     */
    public static Trainer linearRegression() {
        return of(TrainerSettings.LibLinearRegressor.leastSquares());
    }

    /**
     * Linear regression by SGD on squared loss. SGD needs standard-scaled features and a target of moderate size; on
     * raw data it can miss badly (R² near 0 where least squares reaches 0.66): prefer {@link #linearRegression()}.
     */
    public static Trainer linearSgdRegressor() {
        return of(TrainerSettings.LinearSgdRegressor.defaults());
    }

    /** A factorization machine regressor. */
    public static Trainer factorizationMachineRegressor() {
        return of(TrainerSettings.FactorizationMachineRegressor.defaults());
    }

    /** A LibLinear regressor (L2-loss SVR). */
    public static Trainer libLinearRegressor() {
        return of(TrainerSettings.LibLinearRegressor.defaults());
    }

    /** A CART regression tree. */
    public static Trainer cartRegressor() {
        return of(TrainerSettings.CartRegressor.defaults());
    }

    /** An XGBoost regressor. */
    public static Trainer xgboostRegressor() {
        return of(TrainerSettings.XGBoostRegressor.defaults());
    }

    /** Elastic net (sparse linear) regression. */
    public static Trainer elasticNetRegressor() {
        return of(TrainerSettings.ElasticNetRegressor.defaults());
    }

    /** This trainer with another seed. */
    public Trainer seed(long seed) {
        return withSettings(settings.withSeed(seed));
    }

    /** This trainer with one setting changed by name (see {@link TrainerSettings#with(String, Object)}). */
    public Trainer with(String setting, Object value) {
        return withSettings(settings.with(setting, value));
    }

    /** This trainer with several settings changed by name. */
    public Trainer with(Map<String, ?> changes) {
        return withSettings(settings.with(changes));
    }

    /** This trainer with other settings (of any algorithm). */
    public Trainer withSettings(TrainerSettings newSettings) {
        return newSettings.equals(settings) ? this : new Trainer(newSettings, missing, listener, preprocessing,
                chain, selection, profile);
    }

    /** This trainer with a missing-value policy. */
    public Trainer missingValues(MissingValues policy) {
        return policy == missing ? this : new Trainer(settings, policy, listener, preprocessing, chain, selection,
                profile);
    }

    /** This trainer reporting progress to a listener. */
    public Trainer listener(TrainingListener newListener) {
        return new Trainer(settings, missing, newListener, preprocessing, chain, selection, profile);
    }

    /**
     * This trainer applying a chain fitted elsewhere before training and before every prediction. Its fitted state
     * saw whatever rows it was fitted on: to cross-validate without leakage give the unfitted chain instead,
     * {@link #preprocessing(Preprocessing)}. Replaces an unfitted chain.
     */
    public Trainer preprocessing(FittedPreprocessing fitted) {
        return new Trainer(settings, missing, listener, Objects.requireNonNull(fitted, "fitted"), null, selection,
                profile);
    }

    /**
     * This trainer fitting a preprocessing chain as the first step of every {@link #train}, on exactly the rows it
     * trains on (after the {@link #selection(SelectionRule) selection}, restricted to the selected columns); the
     * model applies the fitted chain before every prediction. Replaces a fitted chain.
     */
    public Trainer preprocessing(Preprocessing unfitted) {
        return new Trainer(settings, missing, listener, null, Objects.requireNonNull(unfitted, "unfitted"),
                selection, profile);
    }

    /**
     * This trainer selecting its features by a rule on the rows of every {@link #train}, before fitting the chain
     * (if any); the model reads only the selected columns.
     *
     * @throws IllegalStateException at training time when the chain is already fitted (it was fitted on its own
     *     columns: give the unfitted chain)
     */
    public Trainer selection(SelectionRule rule) {
        return new Trainer(settings, missing, listener, preprocessing, chain, Objects.requireNonNull(rule, "rule"),
                profile);
    }

    /** This trainer recording a {@link Profile} of the training frame with the model (default off). */
    public Trainer recordProfile(boolean record) {
        return record == profile ? this : new Trainer(settings, missing, listener, preprocessing, chain, selection,
                record);
    }

    /** The chain fitted elsewhere, if one is set ({@link #preprocessing(FittedPreprocessing)}). */
    public java.util.Optional<FittedPreprocessing> preprocessing() {
        return java.util.Optional.ofNullable(preprocessing);
    }

    /** The unfitted chain each training fits, if one is set ({@link #preprocessing(Preprocessing)}). */
    public java.util.Optional<Preprocessing> pipelineChain() {
        return java.util.Optional.ofNullable(chain);
    }

    /** The selection rule each training applies, if one is set. */
    public java.util.Optional<SelectionRule> selection() {
        return java.util.Optional.ofNullable(selection);
    }

    /** Whether this trainer records a profile of its training frame with the model. */
    public boolean recordsProfile() {
        return profile;
    }

    /** The settings. */
    public TrainerSettings settings() {
        return settings;
    }

    /** The missing-value policy. */
    public MissingValues missingValues() {
        return missing;
    }

    /** The progress listener. */
    public TrainingListener listener() {
        return listener;
    }

    /**
     * The Tribuo dataset this trainer would train on: the frame's features converted as {@link #train} does, for
     * code that calls Tribuo directly.
     */
    public MutableDataset<?> dataset(Frame original, String label) {
        Fitted f = fitSteps(original, label);
        Frame frame = f.trainer().modelInput(f.rows(), label);
        List<Field> features = FrameConverter.featureFields(frame, label);
        return settings.task() == ModelTask.CLASSIFICATION ? FrameConverter.classification(frame, label, features, missing)
                : FrameConverter.regression(frame, label, features, missing);
    }

    /** A trainer of the model alone, over the chain fitted on some rows, and the rows it trains on. */
    private record Fitted(Trainer trainer, Frame rows) {
    }

    /**
     * The pipeline's feature steps fitted on these rows: the selection made, and the chain, restricted to it, fitted.
     * A trainer with a chain reads the rows whole (the fitted chain reads only the selected columns); one without
     * reads them projected to the selection. Nothing to fit: this trainer and the rows.
     */
    private Fitted fitSteps(Frame rows, String label) {
        if (selection == null && chain == null) {
            return new Fitted(this, rows);
        }
        if (selection != null && preprocessing != null) {
            throw new IllegalStateException("A selection rule cannot come before a chain that is already fitted (on"
                    + " its own columns " + preprocessing.inputFields().stream().map(Field::name).toList() + "); give"
                    + " Trainer.preprocessing the unfitted Preprocessing so that it is fitted after the selection");
        }
        if (!rows.hasColumn(label)) {
            throw new TrainingException("No label column '" + label + "'; the columns are " + rows.columnNames());
        }
        Frame input = rows;
        Preprocessing steps = chain;
        if (selection != null) {
            FeatureSelection chosen = selection.select(rows, label);
            if (chosen.columns().isEmpty()) {
                throw new TrainingException("The selection rule " + selection + " kept no feature of the "
                        + rows.rowCount() + " rows; lower minScore or set atLeast");
            }
            input = chosen.project(rows);
            steps = chain == null ? null : chain.restrictTo(chosen.columns());
        }
        if (steps == null) {
            return new Fitted(new Trainer(settings, missing, listener, null, null, null, profile), input);
        }
        FittedPreprocessing fit;
        try {
            fit = steps.fit(input);
        } catch (IllegalArgumentException e) {
            throw new TrainingException("The preprocessing does not fit the " + rows.rowCount() + " training rows: "
                    + e.getMessage(), e);
        }
        return new Fitted(new Trainer(settings, missing, listener, fit, null, null, profile), rows);
    }

    /**
     * Trains on a frame.
     *
     * @param original the training rows (the fitted preprocessing, if any, is applied to them)
     * @param label the label column: categorical, boolean, integer or text for classifiers, numeric or integer for
     *     regressors
     * @throws TrainingException naming the row and column for bad input, or wrapping Tribuo's failure
     */
    public TrainedModel train(Frame original, String label) {
        Fitted f = fitSteps(original, label);
        return f.trainer().trainFitted(f.rows(), original, label);
    }

    /** Trains on {@code rows} with the fitted chain (if any); the model's provenance names {@code original}. */
    private TrainedModel trainFitted(Frame rows, Frame original, String label) {
        Frame frame = modelInput(rows, label);
        List<Field> features = FrameConverter.featureFields(frame, label);
        warnIfUnscaled(frame, features);
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.CONVERT, 0, 1, frame.rowCount() + " rows"));
        Model<?> model;
        if (settings.task() == ModelTask.CLASSIFICATION) {
            MutableDataset<Label> ds = FrameConverter.classification(frame, label, features, missing);
            if (ds.getOutputInfo().size() < 2) {
                throw new TrainingException("Label column '" + label + "' has only one class "
                        + ds.getOutputInfo().getDomain() + " in " + frame.rowCount() + " rows; a classifier needs at"
                        + " least two");
            }
            double totalWeight = 0;
            for (org.tribuo.Example<Label> e : ds) {
                totalWeight += e.getWeight();
            }
            model = fit(ds, TribuoTrainers.classifier(settings, loggingInterval(ds.size()), totalWeight));
        } else {
            MutableDataset<Regressor> ds = FrameConverter.regression(frame, label, features, missing);
            model = fit(ds, TribuoTrainers.regressor(settings, loggingInterval(ds.size())));
        }
        return new TrainedModel(model, settings.task(), label, features, settings, missing,
                Map.of("train", original.fingerprint()), preprocessing, profile ? Profile.of(original) : null);
    }

    /** SGD needs features on comparable scales and scales nothing itself; a raw frame gets a warning that says so. */
    private void warnIfUnscaled(Frame frame, List<Field> features) {
        boolean sgd = settings instanceof TrainerSettings.LogisticRegression
                || settings instanceof TrainerSettings.LinearSgdRegressor
                || settings instanceof TrainerSettings.FactorizationMachineClassifier
                || settings instanceof TrainerSettings.FactorizationMachineRegressor;
        if (!sgd || preprocessing != null || !LOG.isWarnEnabled()) {
            return;
        }
        List<String> large = new java.util.ArrayList<>();
        for (Field f : features) {
            Column c = frame.column(f.name());
            double max = 0;
            for (int i = 0; i < c.size(); i++) {
                if (!c.isMissing(i)) {
                    double v = c instanceof dev.mlops.api.DoubleColumn d ? d.getDouble(i)
                            : c instanceof dev.mlops.api.LongColumn l ? l.getDouble(i) : 0;
                    max = Math.max(max, Math.abs(v));
                }
            }
            if (max > UNSCALED) {
                large.add(f.name() + " (up to " + (float) max + ")");
            }
        }
        if (!large.isEmpty()) {
            LOG.warn("The {} trainer learns by SGD, which trains poorly on unscaled features, and these reach beyond"
                    + " +-{}: {}. Standard-scale them with Trainer.preprocessing(Preprocessing.newBuilder()"
                    + ".scale(Transform.Scaling.STANDARD, ...)...fit(train)).", settings.algorithm(), (int) UNSCALED,
                    large.size() > 5 ? large.subList(0, 5) + " and " + (large.size() - 5) + " more" : large);
        }
    }

    /** What the converter reads: the preprocessing's outputs plus the label and weight columns, or the frame itself. */
    private Frame modelInput(Frame frame, String label) {
        if (preprocessing == null) {
            return frame;
        }
        if (!frame.hasColumn(label)) {
            throw new TrainingException("No label column '" + label + "'; the columns are " + frame.columnNames());
        }
        Frame out;
        try {
            out = preprocessing.apply(frame);
        } catch (IllegalArgumentException e) {
            throw new TrainingException("The fitted preprocessing cannot be applied to this frame: " + e.getMessage(),
                    e);
        }
        out = out.withColumn(frame.column(label).withField(frame.column(label).field().withRole(FieldRole.LABEL)));
        for (Column c : frame.columns()) {
            if (c.field().role() == FieldRole.WEIGHT && !out.hasColumn(c.name())) {
                out = out.withColumn(c);
            }
        }
        return out;
    }

    private <T extends org.tribuo.Output<T>> Model<T> fit(MutableDataset<T> ds, org.tribuo.Trainer<T> trainer) {
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.CONVERT, 1, 1, ds.size() + " examples, "
                + ds.getFeatureMap().size() + " features"));
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FIT, 0, units(), settings.algorithm()));
        Model<T> model;
        TribuoProgress.bridgeToSlf4j();
        try (TribuoProgress progress = listening() ? new TribuoProgress(stepsPerEpoch(ds.size()),
                (epoch, loss) -> listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FIT,
                        Math.min(epoch, units()), units(), "epoch " + epoch + " average loss " + loss)),
                (tree, nan) -> listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FIT,
                        Math.min(tree - 1, units()), units(), "tree " + tree))) : null) {
            model = trainer.train(ds);
        } catch (RuntimeException e) {
            throw new TrainingException("Tribuo's " + settings.algorithm() + " trainer failed on " + ds.size()
                    + " examples with " + ds.getFeatureMap().size() + " features: " + e.getMessage()
                    + ". Check the settings " + settings.toParams(), e);
        }
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FIT, units(), units(), settings.algorithm()
                + " done"));
        return model;
    }

    private boolean listening() {
        return !(listener instanceof NoListener);
    }

    /** The units FIT progress counts: epochs of SGD trainers, trees of a random forest, else 1. */
    private int units() {
        if (settings instanceof TrainerSettings.LogisticRegression r) {
            return r.epochs();
        }
        if (settings instanceof TrainerSettings.FactorizationMachineClassifier r) {
            return r.epochs();
        }
        if (settings instanceof TrainerSettings.LinearSgdRegressor r) {
            return r.epochs();
        }
        if (settings instanceof TrainerSettings.FactorizationMachineRegressor r) {
            return r.epochs();
        }
        if (settings instanceof TrainerSettings.RandomForestClassifier r) {
            return r.trees();
        }
        return 1;
    }

    private long stepsPerEpoch(int examples) {
        int batch = settings instanceof TrainerSettings.LogisticRegression r ? r.minibatchSize()
                : settings instanceof TrainerSettings.FactorizationMachineClassifier r ? r.minibatchSize()
                : settings instanceof TrainerSettings.LinearSgdRegressor r ? r.minibatchSize()
                : settings instanceof TrainerSettings.FactorizationMachineRegressor r ? r.minibatchSize() : 1;
        return (examples + batch - 1) / batch;
    }

    /** Tribuo's SGD logging interval: once per epoch while someone listens, never otherwise. */
    private int loggingInterval(int examples) {
        return listening() ? (int) Math.min(Integer.MAX_VALUE, stepsPerEpoch(examples)) : -1;
    }

    @Override
    public String toString() {
        return "Trainer[" + settings.toParams() + ", missing=" + missing + "]";
    }
}
