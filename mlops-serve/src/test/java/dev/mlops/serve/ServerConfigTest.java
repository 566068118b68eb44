package dev.mlops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void defaults_areBatchingOffAndCachesOff() {
        ServerConfig c = ServerConfig.defaults();
        assertEquals(false, c.batching());
        assertEquals(0, c.requestCacheSize());
        assertEquals(ExecutionProvider.AUTO, c.provider());
        assertEquals(Duration.ZERO, c.requestTimeout());
    }

    @Test
    void anyValidConfig_roundTripsThroughJsonAndToBuilder() {
        qt().withExamples(50).forAll(booleans().all(), integers().between(1, 4096), integers().between(0, 16),
                integers().between(0, 10_000)).checkAssert((batching, size, threads, millis) -> {
                    ServerConfig c = ServerConfig.newBuilder().batching(size, Duration.ofMillis(millis))
                            .batching(batching).threads(threads, threads / 2).requestTimeout(Duration.ofMillis(millis))
                            .provider(ExecutionProvider.values()[threads % 3]).reloadInterval(Duration.ofMillis(millis))
                            .requestCacheSize(millis).build();
                    assertEquals(c, ServerConfig.fromJson(c.toJson()));
                    assertEquals(c, c.toBuilder().build());
                });
    }

    @Test
    void build_reportsEveryProblemAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.newBuilder()
                .batching(0, Duration.ZERO).queueCapacity(0).modelCacheSize(0).build());
        assertTrue(e.getMessage().contains("maxBatchSize") && e.getMessage().contains("queueCapacity")
                && e.getMessage().contains("modelCacheSize"), e.getMessage());
    }
}
