package dev.mlops.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** Where alerts go: a listener, SLF4J, a webhook. Implementations must be thread-safe. */
@FunctionalInterface
public interface AlertSink {

    /** Delivers one alert; may throw, which the router counts and logs. */
    void send(Alert alert);

    /** Logs each alert at WARN on the {@code dev.mlops.monitor.alerts} logger. */
    static AlertSink slf4j() {
        org.slf4j.Logger log = LoggerFactory.getLogger("dev.mlops.monitor.alerts");
        return a -> log.warn("[{}] {} ({})", a.kind(), a.message(), a.key());
    }

    /**
     * POSTs each alert as JSON to a URL with the JDK {@code HttpClient}, off the caller's thread, retrying a failed
     * delivery (an exception or a status outside 2xx) with exponential back-off.
     *
     * @param url          where to post
     * @param headers      extra headers (for example an authorization token)
     * @param attempts     tries in all, at least 1
     * @param firstBackoff the wait before the second try; each further wait doubles
     * @param timeout      the timeout of each request
     */
    static Webhook webhook(URI url, Map<String, String> headers, int attempts, Duration firstBackoff,
                           Duration timeout) {
        return new Webhook(url, headers, attempts, firstBackoff, timeout);
    }
}
