/**
 * A model server on the network: {@link dev.mlops.serve.endpoint.ModelEndpoint} speaks the Open Inference Protocol
 * (KServe V2 / Triton) over REST and gRPC, standalone or embedded in a host as a servlet and a gRPC service, with
 * settings in {@link dev.mlops.serve.endpoint.EndpointConfig}. Implementation classes live in the
 * {@code internal} package.
 */
package dev.mlops.serve.endpoint;
