package dev.mlops.train;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.api.ModelLoadException;
import dev.mlops.api.TrainingException;
import dev.mlops.api.model.PredictionColumns;
import dev.mlops.api.model.ModelTask;
import dev.mlops.data.profile.Profile;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.train.internal.FrameConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A trained model: the Tribuo model, its provenance, the feature columns and label it was trained on, the
 * settings, the fingerprints of its data, and (both optional) the fitted preprocessing applied before every
 * prediction and the training data's reference profile.
 *
 * <p>Immutable and safe to share between threads (Tribuo models predict concurrently). Saved as a folder with
 * Tribuo's protobuf model file and a JSON description; never Java serialization.
 */
public final class TrainedModel {
    /** The version of the saved layout; loading refuses newer ones. */
    public static final int FORMAT_VERSION = 1;
    static final String MODEL_FILE = "model.tribuo";
    static final String META_FILE = "model.json";
    static final String PREPROCESSING_FILE = "preprocessing.json";
    static final String PROFILE_FILE = "profile.json";

    private final Model<?> model;
    private final ModelTask task;
    private final String label;
    private final List<Field> features;
    private final List<String> classes;
    private final TrainerSettings settings;
    private final MissingValues missing;
    private final Map<String, String> dataFingerprints;
    private final FittedPreprocessing preprocessing;
    private final Profile referenceProfile;
    private volatile String provenanceJson;

    TrainedModel(Model<?> model, ModelTask task, String label, List<Field> features, TrainerSettings settings,
                 MissingValues missing, Map<String, String> dataFingerprints, FittedPreprocessing preprocessing,
                 Profile referenceProfile) {
        this.model = Objects.requireNonNull(model, "model");
        this.task = task;
        this.label = label;
        this.features = List.copyOf(features);
        this.settings = settings;
        this.missing = missing;
        this.dataFingerprints = Map.copyOf(dataFingerprints);
        this.preprocessing = preprocessing;
        this.referenceProfile = referenceProfile;
        List<String> names = new ArrayList<>();
        if (task == ModelTask.CLASSIFICATION) {
            model.getOutputIDInfo().getDomain().forEach(o -> names.add(o.toString()));
            names.sort(null);
        }
        this.classes = List.copyOf(names);
    }

    /** The Tribuo model (to inspect it, export it, or call Tribuo directly). */
    public Model<?> tribuoModel() {
        return model;
    }

    /** Classification or regression. */
    public ModelTask task() {
        return task;
    }

    /** The label column it predicts. */
    public String label() {
        return label;
    }

    /** The feature columns the Tribuo model reads (the preprocessing's outputs when there is one). */
    public List<Field> features() {
        return features;
    }

    /** The class names in the order of the probability columns (empty for regression). */
    public List<String> classes() {
        return classes;
    }

    /** The settings it was trained with. */
    public TrainerSettings settings() {
        return settings;
    }

    /** How it treats missing feature values. */
    public MissingValues missingValues() {
        return missing;
    }

    /** Data role ({@code train}) to the fingerprint of the frame it was trained on. */
    public Map<String, String> dataFingerprints() {
        return dataFingerprints;
    }

    /** The fitted preprocessing applied to every frame before the Tribuo model sees it, if it was trained so. */
    public Optional<FittedPreprocessing> preprocessing() {
        return Optional.ofNullable(preprocessing);
    }

    /** The profile of the training data (the drift monitor's reference), if one was recorded. */
    public Optional<Profile> referenceProfile() {
        return Optional.ofNullable(referenceProfile);
    }

    /** A copy carrying a reference profile of the training data. */
    public TrainedModel withReferenceProfile(Profile profile) {
        return new TrainedModel(model, task, label, features, settings, missing, dataFingerprints, preprocessing,
                profile);
    }

    /** A copy with one more data fingerprint (for example the validation set's). */
    public TrainedModel withDataFingerprint(String role, String fingerprint) {
        Map<String, String> f = new LinkedHashMap<>(dataFingerprints);
        f.put(role, fingerprint);
        return new TrainedModel(model, task, label, features, settings, missing, f, preprocessing,
                referenceProfile);
    }

