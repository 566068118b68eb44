package dev.mlops.serve.endpoint;

import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import inference.OpenInferenceGrpc.InferTensorContents;
import inference.OpenInferenceGrpc.ModelInferRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/** A grpc-java client of the tests: loopback only, closed after each test. */
final class Grpc implements AutoCloseable {
    final ManagedChannel channel;
    final GRPCInferenceServiceBlockingStub stub;

    Grpc(String target) {
        this(NettyChannelBuilder.forTarget(target).usePlaintext().build());
    }

    Grpc(ManagedChannel channel) {
        this.channel = channel;
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static ModelInferRequest.InferInputTensor fp32(String name, float... values) {
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        for (float v : values) {
            c.addFp32Contents(v);
        }
        return ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype("FP32")
                .addShape(values.length).addShape(1).setContents(c).build();
    }

    static ModelInferRequest logreg(String id, float[] x1, float[] x2) {
        return ModelInferRequest.newBuilder().setModelName("logreg").setId(id).addInputs(fp32("x1", x1))
                .addInputs(fp32("x2", x2)).build();
    }

    static ModelInferRequest logregRaw(String id, float[] x1, float[] x2) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName("logreg").setId(id);
        for (String name : new String[] {"x1", "x2"}) {
            float[] v = name.equals("x1") ? x1 : x2;
            b.addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype("FP32")
                    .addShape(v.length).addShape(1));
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            b.addRawInputContents(ByteString.copyFrom(buf.array()));
        }
        return b.build();
    }

    static float[] floats(ByteString raw) {
        float[] out = new float[raw.size() / 4];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    static long[] longs(ByteString raw) {
        long[] out = new long[raw.size() / 8];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
