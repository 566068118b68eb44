package dev.mlops.serve;

/** Where ONNX Runtime runs the model. */
public enum ExecutionProvider {
    /** CUDA when the {@code onnxruntime_gpu} build is on the class path and a GPU answers, else CPU. */
    AUTO,
    /** Always the CPU. */
    CPU,
    /** Always CUDA; loading fails when it is not available. */
    CUDA
}