    /** Tribuo's provenance of the model (trainer configuration, data, JVM, OS, versions) as JSON. */
    public String provenanceJson() {
        String p = provenanceJson;
        if (p == null) {
            p = new JsonProvenanceSerialization(true).marshalAndSerialize(model.getProvenance());
            provenanceJson = p;
        }
        return p;
    }

    /**
     * Predicts every row, in the one prediction-frame schema the server also answers with ({@link PredictionColumns}):
     * for classification a categorical {@code label} column and a {@code probabilities.<class>} column per class; for
     * regression a numeric {@code value} column.
     */
    public Frame predict(Frame frame) {
        Scores s = score(frame);
        if (task == ModelTask.REGRESSION) {
            return Frame.of(DoubleColumn.of(Field.numeric(PredictionColumns.VALUE), s.values()));
        }
        List<Column> cols = new ArrayList<>();
        cols.add(CategoricalColumn.fromCodes(Field.categorical(PredictionColumns.LABEL), s.predicted(), classes));
        for (int k = 0; k < classes.size(); k++) {
            double[] p = new double[s.predicted().length];
            for (int i = 0; i < p.length; i++) {
                p[i] = s.probabilities()[i][k];
            }
            cols.add(DoubleColumn.of(Field.numeric(PredictionColumns.probability(classes.get(k))), p));
        }
        return Frame.of(cols);
    }

