/**
 * Model servers on the network through the Open Inference Protocol (KServe V2): REST (JSON and binary tensors) and
 * gRPC, standalone on Jetty and grpc-java or mounted in a host's own servers. Exports its API and the protocol's
 * generated gRPC messages and stubs (package {@code inference}, for clients); the transport code stays internal.
 */
module dev.mlops.serve.endpoint {
    requires transitive dev.mlops.serve;
    // in the API's signatures: ModelEndpoint.Builder.servlet() and grpcService(), the generated messages and stubs
    requires transitive jakarta.servlet;
    requires transitive io.grpc;
    requires transitive io.grpc.stub;
    requires transitive io.grpc.protobuf;
    requires transitive com.google.protobuf;
    requires transitive com.google.common;

    requires io.grpc.netty.shaded;
    requires proto.google.common.protos;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.ee10.servlet;
    requires com.fasterxml.jackson.databind;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires org.slf4j;

    exports dev.mlops.serve.endpoint;
    exports inference;
}
