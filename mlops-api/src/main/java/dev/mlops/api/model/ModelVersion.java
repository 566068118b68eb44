package dev.mlops.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One registered version of a model, with its evaluation and lineage. A snapshot: immutable, and not updated when
 * aliases move afterwards.
 *
 * @param model the model name
 * @param version the version number, from 1
 * @param registeredAt when the version was registered
 * @param archived whether the version is archived (kept and loadable by number, but not {@code latest})
 * @param aliases the aliases pointing at this version when the snapshot was taken
 * @param metrics the evaluation metrics stored with it
 * @param provenance run id, data fingerprints and trainer details
 * @param location where the version lives (a directory for the file-system repository)
 */
public record ModelVersion(String model, int version, Instant registeredAt, boolean archived, List<String> aliases,
                           JsonNode metrics, Provenance provenance, String location) {

    /** Copies the alias list. */
    public ModelVersion {
        aliases = List.copyOf(aliases);
    }

    /** The reference {@code model@version}. */
    public ModelRef ref() {
        return new ModelRef(model, Integer.toString(version));
    }

    /** The run that produced this version (lineage). */
    public String runId() {
        return provenance.runId();
    }

    /** A top-level numeric metric by name, if present. */
    public OptionalDouble metric(String name) {
        JsonNode n = metrics.get(name);
        return n != null && n.isNumber() ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }
}
