package dev.mlops.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes alerts to sinks with a cooldown per alert key: the first alert of a key goes out, repeats within the
 * cooldown are suppressed and counted (de-duplication), and after the cooldown the key may alert again. The
 * cooldown runs on the alerts' own times (the monitor's clock when it raised them), so a replay is deterministic.
 * Thread-safe.
 */
public final class AlertRouter {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRouter.class);

    private final List<AlertSink> sinks;
    private final Duration cooldown;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder suppressed = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();

    private AlertRouter(List<AlertSink> sinks, Duration cooldown) {
        this.sinks = List.copyOf(sinks);
        this.cooldown = cooldown;
    }

    /** A builder. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Sends the alert to every sink unless its key alerted within the cooldown; returns whether it was sent. */
    public boolean fire(Alert alert) {
        Instant now = alert.time();
        synchronized (lastSent) {
            Instant last = lastSent.get(alert.key());
            if (last != null && now.isBefore(last.plus(cooldown))) {
                suppressed.increment();
                return false;
            }
            lastSent.put(alert.key(), now);
        }
        sent.increment();
        for (AlertSink s : sinks) {
            try {
                s.send(alert);
            } catch (RuntimeException e) { // one failing sink must not stop the others
                sinkFailures.increment();
                LOG.warn("Alert sink {} failed on {}: {}", s, alert.key(), e.toString());
            }
        }
        return true;
    }

    /** Alerts sent. */
    public long sent() {
        return sent.sum();
    }

    /** Repeats suppressed within the cooldown. */
    public long suppressed() {
        return suppressed.sum();
    }

    /** Sink calls that threw. */
    public long sinkFailures() {
        return sinkFailures.sum();
    }

    /** Builds an {@link AlertRouter}. */
    public static final class Builder {
        private final List<AlertSink> sinks = new ArrayList<>();
        private Duration cooldown = Duration.ofMinutes(30);

        private Builder() {
        }

        /** Adds a sink (a lambda is a listener). */
        public Builder sink(AlertSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** How long repeats of one key are suppressed (30 minutes). */
        public Builder cooldown(Duration cooldown) {
            if (cooldown.isNegative()) {
                throw new IllegalArgumentException("The cooldown must not be negative, got " + cooldown);
            }
            this.cooldown = cooldown;
            return this;
        }

        /** Builds the router. */
        public AlertRouter build() {
            return new AlertRouter(sinks, cooldown);
        }
    }
}
