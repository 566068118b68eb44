/**
 * The endpoint's implementation: one transport-neutral handler ({@link dev.mlops.serve.endpoint.internal.V2Handler})
 * and its adapters (servlet, gRPC service, standalone Jetty + Netty). Not API.
 */
package dev.mlops.serve.endpoint.internal;
