package dev.mlops.monitor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a monitor wants a person to look at: a window drifted, a detector fired, performance fell below its
 * floor. Alerts with the same {@link #key()} are de-duplicated within the router's cooldown.
 *
 * @param key     what the alert is about, stable across repeats ({@code dataset-drift}, {@code detector:errors})
 * @param kind    the kind of alert
 * @param time    when it was raised, by the monitor's clock
 * @param message a sentence for people: what happened, where, and the numbers
 * @param details the numbers behind it (window key, statistic, threshold, ...)
 */
public record Alert(String key, Kind kind, Instant time, String message, Map<String, Object> details) {

    /** The kinds of alert. */
    public enum Kind {
        /** At least the dataset-drift share of input features drifted in a window. */
        DATASET_DRIFT,
        /** The model's outputs drifted in a window. */
        PREDICTION_DRIFT,
        /** The reconstruction error left the reference band (multivariate drift). */
        MULTIVARIATE_DRIFT,
        /** A streaming change detector fired. */
        DETECTOR,
        /** Measured or estimated performance fell below its floor. */
        PERFORMANCE
    }

    /** Checks and copies. */
    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }

    /** The alert as a JSON object (the webhook body). */
    public String toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("key", key);
        o.put("kind", kind.name());
        o.put("time", time.toString());
        o.put("message", message);
        o.set("details", Json.mapper().valueToTree(new java.util.TreeMap<>(details)));
        return Json.write(o);
    }
}
