package dev.mlops.serve.endpoint.internal;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Set;

/**
 * Checks the bearer token of every gRPC call ({@code authorization: Bearer <token>} metadata) before the service
 * sees it; the health calls stay open when the settings say so.
 */
public final class GrpcAuth implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> HEALTH = Set.of("ServerLive", "ServerReady", "ModelReady");

    private final BearerTokens tokens;
    private final boolean openHealth;

    /** Checks these tokens; health calls need none when {@code openHealth}. */
    public GrpcAuth(BearerTokens tokens, boolean openHealth) {
        this.tokens = tokens;
        this.openHealth = openHealth;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getBareMethodName();
        if (tokens.required() && !(openHealth && HEALTH.contains(method))) {
            try {
                tokens.check(headers.get(AUTHORIZATION));
            } catch (EndpointException e) {
                call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
        }
        return next.startCall(call, headers);
    }
}
