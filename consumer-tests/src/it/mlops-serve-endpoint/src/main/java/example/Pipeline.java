package example;

import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelArtifact;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.Provenance;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.endpoint.ModelEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Registers a small logistic regression (ONNX), serves it on a free loopback port and asks it by REST (V2). */
public final class Pipeline {
    public static void main(String[] args) throws Exception {
        byte[] onnx = Files.readAllBytes(Path.of(args[0], "mlops-serve/src/test/resources/models/logreg.onnx"));
        ModelSignature signature = new ModelSignature(
                List.of(TensorSpec.column("x1", ElementType.FLOAT, false), TensorSpec.column("x2", ElementType.FLOAT, false)),
                List.of(new TensorSpec("label", ElementType.INT64, List.of(-1L), false),
                        new TensorSpec("probabilities", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of("bad", "good"), ModelTask.CLASSIFICATION);
        ModelRepository repository = ModelRepository.onFileSystem(Path.of(args[1], "models"));
        int version = repository.register("demo",
                ModelArtifact.newBuilder().model(onnx).signature(signature).provenance(Provenance.of("consumer", Map.of()))
                        .build()).version();
        repository.setAlias("demo", "production", version);
        try (ModelServer server = ModelServer.load(repository, "demo@production");
             ModelEndpoint endpoint = ModelEndpoint.newBuilder().model("demo", server).build()) {
            String request = "{\"id\":\"consumer-1\",\"inputs\":["
                    + "{\"name\":\"x1\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[2.0]},"
                    + "{\"name\":\"x2\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[0.0]}]}";
            URI infer = endpoint.httpUri().resolve("/v2/models/demo/infer");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(infer).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // sigmoid(1.5*2 + 0.25) > 0.5: label index 1 ("good"), and the request id comes back.
            if (response.statusCode() != 200 || !response.body().contains("\"consumer-1\"")
                    || !response.body().replace(" ", "").contains("\"data\":[1]")) {
                throw new AssertionError("POST " + infer + " answered " + response.statusCode() + " " + response.body());
            }
            System.out.println("mlops-serve-endpoint consumer: " + response.body());
        }
    }
}
