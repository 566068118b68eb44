package dev.mlops.test.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.serve.endpoint.ModelEndpoint;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 18, part 1: an endpoint on a free port with a ready client, over the server extension's model. */
class EndpointExtensionTest {
    @RegisterExtension
    static final ModelServerExtension SERVED = ModelServerExtension.fromArtifact(ModelServerExtensionTest::logreg);

    @RegisterExtension
    static final EndpointExtension ENDPOINT = EndpointExtension.on(SERVED, "logreg");

    @Test
    void client_infersOverRest_onAFreeLoopbackPort(ModelEndpoint endpoint, EndpointExtension.Client client) {
        assertTrue(endpoint.httpPort() > 0, "port 0 picked a free port: " + endpoint.httpPort());
        assertEquals("127.0.0.1", endpoint.httpUri().getHost());
        assertEquals(200, client.get("v2/models/logreg/ready").statusCode());
        HttpResponse<String> r = client.post("v2/models/logreg/infer", "{\"id\":\"t-1\",\"inputs\":["
                + "{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[2.0]},"
                + "{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[0.0]}]}");
        assertEquals(200, r.statusCode(), r.body());
        // sigmoid(1.5 * 2 + 0.25) > 0.5: class 1, "good"
        assertTrue(r.body().replace(" ", "").contains("\"data\":[1]"), r.body());
        assertTrue(r.body().contains("\"t-1\""), "the request id comes back: " + r.body());
    }

    @Test
    void eachTest_getsAnEndpointOfItsOwn(ModelEndpoint endpoint) {
        assertTrue(endpoint.httpPort() > 0);
        assertEquals(200, ENDPOINT.client().get("v2/health/ready").statusCode());
    }
}
