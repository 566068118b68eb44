package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.PredictionEvent;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} splits a request's time as Triton does: queue and compute histograms beside the request's. */
class InferenceDurationsTest {
    private static final String ONE = Http.logregRequest("d", new float[] {1}, new float[] {2});

    /** The value of {@code name{model="logreg"}} in a Prometheus text scrape. */
    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{model=\"logreg\"[^}]*} (\\S+)$").matcher(text);
        assertTrue(m.find(), name + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metrics_heldBatch_showQueueAndComputeHistogramsWithinTheRequestDuration() throws Exception {
        // a lone request waits up to the queue delay for others to join its batch: a held batch
        ServerConfig batched = ServerConfig.newBuilder().batching(64, Duration.ofMillis(5)).build();
        try (ModelServer logreg = Models.logreg(batched);
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("logreg", logreg).build()) {
            // subscribed after the endpoint's meters, so this listener sees an event once they have recorded it
            LinkedBlockingQueue<PredictionEvent> events = new LinkedBlockingQueue<>();
            try (AutoCloseable subscription = logreg.onPrediction(events::add)) {
                Http http = new Http(endpoint.httpUri());
                for (int i = 0; i < 3; i++) {
                    assertEquals(200, http.post("v2/models/logreg/infer", ONE).status());
                    assertNotNull(events.poll(30, TimeUnit.SECONDS), "the server published the prediction");
                }
                String text = http.get("metrics").text();
                for (String timer : new String[] {"request", "queue", "compute"}) {
                    String name = "mlops_inference_" + timer + "_duration_seconds";
                    assertEquals(3, value(text, name + "_count"), name);
                    assertTrue(text.contains(name + "_bucket{model=\"logreg\",le="), name + " is a histogram");
                }
                double queue = value(text, "mlops_inference_queue_duration_seconds_sum");
                double compute = value(text, "mlops_inference_compute_duration_seconds_sum");
                double request = value(text, "mlops_inference_request_duration_seconds_sum");
                assertTrue(queue > 0, "waited in the queue: " + queue);
                assertTrue(compute > 0, "ran the model: " + compute);
                assertTrue(queue + compute <= request, queue + " + " + compute + " within " + request);
                assertEquals(3, value(text, "mlops_inference_exec_count_total"), "one batch per lone request");
            }
        }
    }
}
