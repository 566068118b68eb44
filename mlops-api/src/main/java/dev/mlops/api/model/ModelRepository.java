package dev.mlops.api.model;

import dev.mlops.api.ModelLoadException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Versioned storage of {@link ModelArtifact}s under model names, with named aliases ({@code production},
 * {@code staging}, any name) that point at versions.
 *
 * <p>Implementations are safe to share between threads, and the file-system one between processes: registering is
 * atomic (a reader sees a whole version or none) and versions are numbered 1, 2, ... without gaps or duplicates even
 * with concurrent writers.
 *
 * <pre>{@code
 * ModelRepository repo = ModelRepository.onFileSystem(Path.of("models"));
 * ModelVersion v = repo.register("credit", artifact);
 * repo.setAlias("credit", "production", v.version());
 * ModelArtifact served = repo.load("credit@production");
 * }</pre>
 */
public interface ModelRepository {

    /** A repository in a directory laid out as {@code <root>/<model>/<version>/}, created if missing. */
    static ModelRepository onFileSystem(Path root) {
        return new FileSystemModelRepository(root);
    }

    /** Stores the artifact as the next version of the model and returns it. */
    ModelVersion register(String model, ModelArtifact artifact);

    /** The names of all models, sorted. */
    List<String> models();

    /** Every version of the model (archived ones included), oldest first; empty for an unknown model. */
    List<ModelVersion> versions(String model);

    /** One version, if it exists. */
    Optional<ModelVersion> version(String model, int version);

    /**
     * Resolves {@code name@alias}, {@code name@version} or {@code name} (the latest version not archived).
     *
     * @throws ModelLoadException when the model, version or alias does not exist
     */
    ModelVersion resolve(String ref);

    /**
     * Loads and verifies the artifact of a reference.
     *
     * @throws ModelLoadException when it does not resolve or fails its checksums
     */
    ModelArtifact load(String ref);

    /** The aliases of a model: alias to version. */
    Map<String, Integer> aliases(String model);

    /**
     * Points an alias at a version, creating or moving it.
     *
     * @throws ModelLoadException when the version does not exist
     * @throws IllegalStateException when the version is archived
     */
    void setAlias(String model, String alias, int version);

    /** Removes an alias; returns whether it existed. */
    boolean removeAlias(String model, String alias);

    /**
     * Archives a version: it stays loadable by number but is no longer {@code latest}.
     *
     * @throws IllegalStateException when an alias still points at it (move the alias first)
     */
    void archive(String model, int version);

    /**
     * Watches a reference and calls the listener, on a daemon thread, each time it resolves to another version
     * (an alias moved, or a new latest version landed). Polls every {@code interval}; close the handle to stop.
     */
    default AutoCloseable watch(String ref, Duration interval, Consumer<ModelVersion> listener) {
        return RepositoryPoller.start(this, ref, interval, listener);
    }
}
