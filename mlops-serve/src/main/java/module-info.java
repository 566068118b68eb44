/**
 * The model server on ONNX Runtime, in the caller's JVM: validated inputs, dynamic batching, hot reload, prediction
 * listeners, CPU or CUDA. Depends on mlops-api only, never on the training stack.
 */
module dev.mlops.serve {
    requires transitive dev.mlops.api;
    requires com.microsoft.onnxruntime;
    requires com.github.benmanes.caffeine;

    exports dev.mlops.serve;

    opens dev.mlops.serve to com.fasterxml.jackson.databind;
}
