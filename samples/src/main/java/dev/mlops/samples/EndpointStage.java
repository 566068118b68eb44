package dev.mlops.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.mlops.api.Frame;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.endpoint.ModelEndpoint;
import inference.GRPCInferenceServiceGrpc;
import inference.OpenInferenceGrpc.InferTensorContents;
import inference.OpenInferenceGrpc.ModelInferRequest;
import inference.OpenInferenceGrpc.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Network stage of the main job: serves {@code model@production} on a free loopback port over the Open Inference
 * Protocol, sends the first test row once by REST (JSON) and once by gRPC, prints both answers and the URL, and
 * stops.
 */
public final class EndpointStage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointStage() {
    }

    /**
     * What the stage saw.
     *
     * @param inferUrl the REST inference URL it used
     * @param restLabel the label index the REST answer gave
     * @param grpcLabel the label index the gRPC answer gave
     * @param restProbabilities the probabilities of the REST answer
     * @param grpcProbabilities the probabilities of the gRPC answer
     */
    public record Result(String inferUrl, long restLabel, long grpcLabel, float[] restProbabilities,
                         float[] grpcProbabilities) {
    }

    /** Starts the endpoint, sends one REST and one gRPC request for the first test row, prints, and stops. */
    public static Result run(ModelRepository repository, String model, Frame test) {
        try (ModelServer server = ModelServer.load(repository, model + "@production");
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model(model, server).build()) {
            List<TensorSpec> inputs = server.info().signature().inputs();
            Map<String, Object> row = ServeStage.records(test.head(1), inputs).get(0);
            URI infer = endpoint.httpUri().resolve("v2/models/" + model + "/infer");
            System.out.println("Endpoint up: REST " + endpoint.httpUri() + " gRPC " + endpoint.grpcTarget());

            String request = restRequest(row, inputs);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(infer).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            System.out.println("POST " + infer + " -> " + reply.statusCode());
            System.out.println("  " + reply.body());
            JsonNode outputs = JSON.readTree(reply.body()).get("outputs");

            ManagedChannel channel = NettyChannelBuilder.forTarget(endpoint.grpcTarget()).usePlaintext().build();
            try {
                ModelInferResponse answer = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(grpcRequest(model, row, inputs));
                System.out.println("gRPC ModelInfer " + endpoint.grpcTarget() + " -> label "
                        + answer.getOutputs(0).getContents().getInt64ContentsList() + ", probabilities "
                        + answer.getOutputs(1).getContents().getFp32ContentsList());
                return new Result(infer.toString(), outputs.get(0).get("data").get(0).longValue(),
                        answer.getOutputs(0).getContents().getInt64Contents(0), floats(outputs.get(1).get("data")),
                        floats(answer.getOutputs(1).getContents()));
            } finally {
                channel.shutdownNow();
                channel.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to the endpoint", e);
        }
    }

    /** The V2 JSON request for one record: numbers in the input's datatype (missing as null), strings as BYTES. */
    static String restRequest(Map<String, Object> row, List<TensorSpec> inputs) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("id", "main-job-1");
        ArrayNode tensors = root.putArray("inputs");
        for (TensorSpec in : inputs) {
            ObjectNode t = tensors.addObject().put("name", in.name()).put("datatype", datatype(in.type()));
            t.putArray("shape").add(1).add(1);
            Object v = row.get(in.name());
            ArrayNode data = t.putArray("data");
            if (v == null) {
                if (in.type() == ElementType.STRING) {
                    data.add("");
                } else {
                    data.addNull();
                }
            } else if (v instanceof Number n) {
                if (in.type() == ElementType.DOUBLE) {
                    data.add(n.doubleValue());
                } else {
                    data.add(n.floatValue());
                }
            } else {
                data.add(v.toString());
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static ModelInferRequest grpcRequest(String model, Map<String, Object> row, List<TensorSpec> inputs) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName(model).setId("main-job-2");
        for (TensorSpec in : inputs) {
            Object v = row.get(in.name());
            InferTensorContents.Builder c = InferTensorContents.newBuilder();
            if (in.type() == ElementType.STRING) {
                c.addBytesContents(ByteString.copyFromUtf8(v == null ? "" : v.toString()));
            } else if (in.type() == ElementType.DOUBLE) {
                c.addFp64Contents(v == null ? Double.NaN : ((Number) v).doubleValue());
            } else {
                c.addFp32Contents(v == null ? Float.NaN : ((Number) v).floatValue());
            }
            b.addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(in.name())
                    .setDatatype(datatype(in.type())).addShape(1).addShape(1).setContents(c));
        }
        return b.build();
    }

    private static String datatype(ElementType type) {
        return switch (type) {
            case FLOAT -> "FP32";
            case DOUBLE -> "FP64";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case STRING -> "BYTES";
            case BOOL -> "BOOL";
        };
    }

    private static float[] floats(JsonNode data) {
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data.get(i).doubleValue();
        }
        return out;
    }

    private static float[] floats(InferTensorContents c) {
        float[] out = new float[c.getFp32ContentsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.getFp32Contents(i);
        }
        return out;
    }
}
