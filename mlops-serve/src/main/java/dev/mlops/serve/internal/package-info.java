/**
 * Implementation of the model server: ONNX Runtime sessions with reference counts, columnar input and output
 * batches, the batching queue and the listener hand-off. Not an API: other modules never import it.
 */
package dev.mlops.serve.internal;
