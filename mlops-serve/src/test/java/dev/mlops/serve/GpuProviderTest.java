package dev.mlops.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.mlops.api.ModelLoadException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider selection: CUDA tests skip themselves where the onnxruntime_gpu build or a GPU is absent. */
class GpuProviderTest {
    private static boolean cudaBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    @Test
    void auto_withoutCudaBuild_choosesCpu() {
        assumeFalse(cudaBuild(), "the CUDA build is on the class path");
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("r")).build()) {
            assertEquals(ExecutionProvider.CPU, server.info().provider());
        }
    }

    @Test
    void cuda_withoutCudaBuild_isRefusedSayingWhatToAdd() {
        assumeFalse(cudaBuild(), "the CUDA build is on the class path");
        ServerConfig config = ServerConfig.newBuilder().provider(ExecutionProvider.CUDA).build();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(config).build());
        assertEquals(true, e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
    }

    @Test
    void cuda_onAGpu_agreesWithCpu() {
        assumeTrue(cudaBuild(), "no CUDA build of ONNX Runtime on the class path");
        ServerConfig gpu = ServerConfig.newBuilder().provider(ExecutionProvider.CUDA).build();
        ServerConfig cpu = ServerConfig.newBuilder().provider(ExecutionProvider.CPU).build();
        try (ModelServer g = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(gpu).build();
             ModelServer c = ModelServer.newBuilder().artifact(TestModels.logreg("r")).config(cpu).build()) {
            assertEquals(ExecutionProvider.CUDA, g.info().provider());
            Map<String, Object> record = Map.of("x1", 0.7, "x2", -0.3);
            assertArrayEquals(c.predict(record).probabilities().orElseThrow(),
                    g.predict(record).probabilities().orElseThrow(), 1e-5);
        }
    }
}