    @SuppressWarnings("unchecked")
    Scores score(Frame frame) {
        Frame in = preprocessing == null ? frame : preprocessing.apply(frame);
        int n = in.rowCount();
        if (task == ModelTask.CLASSIFICATION) {
            Label[] unknown = new Label[n];
            Arrays.fill(unknown, LabelFactory.UNKNOWN_LABEL);
            List<Example<Label>> examples = FrameConverter.examples(in, features, MissingValues.SKIP.equals(missing)
                    ? MissingValues.SKIP : MissingValues.REJECT, unknown);
            List<Prediction<Label>> preds = predictAll((Model<Label>) model, examples);
            int[] predicted = new int[n];
            double[][] probs = new double[n][classes.size()];
            boolean probabilistic = n == 0 || preds.get(0).hasProbabilities();
            for (int i = 0; i < n; i++) {
                Prediction<Label> p = preds.get(i);
                predicted[i] = classes.indexOf(p.getOutput().getLabel());
                Map<String, Label> scores = p.getOutputScores();
                for (int k = 0; k < classes.size(); k++) {
                    Label l = scores.get(classes.get(k));
                    probs[i][k] = l == null ? 0.0 : l.getScore();
                }
            }
            return new Scores(task, classes, predicted, probs, new double[0], probabilistic);
        }
        Regressor[] unknown = new Regressor[n];
        Arrays.fill(unknown, RegressionFactory.UNKNOWN_REGRESSOR);
        List<Example<Regressor>> examples = FrameConverter.examples(in, features, missing, unknown);
        List<Prediction<Regressor>> preds = predictAll((Model<Regressor>) model, examples);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = preds.get(i).getOutput().getValues()[0];
        }
        return new Scores(task, List.of(), new int[0], new double[0][], values, false);
    }

    private static <T extends org.tribuo.Output<T>> List<Prediction<T>> predictAll(Model<T> m,
                                                                                   List<Example<T>> examples) {
        if (examples.isEmpty()) {
            return List.of();
        }
        try {
            return m.predict(examples);
        } catch (IllegalArgumentException e) {
            throw new TrainingException("The model cannot predict these rows: " + e.getMessage() + ". A row whose"
                    + " features were all unseen in training has nothing to predict from; check the columns and"
                    + " their values against model.features()", e);
        }
    }

    /** Saves the model as a folder: {@code model.tribuo} (Tribuo protobuf) and {@code model.json}. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(MODEL_FILE + ".tmp");
            model.serializeToFile(tmp);
            Files.move(tmp, dir.resolve(MODEL_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Metadata meta = new Metadata(FORMAT_VERSION, task, label, features, settings, missing, dataFingerprints,
                    provenanceJson());
            if (preprocessing != null) {
                writeAtomically(dir.resolve(PREPROCESSING_FILE), preprocessing.toJson());
            } else {
                Files.deleteIfExists(dir.resolve(PREPROCESSING_FILE));
            }
            if (referenceProfile != null) {
                writeAtomically(dir.resolve(PROFILE_FILE), referenceProfile.toJson());
            } else {
                Files.deleteIfExists(dir.resolve(PROFILE_FILE));
            }
            Path metaTmp = dir.resolve(META_FILE + ".tmp");
            Files.writeString(metaTmp, Json.write(meta));
            Files.move(metaTmp, dir.resolve(META_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TrainingException("Cannot save the model to " + dir + ": " + e.getMessage()
                    + ". Check that the folder is writable", e);
        }
    }

    /** Writes through a sibling temporary file and a rename, so readers never see half a file. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Loads a model saved by {@link #save(Path)}: Tribuo's protobuf model, its description, and the preprocessing
     * and profile when they were saved with it.
     *
     * @throws ModelLoadException naming the file when it is absent, of a newer format, or not a model of its task
     */
    public static TrainedModel load(Path dir) {
        Path metaFile = dir.resolve(META_FILE);
        Metadata meta;
        try {
            meta = Json.read(Files.readString(metaFile), Metadata.class);
        } catch (IOException | dev.mlops.api.DataException e) {
            throw new ModelLoadException("Cannot read " + metaFile + ": " + e.getMessage()
                    + ". Is this a folder written by TrainedModel.save?", e);
        }
        if (meta.formatVersion() > FORMAT_VERSION) {
            throw new ModelLoadException(metaFile + " has format version " + meta.formatVersion()
                    + " but this SDK reads up to " + FORMAT_VERSION + "; upgrade mlops-train");
        }
        Model<?> m;
        try {
            m = Model.deserializeFromFile(dir.resolve(MODEL_FILE));
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Cannot load the Tribuo model " + dir.resolve(MODEL_FILE) + ": "
                    + e.getMessage() + ". The file must be a Tribuo 4.3 protobuf model", e);
        }
        boolean matches = meta.task() == ModelTask.CLASSIFICATION ? m.validate(Label.class) : m.validate(Regressor.class);
        if (!matches) {
            throw new ModelLoadException(dir.resolve(MODEL_FILE) + " is not a " + meta.task() + " model");
        }
        for (Field f : meta.features()) {
            if (f.type() == FieldType.TEXT || f.type() == FieldType.TIMESTAMP) {
                throw new ModelLoadException(metaFile + " lists feature '" + f.name() + "' of type " + f.type()
                        + ", which no trained model reads; the file was edited or is corrupt");
            }
        }
        FittedPreprocessing prep = null;
        Profile profile = null;
        try {
            if (Files.exists(dir.resolve(PREPROCESSING_FILE))) {
                prep = FittedPreprocessing.fromJson(Files.readString(dir.resolve(PREPROCESSING_FILE)));
            }
            if (Files.exists(dir.resolve(PROFILE_FILE))) {
                profile = Profile.fromJson(Files.readString(dir.resolve(PROFILE_FILE)));
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Cannot read the preprocessing or profile saved with the model in " + dir
                    + ": " + e.getMessage(), e);
        }
        return new TrainedModel(m, meta.task(), meta.label(), meta.features(), meta.settings(), meta.missingValues(),
                meta.dataFingerprints(), prep, profile);
    }

    @Override
    public String toString() {
        return "TrainedModel[" + settings.algorithm() + " " + task + " of '" + label + "' from " + features.size()
                + " columns" + (classes.isEmpty() ? "" : ", classes " + classes) + "]";
    }

    /** What {@code model.json} holds. */
    record Metadata(int formatVersion, ModelTask task, String label, List<Field> features, TrainerSettings settings,
                    MissingValues missingValues, Map<String, String> dataFingerprints, String provenanceJson) {

    }
}
