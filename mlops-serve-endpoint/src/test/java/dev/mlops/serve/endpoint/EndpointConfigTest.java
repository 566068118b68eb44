package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {

    @Test
    void defaults_areSafe_loopbackFreePortsAndLimits() {
        EndpointConfig c = EndpointConfig.defaults();
        assertEquals("127.0.0.1", c.host());
        assertEquals(0, c.httpPort());
        assertEquals(0, c.grpcPort());
        assertEquals(16L << 20, c.maxRequestBytes(), "16 MiB bodies");
        assertEquals(1L << 22, c.maxTensorElements(), "4 Mi elements a tensor");
        assertEquals(0, c.requestTimeoutMillis(), "no limit of its own");
        assertEquals(256, c.maxConcurrentRequests());
        assertEquals(10_000, c.drainTimeoutMillis());
        assertEquals(30_000, c.idleTimeoutMillis());
        assertTrue(c.openHealth(), "health routes answer without a token");
    }

    @Test
    void json_roundTripsEverySetting() {
        qt().forAll(integers().between(-1, 65535), integers().between(1, 65535), longs().between(1, 1L << 30),
                integers().between(1, 10_000)).check((http, grpc, bytes, concurrent) -> {
                    EndpointConfig c = EndpointConfig.newBuilder().httpPort(http).grpcPort(grpc).maxRequestBytes(bytes)
                            .maxConcurrentRequests(concurrent).openHealth(concurrent % 2 == 0)
                            .requestTimeout(Duration.ofMillis(bytes % 5000)).build();
                    return EndpointConfig.fromJson(c.toJson()).equals(c) && c.toBuilder().build().equals(c);
                });
    }

    @Test
    void build_reportsEveryProblemAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EndpointConfig.newBuilder()
                .host(" ").httpPort(-1).grpcPort(-1).maxConcurrentRequests(0).maxRequestBytes(0).build());
        for (String part : new String[] {"host", "at least one of REST and gRPC", "maxConcurrentRequests",
                "maxRequestBytes"}) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void builder_refusesDuplicateAndBadModelNames() {
        try (var server = Models.logreg()) {
            ModelEndpoint.Builder b = ModelEndpoint.newBuilder().model("a", server);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.model("a", server));
            assertTrue(e.getMessage().contains("Model 'a' is added twice")
                    && e.getMessage().contains("its own name"), e.getMessage());
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> b.model("a/b", server));
            assertTrue(e2.getMessage().contains("no '/'")
                    && e2.getMessage().contains("got 'a/b'"), e2.getMessage());
            IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                    () -> ModelEndpoint.newBuilder().build(),
                    "an endpoint needs a model");
            assertTrue(e3.getMessage().contains("at least one model")
                    && e3.getMessage().contains("model(name, server)"), e3.getMessage());
        }
    }
}
