package dev.mlops.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Json;
import dev.mlops.api.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file-system repository: {@code <root>/<model>/<version>/} holds one artifact plus {@code registration.json};
 * {@code <root>/<model>/refs.json} holds the aliases and the archived versions; {@code <root>/<model>/.lock} is the
 * writers' lock.
 *
 * <p>A version is written into {@code .staging-<uuid>/}, every file forced to the device, then renamed to its number
 * in one atomic move, so a reader (or a crash) never sees half a version. Writers take an in-process lock and an OS
 * file lock on {@code .lock}, so concurrent writers in this JVM and in other processes are safe. Readers take no lock.
 */
final class FileSystemModelRepository implements ModelRepository {
    static final String REFS_FILE = "refs.json";
    static final String REGISTRATION_FILE = "registration.json";
    static final String LOCK_FILE = ".lock";
    static final String STAGING_PREFIX = ".staging-";
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Clock clock;
    private final ObjectMapper mapper = ModelArtifact.MAPPER;

    FileSystemModelRepository(Path root) {
        this(root, Clock.systemUTC());
    }

    FileSystemModelRepository(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create model repository directory " + this.root, e);
        }
    }

    @Override
    public ModelVersion register(String model, ModelArtifact artifact) {
        ModelRef.checkName("model name", model);
        Path modelDir = root.resolve(model);
        return underLock(modelDir, () -> {
            removeStaleStaging(modelDir);
            int next = versionNumbers(modelDir).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            Path staging = modelDir.resolve(STAGING_PREFIX + UUID.randomUUID());
            Path target = modelDir.resolve(Integer.toString(next));
            Instant now = clock.instant();
            artifact.writeTo(staging);
            ArtifactFiles.writeDurably(staging.resolve(REGISTRATION_FILE),
                    Json.write(new Registration(model, next, now.toString())).getBytes(StandardCharsets.UTF_8));
            ArtifactFiles.syncDirectory(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("The file system under " + root + " cannot rename directories "
                        + "atomically; put the repository on a local file system", e);
            }
            ArtifactFiles.syncDirectory(modelDir);
            return new ModelVersion(model, next, now, false, List.of(), artifact.metrics(), artifact.provenance(),
                    target.toString());
        });
    }

    @Override
    public List<String> models() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list models in " + root, e);
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public List<ModelVersion> versions(String model) {
        ModelRef.checkName("model name", model);
        Path modelDir = root.resolve(model);
        Refs refs = readRefs(modelDir);
        List<ModelVersion> out = new ArrayList<>();
        for (int v : versionNumbers(modelDir)) {
            out.add(describe(modelDir, model, v, refs));
        }
        return out;
    }

    @Override
    public Optional<ModelVersion> version(String model, int version) {
        ModelRef.checkName("model name", model);
        Path modelDir = root.resolve(model);
        if (version < 1 || !Files.isDirectory(modelDir.resolve(Integer.toString(version)))) {
            return Optional.empty();
        }
        return Optional.of(describe(modelDir, model, version, readRefs(modelDir)));
    }

    @Override
    public ModelVersion resolve(String ref) {
        ModelRef r = ModelRef.parse(ref);
        Path modelDir = root.resolve(r.model());
        if (!Files.isDirectory(modelDir)) {
            throw new ModelLoadException("No model '" + r.model() + "' in repository " + root + "; known models: "
                    + models());
        }
        Refs refs = readRefs(modelDir);
        int version;
        if (r.version().isPresent()) {
            version = r.version().getAsInt();
        } else if (r.selector().equals(ModelRef.LATEST) && !refs.aliases().containsKey(ModelRef.LATEST)) {
            version = versionNumbers(modelDir).stream().filter(v -> !refs.archived().contains(v))
                    .mapToInt(Integer::intValue).max()
                    .orElseThrow(() -> new ModelLoadException("Model '" + r.model() + "' in " + root
                            + " has no version that is not archived; register one"));
        } else {
            Integer aliased = refs.aliases().get(r.selector());
            if (aliased == null) {
                throw new ModelLoadException("Model '" + r.model() + "' has no alias '" + r.selector()
                        + "'; its aliases are " + refs.aliases() + ". Set it with setAlias.");
            }
            version = aliased;
        }
        return version(r.model(), version).orElseThrow(() -> new ModelLoadException("Model '" + r.model()
                + "' has no version " + version + " in " + root + "; its versions are "
                + versionNumbers(modelDir)));
    }

    @Override
    public ModelArtifact load(String ref) {
        ModelVersion v = resolve(ref);
        return ModelArtifact.read(Path.of(v.location()));
    }

    @Override
    public Map<String, Integer> aliases(String model) {
        ModelRef.checkName("model name", model);
        return readRefs(root.resolve(model)).aliases();
    }

    @Override
    public void setAlias(String model, String alias, int version) {
        ModelRef.checkName("alias", alias);
        if (alias.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("Alias '" + alias + "' is a number and would read as a version; "
                    + "give it a name with a letter");
        }
        Path modelDir = root.resolve(ModelRef.checkName("model name", model));
        underLock(modelDir, () -> {
            if (!Files.isDirectory(modelDir.resolve(Integer.toString(version)))) {
                throw new ModelLoadException("Cannot point alias '" + alias + "' at version " + version + " of '"
                        + model + "': it does not exist; versions are " + versionNumbers(modelDir));
            }
            Refs refs = readRefs(modelDir);
            if (refs.archived().contains(version)) {
                throw new IllegalStateException("Version " + version + " of '" + model + "' is archived; an alias "
                        + "cannot point at it");
            }
            Map<String, Integer> aliases = new TreeMap<>(refs.aliases());
            aliases.put(alias, version);
            writeRefs(modelDir, new Refs(aliases, refs.archived()));
            return null;
        });
    }

    @Override
    public boolean removeAlias(String model, String alias) {
        Path modelDir = root.resolve(ModelRef.checkName("model name", model));
        if (!Files.isDirectory(modelDir)) {
            return false;
        }
        return underLock(modelDir, () -> {
            Refs refs = readRefs(modelDir);
            if (!refs.aliases().containsKey(alias)) {
                return false;
            }
            Map<String, Integer> aliases = new TreeMap<>(refs.aliases());
            aliases.remove(alias);
            writeRefs(modelDir, new Refs(aliases, refs.archived()));
            return true;
        });
    }

    @Override
    public void archive(String model, int version) {
        Path modelDir = root.resolve(ModelRef.checkName("model name", model));
        underLock(modelDir, () -> {
            if (!Files.isDirectory(modelDir.resolve(Integer.toString(version)))) {
                throw new ModelLoadException("Cannot archive version " + version + " of '" + model
                        + "': it does not exist; versions are " + versionNumbers(modelDir));
            }
            Refs refs = readRefs(modelDir);
            List<String> pointing = refs.aliases().entrySet().stream().filter(e -> e.getValue() == version)
                    .map(Map.Entry::getKey).toList();
            if (!pointing.isEmpty()) {
                throw new IllegalStateException("Cannot archive version " + version + " of '" + model
                        + "': aliases " + pointing + " point at it; move them first");
            }
            TreeSet<Integer> archived = new TreeSet<>(refs.archived());
            archived.add(version);
            writeRefs(modelDir, new Refs(refs.aliases(), List.copyOf(archived)));
            return null;
        });
    }

    @Override
    public String toString() {
        return "ModelRepository[" + root + "]";
    }

    private ModelVersion describe(Path modelDir, String model, int v, Refs refs) {
        Path dir = modelDir.resolve(Integer.toString(v));
        try {
            Registration reg = mapper.readValue(dir.resolve(REGISTRATION_FILE).toFile(), Registration.class);
            JsonNode metrics = mapper.readTree(dir.resolve(ModelArtifact.METRICS_FILE).toFile());
            Provenance provenance = mapper.readValue(dir.resolve(ModelArtifact.PROVENANCE_FILE).toFile(),
                    Provenance.class);
            List<String> aliases = refs.aliases().entrySet().stream().filter(e -> e.getValue() == v)
                    .map(Map.Entry::getKey).sorted().toList();
            return new ModelVersion(model, v, Instant.parse(reg.registeredAt()), refs.archived().contains(v), aliases, metrics,
                    provenance, dir.toString());
        } catch (IOException e) {
            throw new ModelLoadException("Version " + v + " of '" + model + "' in " + dir + " cannot be read ("
                    + e.getMessage() + "); its files were changed after registration. Restore or remove it.", e);
        }
    }

    private static List<Integer> versionNumbers(Path modelDir) {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(modelDir)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(modelDir)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit)
                        && Files.isDirectory(d)) {
                    out.add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list versions in " + modelDir, e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private Refs readRefs(Path modelDir) {
        try {
            return mapper.readValue(Files.readAllBytes(modelDir.resolve(REFS_FILE)), Refs.class);
        } catch (NoSuchFileException e) {
            return new Refs(Map.of(), List.of());
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + modelDir.resolve(REFS_FILE) + ": " + e.getMessage(), e);
        }
    }

    private void writeRefs(Path modelDir, Refs refs) throws IOException {
        Path tmp = modelDir.resolve(STAGING_PREFIX + REFS_FILE + "-" + UUID.randomUUID());
        ArtifactFiles.writeDurably(tmp, Json.write(refs).getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, modelDir.resolve(REFS_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        ArtifactFiles.syncDirectory(modelDir);
    }

    private static void removeStaleStaging(Path modelDir) throws IOException {
        // Only called under the writers' lock, so any staging entry left is from a writer that died.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(modelDir, STAGING_PREFIX + "*")) {
            for (Path p : entries) {
                ArtifactFiles.deleteTree(p);
            }
        }
    }

    /** Runs the action holding this JVM's lock and the OS file lock of the model directory. */
    private <T> T underLock(Path modelDir, IoAction<T> action) {
        ReentrantLock local = IN_PROCESS_LOCKS.computeIfAbsent(modelDir, k -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(modelDir);
            try (FileChannel ch = FileChannel.open(modelDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Repository operation on " + modelDir + " failed: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    /** {@code registration.json}: written into the version directory before it is renamed into place. */
    record Registration(String model, int version, String registeredAt) {
        @JsonCreator
        Registration(@JsonProperty("model") String model, @JsonProperty("version") int version,
                     @JsonProperty("registeredAt") String registeredAt) {
            this.model = model;
            this.version = version;
            this.registeredAt = registeredAt;
        }
    }

    /** {@code refs.json}: aliases and archived versions, replaced atomically on every change. */
    record Refs(Map<String, Integer> aliases, List<Integer> archived) {
        @JsonCreator
        Refs(@JsonProperty("aliases") Map<String, Integer> aliases,
             @JsonProperty("archived") List<Integer> archived) {
            this.aliases = aliases == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(aliases));
            this.archived = archived == null ? List.of() : List.copyOf(archived);
        }
    }
}
