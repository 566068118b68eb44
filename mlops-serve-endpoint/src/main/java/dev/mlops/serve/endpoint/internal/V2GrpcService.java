package dev.mlops.serve.endpoint.internal;

import com.google.protobuf.ByteString;
import dev.mlops.serve.endpoint.internal.EndpointException.Kind;
import dev.mlops.serve.endpoint.internal.InferRequest.RequestedOutput;
import dev.mlops.serve.endpoint.internal.V2Handler.ModelMetadata;
import dev.mlops.serve.endpoint.internal.V2Handler.TensorMetadata;
import inference.GRPCInferenceServiceGrpc;
import inference.OpenInferenceGrpc.InferParameter;
import inference.OpenInferenceGrpc.InferTensorContents;
import inference.OpenInferenceGrpc.ModelInferRequest;
import inference.OpenInferenceGrpc.ModelInferResponse;
import inference.OpenInferenceGrpc.ModelMetadataRequest;
import inference.OpenInferenceGrpc.ModelMetadataResponse;
import inference.OpenInferenceGrpc.ModelReadyRequest;
import inference.OpenInferenceGrpc.ModelReadyResponse;
import inference.OpenInferenceGrpc.ServerLiveRequest;
import inference.OpenInferenceGrpc.ServerLiveResponse;
import inference.OpenInferenceGrpc.ServerMetadataRequest;
import inference.OpenInferenceGrpc.ServerMetadataResponse;
import inference.OpenInferenceGrpc.ServerReadyRequest;
import inference.OpenInferenceGrpc.ServerReadyResponse;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code inference.GRPCInferenceService} over a {@link V2Handler}: add it to any grpc-java {@code Server}. Failures
 * are a {@code google.rpc.Status} (code and message) in the trailers; raw contents in, raw contents out.
 */
