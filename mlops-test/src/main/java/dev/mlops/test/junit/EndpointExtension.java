package dev.mlops.test.junit;

import dev.mlops.serve.endpoint.ModelEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A network endpoint (Open Inference Protocol, REST and gRPC on free loopback ports) over the server of a
 * {@link ModelServerExtension}, started on first use and closed after each test, with a ready REST client. Register
 * it after the server's extension, so it closes first:
 *
 * <pre>{@code
 * @RegisterExtension static final ModelServerExtension SERVED = ModelServerExtension.fromArtifact(dir);
 * @RegisterExtension static final EndpointExtension ENDPOINT = EndpointExtension.on(SERVED, "credit");
 *
 * @Test void answers(EndpointExtension.Client client) {
 *     assertEquals(200, client.get("v2/models/credit/ready").statusCode());
 * }
 * }</pre>
 *
 * <p>Parameters it resolves: {@link ModelEndpoint} and {@link Client}.
 */
public final class EndpointExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {
    private final ModelServerExtension served;
    private final String model;
    private ModelEndpoint endpoint;

    private EndpointExtension(ModelServerExtension served, String model) {
        this.served = Objects.requireNonNull(served, "served");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** An endpoint serving the extension's server under this model name. */
    public static EndpointExtension on(ModelServerExtension served, String model) {
        return new EndpointExtension(served, model);
    }

    /** The endpoint of the current test, started on first use (on free ports, bound to 127.0.0.1). */
    public synchronized ModelEndpoint endpoint() {
        if (endpoint == null) {
            endpoint = ModelEndpoint.newBuilder().model(model, served.server()).build();
        }
        return endpoint;
    }

    /** A REST client of the current test's endpoint. */
    public Client client() {
        return new Client(endpoint().httpUri());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ModelEndpoint.class || type == Client.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ModelEndpoint.class ? endpoint() : client();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private synchronized void close() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    /**
     * A small REST client of one endpoint: paths are relative to its base URI ({@code v2/models/credit/infer}).
     *
     * @param base the endpoint's REST base URI
     */
    public record Client(URI base) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        /** GET a path. */
        public HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
        }

        /** POST a JSON body to a path (an inference request to {@code v2/models/<name>/infer}, say). */
        public HttpResponse<String> post(String path, String json) {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        private static HttpResponse<String> send(HttpRequest request) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException("The endpoint at " + request.uri() + " did not answer: "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while calling " + request.uri(), e);
            }
        }
    }
}
