package dev.mlops.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemModelRepositoryTest {
    @TempDir
    Path root;

    @Test
    void register_numbersVersionsFromOneAndStoresEvaluationAndLineage() {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        ModelRepository repo = new FileSystemModelRepository(root, Clock.fixed(t, ZoneOffset.UTC));
        ModelVersion v1 = repo.register("credit", TestArtifacts.artifact(1, 50));
        ModelVersion v2 = repo.register("credit", TestArtifacts.artifact(2, 50));
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        List<ModelVersion> listed = repo.versions("credit");
        assertEquals(List.of(1, 2), listed.stream().map(ModelVersion::version).toList());
        assertEquals(t, listed.get(0).registeredAt());
        assertEquals("run-2", listed.get(1).runId());
        assertEquals(Map.of("train", "fp-2"), listed.get(1).provenance().dataFingerprints());
        assertEquals(0.52, listed.get(1).metric("accuracy").getAsDouble(), 1e-12);
        assertEquals(List.of("credit"), repo.models());
        assertTrue(Files.isDirectory(root.resolve("credit").resolve("2")));
    }

    @Test
    void load_returnsTheRegisteredArtifact() {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        ModelArtifact a = TestArtifacts.artifact(9, 300);
        repo.register("m", a);
        assertEquals(a, repo.load("m@1"));
        assertEquals(a, repo.load("m"));
    }

    @Test
    void aliases_setMoveAndRemove() {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("m", TestArtifacts.artifact(1, 10));
        repo.register("m", TestArtifacts.artifact(2, 10));
        repo.setAlias("m", "production", 1);
        repo.setAlias("m", "staging", 2);
        assertEquals(1, repo.resolve("m@production").version());
        assertEquals(List.of("production"), repo.version("m", 1).orElseThrow().aliases());
        repo.setAlias("m", "production", 2);
        assertEquals(2, repo.resolve("m@production").version());
        assertEquals(Map.of("production", 2, "staging", 2), repo.aliases("m"));
        assertTrue(repo.removeAlias("m", "staging"));
        assertFalse(repo.removeAlias("m", "staging"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> repo.resolve("m@staging"));
        assertTrue(e.getMessage().contains("no alias 'staging'")
                && e.getMessage().contains("{production=2}")
                && e.getMessage().contains("setAlias"), e.getMessage());
    }

    @Test
    void setAlias_toMissingVersion_isRefused() {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("m", TestArtifacts.artifact(1, 10));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> repo.setAlias("m", "production", 5));
        assertTrue(e.getMessage().contains("version 5"), e.getMessage());
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> repo.setAlias("m", "42", 1));
        assertTrue(thrown.getMessage().contains("Alias '42' is a number")
                && thrown.getMessage().contains("with a letter"), thrown.getMessage());
    }

    @Test
    void archive_removesFromLatestButKeepsLoadableByNumber() {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("m", TestArtifacts.artifact(1, 10));
        repo.register("m", TestArtifacts.artifact(2, 10));
        repo.archive("m", 2);
        assertEquals(1, repo.resolve("m").version());
        assertTrue(repo.version("m", 2).orElseThrow().archived());
        assertEquals(TestArtifacts.artifact(2, 10), repo.load("m@2"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> repo.setAlias("m", "production", 2));
        assertTrue(e.getMessage().contains("Version 2 of 'm' is archived"), e.getMessage());
        repo.setAlias("m", "production", 1);
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> repo.archive("m", 1));
        assertTrue(e2.getMessage().contains("archive version 1 of 'm'")
                && e2.getMessage().contains("aliases [production]")
                && e2.getMessage().contains("move them first"), e2.getMessage());
    }

    @Test
    void resolve_unknownModelOrAlias_saysWhatExists() {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("m", TestArtifacts.artifact(1, 10));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> repo.resolve("other@production"));
        assertTrue(e.getMessage().contains("[m]"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> repo.resolve("m@production"));
        assertTrue(e.getMessage().contains("no alias 'production'"), e.getMessage());
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> repo.resolve("../etc@1"));
        assertTrue(thrown.getMessage().contains("Invalid model name '../etc'")
                && thrown.getMessage().contains("use letters, digits"), thrown.getMessage());
    }

    @Test
    void load_tamperedVersion_isRefused() throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("m", TestArtifacts.artifact(1, 100));
        Files.write(root.resolve("m/1/model.onnx"), new byte[] {1, 2, 3});
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> repo.load("m@1"));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
    }

    @Test
    void register_concurrentWriters_getDistinctConsecutiveVersions() throws Exception {
        ModelRepository a = ModelRepository.onFileSystem(root);
        ModelRepository b = ModelRepository.onFileSystem(root);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ModelRepository repo = i % 2 == 0 ? a : b;
                int seed = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return repo.register("m", TestArtifacts.artifact(seed, 1000)).version();
                }));
            }
            start.countDown();
            List<Integer> got = new ArrayList<>();
            for (Future<Integer> f : futures) {
                got.add(f.get(30, TimeUnit.SECONDS));
            }
            Collections.sort(got);
            assertEquals(IntStream.rangeClosed(1, 16).boxed().toList(), got);
            assertEquals(16, a.versions("m").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void watch_reportsAnAliasMove() throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("m", TestArtifacts.artifact(1, 10));
        repo.register("m", TestArtifacts.artifact(2, 10));
        repo.setAlias("m", "production", 1);
        LinkedBlockingQueue<ModelVersion> seen = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = repo.watch("m@production", Duration.ofMillis(10), seen::add)) {
            repo.setAlias("m", "production", 2);
            ModelVersion v = seen.poll(20, TimeUnit.SECONDS);
            assertEquals(2, v == null ? -1 : v.version());
        }
    }

    @Test
    void modelRef_parsesAliasVersionAndBareName() {
        assertEquals(new ModelRef("credit", "production"), ModelRef.parse("credit@production"));
        assertEquals(3, ModelRef.parse("credit@3").version().getAsInt());
        assertEquals(ModelRef.LATEST, ModelRef.parse("credit").selector());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRef.parse("credit@"));
        assertTrue(e.getMessage().contains("Invalid alias or version ''")
                && e.getMessage().contains("use letters, digits"), e.getMessage());
    }
}
