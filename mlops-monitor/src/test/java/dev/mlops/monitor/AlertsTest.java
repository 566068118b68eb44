package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.api.Json;
import dev.mlops.data.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Alert alert(String key) {
        return alert(key, T0);
    }

    static Alert alert(String key, Instant time) {
        return new Alert(key, Alert.Kind.DATASET_DRIFT, time, "window w drifted", Map.of("window", "w"));
    }

    /** A receiver on 127.0.0.1 that answers 500 to the first {@code failures} posts, then 200. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger calls = new AtomicInteger();
        final List<String> bodies = new CopyOnWriteArrayList<>();

        Receiver(int failures) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/alerts", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                int status = calls.incrementAndGet() <= failures ? 500 : 200;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void router_deduplicatesByKeyWithinTheCooldown() {
        List<Alert> got = new CopyOnWriteArrayList<>();
        AlertRouter router = AlertRouter.newBuilder().sink(got::add).sink(a -> {
            throw new IllegalStateException("a broken sink");
        }).cooldown(Duration.ofMinutes(10)).build();
        assertTrue(router.fire(alert("dataset-drift")));
        assertFalse(router.fire(alert("dataset-drift", T0.plusSeconds(599))),
                "a repeat within the cooldown is suppressed");
        assertTrue(router.fire(alert("prediction-drift")), "another key is not");
        assertTrue(router.fire(alert("dataset-drift", T0.plusSeconds(600))), "after the cooldown it alerts again");
        assertEquals(3, got.size());
        assertEquals(3, router.sent());
        assertEquals(1, router.suppressed());
        assertEquals(3, router.sinkFailures(), "a throwing sink is counted and the others still get the alert");
    }

    @Test
    void webhook_retriesWithBackoff_untilAFailingReceiverRecovers() throws Exception {
        try (Receiver receiver = new Receiver(2);
             Webhook hook = AlertSink.webhook(receiver.uri(), Map.of("Authorization", "Bearer t"), 4,
                     Duration.ofMillis(5), Duration.ofSeconds(5))) {
            int status = hook.deliver(alert("dataset-drift")).get(30, TimeUnit.SECONDS);
            assertEquals(200, status);
            assertEquals(3, receiver.calls.get());
            assertEquals(2, hook.retries());
            assertEquals(1, hook.delivered());
            JsonNode body = Json.mapper().readTree(receiver.bodies.get(2));
            assertEquals("dataset-drift", body.get("key").asText());
            assertEquals("DATASET_DRIFT", body.get("kind").asText());
            assertEquals("w", body.get("details").get("window").asText());
        }
    }

    @Test
    void webhook_givesUpAfterItsAttempts_andCountsTheFailure() throws Exception {
        try (Receiver receiver = new Receiver(100);
             Webhook hook = AlertSink.webhook(receiver.uri(), Map.of(), 3, Duration.ofMillis(1),
                     Duration.ofSeconds(5))) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> hook.deliver(alert("k")).join());
            assertTrue(e.getCause().getMessage().contains("after 3 tries: status 500"), e.getCause().getMessage());
            assertEquals(3, receiver.calls.get());
            assertEquals(1, hook.failed());
        }
    }

    @Test
    void monitor_alertsOnDatasetAndPredictionDrift_onceWithinTheCooldown() {
        List<Alert> got = new CopyOnWriteArrayList<>();
        AlertRouter router = AlertRouter.newBuilder().sink(got::add).sink(AlertSink.slf4j())
                .cooldown(Duration.ofHours(1)).build();
        dev.mlops.api.Frame ref = Samples.inputs(3000, 1, 0, 0);
        DriftMonitor m = DriftMonitor.against(Profile.of(ref)).predictionReference(Samples.outputs(ref))
                .windowRows(1000).alerts(router).build();
        dev.mlops.api.Frame calm = Samples.inputs(1000, 2, 0, 0);
        m.observe(calm, Samples.outputs(calm), T0);
        assertEquals(List.of(), got);
        for (int i = 0; i < 2; i++) {
            dev.mlops.api.Frame shifted = Samples.inputs(1000, 3 + i, 1.5, 0.3);
            m.observe(shifted, Samples.outputs(shifted), T0);
        }
        assertEquals(List.of("dataset-drift", "prediction-drift"), got.stream().map(Alert::key).toList());
        assertEquals(2, router.suppressed());
        assertTrue(got.get(0).message().contains("rows-1"), got.get(0).message());
    }

    @Test
    void monitor_alertsWhenTheErrorDetectorFires_orMeasuredAccuracyFallsBelowTheFloor() {
        List<Alert> got = new CopyOnWriteArrayList<>();
        AlertRouter router = AlertRouter.newBuilder().sink(got::add).cooldown(Duration.ZERO).build();
        DriftMonitor m = DriftMonitor.against(Profile.of(Samples.inputs(500, 1, 0, 0))).windowRows(100)
                .labels(DelayedLabelsTest.BINARY, Duration.ofHours(1), 10_000).alerts(router)
                .detectErrors(ChangeDetector.adwin(0.002)).performanceFloor(0.7).build();
        java.util.Random r = new java.util.Random(5);
        for (int w = 0; w < 10; w++) {
            double[] p = new double[100];
            for (int i = 0; i < 100; i++) {
                p[i] = r.nextDouble();
            }
            List<String> ids = DelayedLabelsTest.ids("w" + w + "-", 100);
            m.observe(Samples.inputs(100, w, 0, 0), DelayedLabelsTest.outputs(p), T0, ids);
            double errorRate = w < 5 ? 0.1 : 0.5;
            for (int i = 0; i < 100; i++) {
                boolean right = r.nextDouble() >= errorRate;
                boolean good = p[i] >= 0.5;
                m.label(ids.get(i), good == right ? "good" : "bad");
            }
        }
        List<String> keys = got.stream().map(Alert::key).distinct().toList();
        assertTrue(keys.contains("detector:errors"), keys.toString());
        assertTrue(keys.contains("performance:measured"), keys.toString());
        Alert first = got.stream().filter(a -> a.key().equals("performance:measured")).findFirst().orElseThrow();
        assertTrue(((String) first.details().get("window")).compareTo("rows-5") >= 0, first.toString());
    }
}
