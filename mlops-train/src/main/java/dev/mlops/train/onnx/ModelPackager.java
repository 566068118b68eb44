package dev.mlops.train.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;
import dev.mlops.api.Json;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.Provenance;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.train.Evaluation;
import dev.mlops.train.TrainedModel;
import org.tribuo.Model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Packages a trained Tribuo model, and the fitted preprocessing in front of it, into one {@link ModelArtifact}: a
 * single {@code model.onnx} whose inputs are the original columns (one {@code [N, 1]} tensor each) and whose outputs
 * are the model's, plus the signature, the training data's reference profile, the evaluation metrics and the
 * provenance (Tribuo's, as JSON, with the SDK version, data fingerprints and run id).
 *
 * <pre>{@code
 * ModelArtifact artifact = ModelPackager.of(trainedModel, evaluation);   // the usual path, or part by part:
 * ModelArtifact artifact = ModelPackager.newBuilder()
 *         .model(tribuoModel)
 *         .preprocessing(fittedPreprocessing)
 *         .profileJson(profile.toJson())
 *         .metrics(Map.of("accuracy", 0.78))
 *         .runId(run.id())
 *         .dataFingerprint("train", train.fingerprint())
 *         .build();
 * artifact.writeTo(dir);
 * }</pre>
 */
public final class ModelPackager {
    private ModelPackager() {
    }

    /**
     * The artifact of a trained model, in one call: its Tribuo model, fitted preprocessing, data fingerprints and
     * reference profile ({@code newBuilder().trainedModel(model).build()}).
     */
    public static ModelArtifact of(TrainedModel model) {
        return newBuilder().trainedModel(model).build();
    }

    /** The artifact of a trained model with the metrics of its evaluation on held-out data. */
    public static ModelArtifact of(TrainedModel model, Evaluation evaluation) {
        return newBuilder().trainedModel(model).metrics(evaluation.metrics().values()).build();
    }

    /** A builder with nothing set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Collects the parts of an artifact. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private Model<?> model;
        private FittedPreprocessing preprocessing;
        private List<String> featureNames;
        private JsonNode profile;
        private Map<String, Double> metrics = new LinkedHashMap<>();
        private String runId = "";
        private final Map<String, String> fingerprints = new LinkedHashMap<>();

        private Builder() {
        }

        /** The trained Tribuo model (required). */
        public Builder model(Model<?> tribuoModel) {
            this.model = Objects.requireNonNull(tribuoModel, "tribuoModel");
            return this;
        }

        /**
         * Takes the Tribuo model, the fitted preprocessing (when it has one), the data fingerprints and the reference
         * profile of a {@link TrainedModel}.
         */
        public Builder trainedModel(TrainedModel trained) {
            model(trained.tribuoModel());
            trained.preprocessing().ifPresent(this::preprocessing);
            if (trained.preprocessing().isEmpty() && featureNames == null && preprocessing == null) {
                if (trained.features().stream().allMatch(f -> f.type() == FieldType.NUMERIC
                        || f.type() == FieldType.INTEGER || f.type() == FieldType.BOOLEAN)) {
                    // Numbers without preprocessing: an empty chain in front, so the artifact takes one input per
                    // column, as a model with preprocessing does, and a frame of the training columns serves as is.
                    preprocessing(Preprocessing.newBuilder().build().fit(Frame.empty(Schema.of(trained.features()))));
                } else {
                    // Categories Tribuo encoded itself: the one features input, in Tribuo's feature-id order.
                    featureNames(tribuoFeatureNames(trained.tribuoModel()));
                }
            }
            trained.dataFingerprints().forEach(this::dataFingerprint);
            trained.referenceProfile().ifPresent(profile -> profileJson(profile.toJson()));
            return this;
        }

        private static List<String> tribuoFeatureNames(org.tribuo.Model<?> model) {
            var map = model.getFeatureIDMap();
            List<String> names = new ArrayList<>(map.size());
            for (int i = 0; i < map.size(); i++) {
                names.add(map.get(i).getName());
            }
            return names;
        }

        /**
         * The fitted preprocessing whose output the model was trained on; its ONNX graph is joined in front of the
         * model, and the artifact's inputs become its input columns. The model reads the preprocessing's output
         * names unless {@link #featureNames(List)} says otherwise.
         */
        public Builder preprocessing(FittedPreprocessing fitted) {
            this.preprocessing = Objects.requireNonNull(fitted, "fitted");
            return this;
        }

        /**
         * The model's feature names in column order. Without preprocessing the artifact has one input,
         * {@value OnnxExport#FEATURES}; the names are required for a bare Tribuo model, while a {@link TrainedModel}
         * of numeric columns gets one input per column and one with categories Tribuo's feature names. With
         * preprocessing they default to its output names.
         */
        public Builder featureNames(List<String> names) {
            this.featureNames = List.copyOf(names);
            return this;
        }

        /** The reference profile of the training data, as written by {@code Profile.toJson()}. */
        public Builder profileJson(String json) {
            this.profile = Json.read(json, JsonNode.class);
            return this;
        }

        /** Evaluation metrics by name. */
        public Builder metrics(Map<String, ? extends Number> values) {
            Map<String, Double> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> copy.put(k, v.doubleValue()));
            this.metrics = copy;
            return this;
        }

        /** The tracking run that produced the model. */
        public Builder runId(String id) {
            this.runId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The fingerprint of a data set the model was trained or evaluated on ({@code "train"}, {@code "test"}). */
        public Builder dataFingerprint(String role, String fingerprint) {
            fingerprints.put(Objects.requireNonNull(role, "role"), Objects.requireNonNull(fingerprint, "fingerprint"));
            return this;
        }

        /**
         * Exports and joins the graphs and builds the artifact.
         *
         * @throws IllegalStateException when the model, or the feature names without preprocessing, are missing
         * @throws IllegalArgumentException when the model cannot be exported (see {@link OnnxExport#export})
         */
        public ModelArtifact build() {
            if (model == null) {
                throw new IllegalStateException("A package needs the trained model: call model(...) or trainedModel(...)");
            }
            List<String> names = featureNames != null ? featureNames
                    : preprocessing != null ? preprocessing.outputNames() : null;
            if (names == null) {
                throw new IllegalStateException("Without preprocessing, the model's feature names are required: "
                        + "call featureNames(...)");
            }
            ExportedModel exported = OnnxExport.export(model, names);
            if (preprocessing != null) {
                exported = OnnxExport.compose(preprocessing.toOnnxModel(), exported);
            }
            return ModelArtifact.newBuilder()
                    .model(exported.modelBytes())
                    .signature(signature(exported))
                    .profile(profile)
                    .metrics(metrics)
                    .provenance(new Provenance(runId, Provenance.SDK_VERSION, fingerprints, tribuoProvenance()))
                    .build();
        }

        private ModelSignature signature(ExportedModel exported) {
            List<TensorSpec> inputs = new ArrayList<>();
            for (TensorSpec t : exported.inputs()) {
                // Missing (NaN for numbers, "" for strings) is accepted where the preprocessing turns it into defined
                // features; elsewhere it would reach the model as NaN, which Java and the graph treat differently.
                boolean missing = preprocessing != null && preprocessing.acceptsMissing(t.name());
                inputs.add(new TensorSpec(t.name(), t.type(), t.shape(), missing));
            }
            List<TensorSpec> outputs = new ArrayList<>();
            for (TensorSpec t : exported.outputs()) {
                outputs.add(t);
            }
            boolean classification = exported.task() == ModelTask.CLASSIFICATION;
            return new ModelSignature(inputs, outputs, classification ? exported.labelNames() : List.of(),
                    exported.task());
        }

        private JsonNode tribuoProvenance() {
            String json = new JsonProvenanceSerialization(true).marshalAndSerialize(model.getProvenance());
            return Json.read(json, JsonNode.class);
        }
    }
}
