package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numeric inputs of packaged models are FP64 (exact trees, docs/decisions/180). A client that sends FP32, as clients
 * written against the earlier FP32 inputs do, is answered as if it had sent the same numbers as FP64, since widening
 * float to double is exact; the other mismatches are still refused.
 */
class Fp32WideningTest {
    /** doubles.onnx: y = x1 + 2 x2 and d = x1, in double. */
    private static ModelServer doubles() {
        return ModelServer.newBuilder().artifact(ModelArtifact.newBuilder().model(Models.bytes("doubles"))
                .signature(new ModelSignature(List.of(TensorSpec.column("x1", ElementType.DOUBLE, false),
                        TensorSpec.column("x2", ElementType.DOUBLE, false)),
                        List.of(TensorSpec.column("y", ElementType.DOUBLE, false),
                                TensorSpec.column("d", ElementType.DOUBLE, false)), List.of(), ModelTask.REGRESSION))
                        .build()).build();
    }

    private static String request(String datatype, String x1, String x2) {
        return "{\"inputs\":[{\"name\":\"x1\",\"datatype\":\"" + datatype + "\",\"shape\":[2,1],\"data\":" + x1 + "},"
                + "{\"name\":\"x2\",\"datatype\":\"" + datatype + "\",\"shape\":[2,1],\"data\":" + x2 + "}]}";
    }

    @Test
    void fp32DataForAnFp64Input_isWidenedExactly_andAnsweredAsFp64Data() {
        try (ModelServer server = doubles();
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("sum", server)
                     .config(EndpointConfig.newBuilder().httpPort(0).grpcPort(-1).build()).build()) {
            Http http = new Http(endpoint.httpUri());
            Http.Reply metadata = http.get("v2/models/sum");
            assertEquals("FP64", metadata.json().path("inputs").get(0).path("datatype").asText(), metadata.text());

            // 0.1f widened is 0.100000001490116..., not 0.1: the FP32 request means the float's exact value.
            Http.Reply asFloats = http.post("v2/models/sum/infer", request("FP32", "[0.5, 0.1]", "[0.25, 3]"));
            assertEquals(200, asFloats.status(), asFloats.text());
            Http.Reply asDoubles = http.post("v2/models/sum/infer",
                    request("FP64", "[0.5, " + (double) 0.1f + "]", "[0.25, 3]"));
            assertEquals(200, asDoubles.status(), asDoubles.text());
            JsonNode y = asFloats.json().path("outputs").get(0);
            assertEquals("FP64", y.path("datatype").asText());
            assertEquals(asDoubles.json().path("outputs").get(0).path("data"), y.path("data"), asFloats.text());
            assertEquals(1.0, y.path("data").get(0).asDouble());
            assertEquals((double) 0.1f + 6, y.path("data").get(1).asDouble());

            Http.Reply ints = http.post("v2/models/sum/infer", request("INT64", "[1, 2]", "[3, 4]"));
            assertEquals(400, ints.status(), ints.text());
            assertTrue(ints.error().contains("has datatype INT64 but the model takes FP64"), ints.error());
        }
    }
}
