package dev.mlops.serve;

import dev.mlops.api.model.ModelSignature;

/**
 * What a server is serving now.
 *
 * @param model the model name ({@code artifact} for a bare artifact)
 * @param version the version now answering (0 for a bare artifact)
 * @param source the reference or path it was loaded from
 * @param provider the execution provider actually in use
 * @param onnxRuntimeVersion the ONNX Runtime version
 * @param signature the signature requests are checked against
 * @param config the settings
 */
public record ServerInfo(String model, int version, String source, ExecutionProvider provider,
                         String onnxRuntimeVersion, ModelSignature signature, ServerConfig config) {
}
