package dev.mlops.serve.endpoint.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import inference.OpenInferenceGrpc.ModelInferRequest;
import java.util.Arrays;

/**
 * Fuzzes the request decoders (JSON, JSON + binary tensors, gRPC) with arbitrary bytes: the only failure they may
 * signal is a client error ({@link EndpointException} of a 4xx kind), never anything a server would answer with 500.
 * In a normal test run Jazzer replays the seeds under {@code src/test/resources/.../DecoderFuzzTestInputs}; with
 * {@code JAZZER_FUZZ=1} it searches for new ones.
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decoders_arbitraryBytes_onlyClientErrors(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int mode = input[0] & 3;
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch (mode) {
                case 0 -> RestCodec.decodeRequest(body, -1, 1 << 16);
                case 1 -> RestCodec.decodeRequest(body, body.length == 0 ? -1 : (input[0] >>> 2 & 63) % (body.length
                        + 1), 1 << 16);
                case 2 -> BinaryTensors.decode("x", DataType.values()[(input[0] >>> 2 & 63) % DataType.values().length]
                        .supported() ? DataType.values()[(input[0] >>> 2 & 63) % DataType.values().length]
                        : DataType.BYTES, body.length % 17, java.nio.ByteBuffer.wrap(body));
                default -> {
                    try {
                        V2GrpcService.decode(ModelInferRequest.parseFrom(body), 1 << 16);
                    } catch (InvalidProtocolBufferException expected) {
                        // grpc-java refuses such a message before the service sees it
                    }
                }
            }
        } catch (EndpointException e) {
            if (e.kind().httpStatus() >= 500) {
                throw new AssertionError("a decoder answered a client's bytes with " + e.kind(), e);
            }
        }
    }
}
