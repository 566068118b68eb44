package dev.mlops.monitor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An alert sink that POSTs JSON to a URL ({@link AlertSink#webhook}); deliveries and retries run on the sink's own
 * daemon scheduler, never on the monitor's thread. Thread-safe; close it to stop retrying.
 */
public final class Webhook implements AlertSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);

    private final URI url;
    private final Map<String, String> headers;
    private final int attempts;
    private final Duration firstBackoff;
    private final Duration timeout;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failed = new LongAdder();

    Webhook(URI url, Map<String, String> headers, int attempts, Duration firstBackoff, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.headers = Map.copyOf(headers);
        if (attempts < 1 || firstBackoff.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A webhook needs attempts >= 1, a back-off >= 0 and a positive "
                    + "timeout; got " + attempts + ", " + firstBackoff + ", " + timeout);
        }
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.timeout = timeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlops-alert-webhook");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(scheduler).build();
    }

    /** Queues the alert for delivery and returns at once. */
    @Override
    public void send(Alert alert) {
        deliver(alert);
    }

    /** Queues the alert; the future completes with the final status, or exceptionally once every try failed. */
    public CompletableFuture<Integer> deliver(Alert alert) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        scheduler.execute(() -> attempt(alert, 1, result));
        return result;
    }

    private void attempt(Alert alert, int attempt, CompletableFuture<Integer> result) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert.toJson()));
        headers.forEach(b::header);
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            int status = response == null ? -1 : response.statusCode();
            if (error == null && status / 100 == 2) {
                delivered.increment();
                result.complete(status);
                return;
            }
            String why = error != null ? error.toString() : "status " + status;
            if (attempt >= attempts || scheduler.isShutdown()) {
                failed.increment();
                LOG.warn("Alert {} could not be delivered to {} after {} tries: {}", alert.key(), url, attempt, why);
                result.completeExceptionally(new IllegalStateException("Alert " + alert.key() + " not delivered to "
                        + url + " after " + attempt + " tries: " + why));
                return;
            }
            retries.increment();
            long wait = firstBackoff.toMillis() << (attempt - 1);
            scheduler.schedule(() -> attempt(alert, attempt + 1, result), wait, TimeUnit.MILLISECONDS);
        });
    }

    /** Alerts delivered. */
    public long delivered() {
        return delivered.sum();
    }

    /** Retries made. */
    public long retries() {
        return retries.sum();
    }

    /** Alerts given up on after every try. */
    public long failed() {
        return failed.sum();
    }

    /** Stops the scheduler; deliveries in progress are abandoned. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    @Override
    public String toString() {
        return "Webhook[" + url + ", delivered=" + delivered() + ", retries=" + retries() + ", failed=" + failed()
                + "]";
    }
}
