package dev.mlops.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.data.profile.Profile;
import java.time.Instant;
import java.util.Objects;

/**
 * One window of observed rows: its key, its time range and the mergeable {@link Profile} of its inputs and outputs.
 * Windows merge into longer ones exactly as their profiles do (counts and moments exact, sketches within bounds).
 *
 * <p>Immutable and thread-safe.
 *
 * @param key     the window's name: {@code rows-3}, the start instant of a time window, or the key value
 * @param start   the first event time seen in it, or the start of its time range
 * @param end     the last event time seen in it, or the end of its time range (exclusive)
 * @param profile the statistics of its rows
 */
public record Window(String key, Instant start, Instant end, Profile profile) {

    /** Checks the parts. */
    public Window {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(profile, "profile");
    }

    /** The number of rows in the window. */
    public long rowCount() {
        return profile.rowCount();
    }

    /** The window of the rows of both, spanning both time ranges, keyed {@code a+b}. */
    public Window merge(Window other) {
        Instant s = start.isBefore(other.start) ? start : other.start;
        Instant e = end.isAfter(other.end) ? end : other.end;
        return new Window(key.equals(other.key) ? key : key + "+" + other.key, s, e, profile.merge(other.profile));
    }

    ObjectNode toJsonTree() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("key", key);
        o.put("start", start.toString());
        o.put("end", end.toString());
        o.set("profile", profile.toJsonTree());
        return o;
    }

    static Window fromJsonTree(JsonNode o) {
        return new Window(o.get("key").asText(), Instant.parse(o.get("start").asText()),
                Instant.parse(o.get("end").asText()), Profile.fromJson(o.get("profile").toString()));
    }
}
