package dev.mlops.spark;

import dev.mlops.api.ModelLoadException;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.serve.ModelServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One {@link ModelServer} per model per JVM (docs/decisions/172): the first partition an executor scores builds it
 * from the broadcast artifact files, verified against the checksums of the artifact's manifest and the model
 * checksum the driver saw; later partitions and tasks reuse it; a shutdown hook closes them all. Thread-safe.
 */
final class ServerCache {
    private static final Map<String, ModelServer> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ServerCache() {
    }

    /** The server of the model whose {@code model.onnx} has this SHA-256, built from {@code files} if needed. */
    static ModelServer server(String modelChecksum, Map<String, byte[]> files) {
        return SERVERS.computeIfAbsent(modelChecksum, k -> load(k, files));
    }

    /** How many servers this JVM has built (each model once). */
    static int loads() {
        return LOADS.get();
    }

    private static ModelServer load(String modelChecksum, Map<String, byte[]> files) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ServerCache::closeAll, "mlops-spark-servers-close"));
        }
        ModelArtifact artifact = readVerified(files);
        String actual = artifact.checksums().get(ModelArtifact.MODEL_FILE);
        if (!modelChecksum.equalsIgnoreCase(actual)) {
            throw new ModelLoadException("The model shipped to this executor has SHA-256 " + actual + " but the driver"
                    + " scored with " + modelChecksum + "; the broadcast was damaged. Rerun the job.");
        }
        LOADS.incrementAndGet();
        return ModelServer.newBuilder().artifact(artifact).build();
    }

    /** The artifact of these files, every checksum of its manifest verified by {@link ModelArtifact#read}. */
    private static ModelArtifact readVerified(Map<String, byte[]> files) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mlops-spark-model");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            return ModelArtifact.read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the model artifact on this executor into " + dir + ": "
                    + e.getMessage() + "; check the executor's temporary directory", e);
        } finally {
            if (dir != null) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a leftover temporary directory is harmless
                }
            }
        }
    }

    /** Closes every cached server (at JVM shutdown). */
    static void closeAll() {
        for (String k : SERVERS.keySet()) {
            ModelServer s = SERVERS.remove(k);
            if (s != null) {
                s.close();
            }
        }
    }
}
