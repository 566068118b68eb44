package dev.mlops.serve.endpoint.internal;

import java.util.List;

/**
 * An inference request as every transport decodes it.
 *
 * @param id the client's request id, echoed back ({@code ""} when none)
 * @param inputs the input tensors in the order sent
 * @param outputs the outputs asked for, in order (empty: every output of the signature)
 * @param binaryOutputs whether outputs travel in the binary form unless an output says otherwise (REST)
 * @param timeoutMicros the request's own timeout ({@code 0}: the endpoint's default)
 */
public record InferRequest(String id, List<Tensor> inputs, List<RequestedOutput> outputs, boolean binaryOutputs,
                           long timeoutMicros) {

    /** Copies the lists. */
    public InferRequest {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        id = id == null ? "" : id;
    }

    /**
     * One output a request asks for.
     *
     * @param name the output name
     * @param binary whether it travels in the binary form: {@code TRUE}, {@code FALSE} or null (the request's default)
     */
    public record RequestedOutput(String name, Boolean binary) {
    }
}
