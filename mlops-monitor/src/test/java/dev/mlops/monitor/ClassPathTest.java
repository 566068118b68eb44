package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The monitor's class path carries neither the training stack nor the server (DESIGN.md, module dependencies). */
class ClassPathTest {

    @Test
    void classPath_hasNoTribuoAndNoServer() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.tribuo.Model"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.mlops.serve.ModelServer"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.onnxruntime.OrtSession"));
    }
}
