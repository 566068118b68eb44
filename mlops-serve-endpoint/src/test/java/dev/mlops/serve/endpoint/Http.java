package dev.mlops.serve.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small JDK HttpClient wrapper for the tests: loopback only. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final URI base;

    Http(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    Http(URI base, HttpClient client) {
        if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
            throw new IllegalArgumentException("tests only talk to loopback, not " + base);
        }
        this.base = base;
        this.client = client;
    }

    /** A response: status, headers, body. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String error() {
            return json().path("error").asText();
        }
    }

    Reply get(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
    }

    Reply post(String path, String json, String... headers) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), withDefault(headers));
    }

    private static String[] withDefault(String[] headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return headers;
            }
        }
        String[] h = java.util.Arrays.copyOf(headers, headers.length + 2);
        h[headers.length] = "Content-Type";
        h[headers.length + 1] = "application/json";
        return h;
    }

    Reply post(String path, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                headers);
    }

    Reply send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A V2 request for the logistic regression: rows of (x1, x2). */
    static String logregRequest(String id, float[] x1, float[] x2) {
        return json(Map.of("id", id, "inputs", java.util.List.of(
                Map.of("name", "x1", "datatype", "FP32", "shape", new int[] {x1.length, 1}, "data", x1),
                Map.of("name", "x2", "datatype", "FP32", "shape", new int[] {x2.length, 1}, "data", x2))));
    }
}
