package dev.mlops.serve.endpoint.internal;

import java.util.List;

/**
 * The answer to an {@link InferRequest}.
 *
 * @param model the model name
 * @param version the version that answered
 * @param id the request id, echoed
 * @param outputs the output tensors, in the order asked for
 * @param binary per output, whether it travels in the binary form (REST)
 */
public record InferResponse(String model, String version, String id, List<Tensor> outputs, List<Boolean> binary) {

    /** Copies the lists. */
    public InferResponse {
        outputs = List.copyOf(outputs);
        binary = List.copyOf(binary);
    }
}
