package dev.mlops.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from: the tracking run, the SDK version, the fingerprints of the data it was trained and
 * evaluated on, and the trainer's own provenance as opaque JSON (Tribuo's, for models trained with it).
 *
 * <p>Immutable; stored as {@code provenance.json}.
 *
 * @param runId the tracking run that produced the model, or empty
 * @param sdkVersion the version of this SDK that wrote the artifact
 * @param dataFingerprints data set role (e.g. {@code "train"}) to {@code Frame.fingerprint()}
 * @param details the trainer's provenance, opaque to serving
 */
public record Provenance(String runId, String sdkVersion, Map<String, String> dataFingerprints, JsonNode details) {

    /** The version this SDK writes into new artifacts. */
    public static final String SDK_VERSION = currentSdkVersion();

    /** Fills defaults: empty run id, the current SDK version, no fingerprints, null details. */
    public Provenance {
        runId = runId == null ? "" : runId;
        sdkVersion = sdkVersion == null ? SDK_VERSION : sdkVersion;
        dataFingerprints = dataFingerprints == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(dataFingerprints));
        details = details == null ? NullNode.getInstance() : details;
    }

    /** Provenance with a run id and data fingerprints, no trainer details. */
    public static Provenance of(String runId, Map<String, String> dataFingerprints) {
        return new Provenance(runId, SDK_VERSION, dataFingerprints, null);
    }

    /** Provenance with nothing known. */
    public static Provenance unknown() {
        return new Provenance("", SDK_VERSION, Map.of(), null);
    }

    private static String currentSdkVersion() {
        String v = Provenance.class.getPackage() == null ? null : Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
