package dev.mlops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for the ONNX Runtime 1.29.0 crash (issue 6, docs/decisions/053): a JVM whose command line is
 * longer than about 4 KB died natively (exit 139) in ONNX Runtime's telemetry code. We pin 1.23.2; this keeps a
 * JVM with a class path over 8 KB loading a model and serving a prediction.
 */
class LongClassPathTest {
    @TempDir
    Path dir;

    @Test
    void childJvmWithAClassPathOver8KB_servesAPrediction() throws Exception {
        // the module under test sits on jdk.module.path when its tests run on the module path
        String modules = System.getProperty("jdk.module.path", "");
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        if (!modules.isEmpty()) {
            cp.append(File.pathSeparator).append(modules);
        }
        for (int i = 0; cp.length() < 9000; i++) {
            cp.append(File.pathSeparator).append(dir.resolve("no-such-directory-" + i).toAbsolutePath());
        }
        assertTrue(cp.length() > 8192);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp.toString(), ServeOnce.class.getName())
                .redirectErrorStream(true);
        pb.environment().remove("ORT_DISABLE_TELEMETRY"); // the crash only showed without it
        Process child = pb.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, child.exitValue(), "child JVM failed: " + output);
        assertTrue(output.contains("label=good"), output);
    }
}
