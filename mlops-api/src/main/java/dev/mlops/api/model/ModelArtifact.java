package dev.mlops.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Json;
import dev.mlops.api.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A packaged model: one {@code model.onnx} (preprocessing and model in a single graph) and, beside it,
 * {@code signature.json}, {@code profile.json} (the reference profile of the training data, opaque here),
 * {@code metrics.json}, {@code provenance.json} and {@code manifest.json} (format version and the SHA-256 of every
 * other file).
 *
 * <p>This is the only thing that crosses from training to serving. {@link #read(Path)} verifies every checksum and
 * refuses a tampered, truncated or unknown-format artifact with a {@link ModelLoadException}. Immutable and safe to
 * share; the model bytes are held in memory.
 *
 * <pre>{@code
 * ModelArtifact artifact = ModelArtifact.newBuilder().model(onnxBytes).signature(signature).build();
 * artifact.writeTo(dir);
 * ModelArtifact same = ModelArtifact.read(dir);
 * }</pre>
 */
public final class ModelArtifact {
    /** The format version this SDK writes; artifacts of a higher version are refused. */
    public static final int FORMAT_VERSION = 1;
    /** The ONNX graph file. */
    public static final String MODEL_FILE = "model.onnx";
    /** The signature file. */
    public static final String SIGNATURE_FILE = "signature.json";
    /** The reference profile file. */
    public static final String PROFILE_FILE = "profile.json";
    /** The evaluation metrics file. */
    public static final String METRICS_FILE = "metrics.json";
    /** The provenance file. */
    public static final String PROVENANCE_FILE = "provenance.json";
    /** The manifest: format version and checksums. */
    public static final String MANIFEST_FILE = "manifest.json";

    /** One configured copy of the SDK mapper, reused: a fresh copy per read re-introspects every type (ms). */
    static final ObjectMapper MAPPER = Json.mapper();
    private static final List<String> CONTENT_FILES =
            List.of(MODEL_FILE, SIGNATURE_FILE, PROFILE_FILE, METRICS_FILE, PROVENANCE_FILE);

    private final byte[] model;
    private final ModelSignature signature;
    private final JsonNode profile;
    private final JsonNode metrics;
    private final Provenance provenance;
    /** File name to its exact bytes, in {@link #CONTENT_FILES} order; what is written and what is hashed. */
    private final Map<String, byte[]> files;
    private final Map<String, String> checksums;

    private ModelArtifact(byte[] model, ModelSignature signature, JsonNode profile, JsonNode metrics,
                          Provenance provenance, Map<String, byte[]> files) {
        this.model = model;
        this.signature = signature;
        this.profile = profile;
        this.metrics = metrics;
        this.provenance = provenance;
        this.files = files;
        Map<String, String> sums = new LinkedHashMap<>();
        files.forEach((name, bytes) -> sums.put(name, ArtifactFiles.sha256(bytes)));
        this.checksums = Collections.unmodifiableMap(sums);
    }

    /** A builder for a new artifact. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The ONNX graph bytes (a copy). */
    public byte[] modelBytes() {
        return model.clone();
    }

    /** The size of the ONNX graph in bytes. */
    public int modelSize() {
        return model.length;
    }

    /** The signature: inputs, outputs, labels and task. */
    public ModelSignature signature() {
        return signature;
    }

    /** The reference profile of the training data as opaque JSON ({@code null} node when none was given). */
    public JsonNode profile() {
        return profile.deepCopy();
    }

    /** The evaluation metrics as JSON (an object; empty when none were given). */
    public JsonNode metrics() {
        return metrics.deepCopy();
    }

    /** A top-level numeric metric by name, if present. */
    public OptionalDouble metric(String name) {
        JsonNode n = metrics.get(name);
        return n != null && n.isNumber() ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** The provenance: run id, SDK version, data fingerprints and trainer details. */
    public Provenance provenance() {
        return provenance;
    }

    /** File name to SHA-256 (lower-case hex) of every file except the manifest. */
    public Map<String, String> checksums() {
        return checksums;
    }

    /** The exact bytes of every file of the artifact, the manifest included, by file name. */
    public Map<String, byte[]> toFiles() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        files.forEach((name, bytes) -> out.put(name, bytes.clone()));
        out.put(MANIFEST_FILE, manifestBytes());
        return out;
    }

    /**
     * Writes the artifact into a directory (created if needed), each file forced to the device, the manifest last.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                ArtifactFiles.writeDurably(dir.resolve(e.getKey()), e.getValue());
            }
            ArtifactFiles.writeDurably(dir.resolve(MANIFEST_FILE), manifestBytes());
            ArtifactFiles.syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write model artifact to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an artifact directory and verifies it: the manifest must exist and be of a known format version, and
     * every file must exist with the SHA-256 the manifest records.
     *
     * @throws ModelLoadException naming the file (and both hashes) when anything is missing or does not match
     */
    public static ModelArtifact read(Path dir) {
        Path manifestPath = dir.resolve(MANIFEST_FILE);
        Manifest manifest;
        try {
            manifest = MAPPER.readValue(Files.readAllBytes(manifestPath), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("No " + MANIFEST_FILE + " in " + dir + ": this is not a model artifact, or "
                    + "it was not completely written. Write it with ModelArtifact.writeTo or register it in a "
                    + "ModelRepository.", e);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + manifestPath + ": " + e.getMessage()
                    + ". The manifest is damaged; re-register the model.", e);
        }
        if (manifest.formatVersion() < 1 || manifest.formatVersion() > FORMAT_VERSION) {
            throw new ModelLoadException("Artifact " + dir + " has format version " + manifest.formatVersion()
                    + " but this SDK reads versions 1 to " + FORMAT_VERSION + "; upgrade the SDK to load it.");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : CONTENT_FILES) {
            String expected = manifest.files().get(name);
            if (expected == null) {
                throw new ModelLoadException("The manifest of " + dir + " has no checksum for " + name
                        + "; the artifact is incomplete. Re-register the model.");
            }
            Path file = dir.resolve(name);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + "); the artifact is incomplete. Re-register the model.", e);
            }
            String actual = ArtifactFiles.sha256(bytes);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new ModelLoadException("Checksum mismatch for " + file + ": the manifest records SHA-256 "
                        + expected + " but the file (" + bytes.length + " bytes) has " + actual
                        + ". The file was changed or truncated after it was written; restore it or re-register "
                        + "the model.");
            }
            files.put(name, bytes);
        }
        try {
            ObjectMapper mapper = MAPPER;
            ModelSignature signature = mapper.readValue(files.get(SIGNATURE_FILE), ModelSignature.class);
            JsonNode profile = mapper.readTree(files.get(PROFILE_FILE));
            JsonNode metrics = mapper.readTree(files.get(METRICS_FILE));
            Provenance provenance = mapper.readValue(files.get(PROVENANCE_FILE), Provenance.class);
            return new ModelArtifact(files.get(MODEL_FILE), signature, profile, metrics, provenance, files);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("Artifact " + dir + " passed its checksums but a JSON file does not parse: "
                    + e.getMessage() + ". It was written by an incompatible writer; re-register the model.", e);
        }
    }

    private byte[] manifestBytes() {
        return Json.write(new Manifest(FORMAT_VERSION, checksums)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelArtifact other && checksums.equals(other.checksums);
    }

    @Override
    public int hashCode() {
        return checksums.hashCode();
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + signature.task() + ", inputs=" + signature.inputs().size() + ", outputs="
                + signature.outputs().size() + ", model.onnx=" + model.length + " bytes, sha256="
                + checksums.get(MODEL_FILE).substring(0, 12) + "]";
    }

    /** The manifest as stored in {@code manifest.json}. */
    record Manifest(int formatVersion, Map<String, String> files) {
        @JsonCreator
        Manifest(@JsonProperty("formatVersion") int formatVersion,
                 @JsonProperty("files") Map<String, String> files) {
            this.formatVersion = formatVersion;
            this.files = files == null ? Map.of() : files;
        }
    }

    /** Builds an artifact; {@link #model} and {@link #signature} are required. Not thread-safe. */
    public static final class Builder {
        private byte[] model;
        private ModelSignature signature;
        private JsonNode profile = JsonNodeFactory.instance.nullNode();
        private JsonNode metrics = JsonNodeFactory.instance.objectNode();
        private Provenance provenance = Provenance.unknown();

        private Builder() {
        }

        /** The ONNX graph bytes (copied). */
        public Builder model(byte[] onnxBytes) {
            this.model = Objects.requireNonNull(onnxBytes, "onnxBytes").clone();
            return this;
        }

        /** The signature. */
        public Builder signature(ModelSignature signature) {
            this.signature = Objects.requireNonNull(signature, "signature");
            return this;
        }

        /** The reference profile of the training data, as JSON. */
        public Builder profile(JsonNode profile) {
            this.profile = profile == null ? JsonNodeFactory.instance.nullNode() : profile.deepCopy();
            return this;
        }

        /** The reference profile, as any value Jackson can serialize (e.g. the data module's {@code Profile}). */
        public Builder profile(Object profile) {
            return profile(profile instanceof JsonNode n ? n : MAPPER.valueToTree(profile));
        }

        /** The evaluation metrics, as a JSON object. */
        public Builder metrics(JsonNode metrics) {
            if (metrics != null && !metrics.isObject()) {
                throw new IllegalArgumentException("Metrics must be a JSON object, got " + metrics.getNodeType());
            }
            this.metrics = metrics == null ? JsonNodeFactory.instance.objectNode() : metrics.deepCopy();
            return this;
        }

        /** The evaluation metrics as name to value. */
        public Builder metrics(Map<String, ? extends Number> metrics) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            metrics.forEach((k, v) -> node.put(k, v.doubleValue()));
            this.metrics = node;
            return this;
        }

        /** The provenance. */
        public Builder provenance(Provenance provenance) {
            this.provenance = Objects.requireNonNull(provenance, "provenance");
            return this;
        }

        /** Checks that the graph and signature are present and builds the artifact. */
        public ModelArtifact build() {
            if (model == null || model.length == 0) {
                throw new IllegalStateException("An artifact needs the ONNX graph bytes: call model(bytes)");
            }
            if (signature == null) {
                throw new IllegalStateException("An artifact needs a signature: call signature(...)");
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(MODEL_FILE, model);
            files.put(SIGNATURE_FILE, utf8(Json.write(signature)));
            files.put(PROFILE_FILE, utf8(Json.write(profile)));
            files.put(METRICS_FILE, utf8(Json.write(metrics)));
            files.put(PROVENANCE_FILE, utf8(Json.write(provenance)));
            return new ModelArtifact(model, signature, profile, metrics, provenance, files);
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

}