public final class V2GrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.mlops.serve.endpoint.access");
    private static final Logger LOG = LoggerFactory.getLogger(V2GrpcService.class);

    private final V2Handler handler;

    /** The service over a handler. */
    public V2GrpcService(V2Handler handler) {
        this.handler = handler;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
        answer("ServerLive", "", out, () -> ServerLiveResponse.newBuilder().setLive(handler.live()).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
        answer("ServerReady", "", out, () -> ServerReadyResponse.newBuilder().setReady(handler.ready()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
        answer("ModelReady", "", out, () -> ModelReadyResponse.newBuilder()
                .setReady(handler.modelReady(request.getName(), request.getVersion())).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> out) {
        answer("ServerMetadata", "", out, () -> {
            V2Handler.ServerMetadata m = handler.serverMetadata();
            return ServerMetadataResponse.newBuilder().setName(m.name()).setVersion(m.version())
                    .addAllExtensions(m.extensions()).build();
        });
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
        answer("ModelMetadata", "", out, () -> {
            ModelMetadata m = handler.modelMetadata(request.getName(), request.getVersion());
            return ModelMetadataResponse.newBuilder().setName(m.name()).addAllVersions(m.versions())
                    .setPlatform(m.platform()).addAllInputs(tensors(m.inputs())).addAllOutputs(tensors(m.outputs()))
                    .build();
        });
    }

    private static List<ModelMetadataResponse.TensorMetadata> tensors(List<TensorMetadata> ts) {
        List<ModelMetadataResponse.TensorMetadata> out = new ArrayList<>();
        for (TensorMetadata t : ts) {
            ModelMetadataResponse.TensorMetadata.Builder b = ModelMetadataResponse.TensorMetadata.newBuilder()
                    .setName(t.name()).setDatatype(t.datatype());
            for (long d : t.shape()) {
                b.addShape(d);
            }
            out.add(b.build());
        }
        return out;
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
        // Answered when the prediction completes: no gRPC thread waits while the request is batched.
        answerAsync("ModelInfer " + request.getModelName(), request.getId(), out, () -> {
            boolean raw = request.getRawInputContentsCount() > 0;
            InferRequest decoded = decode(request, handler.config().maxTensorElements());
            Deadline deadline = Context.current().getDeadline();
            long deadlineMicros = deadline == null ? 0 : Math.max(1, deadline.timeRemaining(TimeUnit.MICROSECONDS));
            return handler.inferAsync(request.getModelName(), request.getModelVersion(), decoded, deadlineMicros)
                    .thenApply(r -> encode(r, raw));
        });
    }

    /** Decodes a gRPC inference request (typed contents or raw contents, one per input). */
    static InferRequest decode(ModelInferRequest request, long maxElements) {
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw EndpointException.badRequest("the request has " + request.getInputsCount() + " inputs but "
                    + raw + " raw_input_contents; give one raw buffer per input, in order, or none");
        }
        List<Tensor> inputs = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor in = request.getInputs(i);
            String name = in.getName();
            if (name.isEmpty()) {
                throw EndpointException.badRequest("input " + i + " has no name");
            }
            DataType type = DataType.parse(in.getDatatype(), name);
            long[] shape = in.getShapeList().stream().mapToLong(Long::longValue).toArray();
            long elements = Tensor.elements(name, shape, maxElements);
            Object data;
            if (raw > 0) {
                if (in.hasContents()) {
                    throw EndpointException.badRequest("input '" + name + "' has both contents and "
                            + "raw_input_contents; send one");
                }
                data = BinaryTensors.decode(name, type, elements, request.getRawInputContents(i).asReadOnlyByteBuffer());
            } else {
                data = contents(name, type, in.getContents());
            }
            inputs.add(new Tensor(name, type, shape, data));
        }
        List<RequestedOutput> outputs = new ArrayList<>();
        for (ModelInferRequest.InferRequestedOutputTensor o : request.getOutputsList()) {
            outputs.add(new RequestedOutput(o.getName(), null));
        }
        long timeout = 0;
        InferParameter t = request.getParametersMap().get("timeout");
        if (t != null) {
            timeout = switch (t.getParameterChoiceCase()) {
                case INT64_PARAM -> t.getInt64Param();
                case UINT64_PARAM -> t.getUint64Param();
                default -> throw EndpointException.badRequest("parameter 'timeout' must be an int64 count of "
                        + "microseconds, got " + t.getParameterChoiceCase());
            };
            if (timeout < 0) {
                throw EndpointException.badRequest("parameter 'timeout' must not be negative, got " + timeout);
            }
        }
        return new InferRequest(request.getId(), inputs, outputs, false, timeout);
    }

    private static Object contents(String name, DataType type, InferTensorContents c) {
        int others = c.getBoolContentsCount() + c.getIntContentsCount() + c.getInt64ContentsCount()
                + c.getUintContentsCount() + c.getUint64ContentsCount() + c.getFp32ContentsCount()
                + c.getFp64ContentsCount() + c.getBytesContentsCount();
        Object data = switch (type) {
            case BOOL -> {
                boolean[] a = new boolean[c.getBoolContentsCount()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = c.getBoolContents(k);
                }
                yield a;
            }
            case INT32 -> c.getIntContentsList().stream().mapToInt(Integer::intValue).toArray();
            case INT64 -> c.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray();
            case FP32 -> {
                float[] a = new float[c.getFp32ContentsCount()];
                for (int k = 0; k < a.length; k++) {
                    a[k] = c.getFp32Contents(k);
                }
                yield a;
            }
            case FP64 -> c.getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray();
            default -> {
                byte[][] a = new byte[c.getBytesContentsCount()][];
                for (int k = 0; k < a.length; k++) {
                    a[k] = c.getBytesContents(k).toByteArray();
                }
                yield a;
            }
        };
        int own = java.lang.reflect.Array.getLength(data);
        if (own != others) {
            throw EndpointException.badRequest("input '" + name + "' is " + type + " but " + (others - own)
                    + " of its values are in other contents fields; put them in " + field(type));
        }
        return data;
    }

    private static String field(DataType type) {
        return switch (type) {
            case BOOL -> "bool_contents";
            case INT32 -> "int_contents";
            case INT64 -> "int64_contents";
            case FP32 -> "fp32_contents";
            case FP64 -> "fp64_contents";
            default -> "bytes_contents";
        };
    }

    /** Encodes a response: raw output contents when the request sent raw inputs, typed contents otherwise. */
    static ModelInferResponse encode(InferResponse r, boolean raw) {
        ModelInferResponse.Builder b = ModelInferResponse.newBuilder().setModelName(r.model())
                .setModelVersion(r.version()).setId(r.id());
        for (Tensor t : r.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder o = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(t.name()).setDatatype(t.datatype().name());
            for (long d : t.shape()) {
                o.addShape(d);
            }
            if (raw) {
                b.addRawOutputContents(ByteString.copyFrom(BinaryTensors.encode(t)));
            } else {
                o.setContents(contents(t.data()));
            }
            b.addOutputs(o);
        }
        return b.build();
    }

    private static InferTensorContents contents(Object data) {
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        if (data instanceof float[] a) {
            for (float v : a) {
                c.addFp32Contents(v);
            }
        } else if (data instanceof double[] a) {
            for (double v : a) {
                c.addFp64Contents(v);
            }
        } else if (data instanceof long[] a) {
            for (long v : a) {
                c.addInt64Contents(v);
            }
        } else if (data instanceof int[] a) {
            for (int v : a) {
                c.addIntContents(v);
            }
        } else if (data instanceof boolean[] a) {
            for (boolean v : a) {
                c.addBoolContents(v);
            }
        } else {
            for (byte[] v : (byte[][]) data) {
                c.addBytesContents(ByteString.copyFrom(v));
            }
        }
        return c.build();
    }

    private static <T> void answer(String call, String id, StreamObserver<T> out, Supplier<T> body) {
        answerAsync(call, id, out, () -> CompletableFuture.completedFuture(body.get()));
    }

    /** Answers the call when {@code body}'s future completes, and writes the access log line then. */
    private static <T> void answerAsync(String call, String id, StreamObserver<T> out,
                                        Supplier<CompletableFuture<T>> body) {
        long start = System.nanoTime();
        CompletableFuture<T> answer;
        try {
            answer = body.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            int code = 0;
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            try {
                if (e == null) {
                    out.onNext(response);
                    out.onCompleted();
                } else if (e instanceof EndpointException ee) {
                    code = ee.kind().grpcCode();
                    out.onError(status(ee.kind(), ee.getMessage()));
                } else {
                    code = Kind.INTERNAL.grpcCode();
                    LOG.error("gRPC {} (id {}) failed inside the endpoint", call, id, e);
                    out.onError(status(Kind.INTERNAL, "the endpoint failed on this request: " + e));
                }
            } finally {
                ACCESS.info("grpc {} code={} {}us id={}", call, code, (System.nanoTime() - start) / 1000, id);
            }
        });
    }

    /** A {@code google.rpc.Status} of a kind and message, as the exception grpc-java sends. */
    static RuntimeException status(Kind kind, String message) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(kind.grpcCode())
                .setMessage(message).build());
    }
}
