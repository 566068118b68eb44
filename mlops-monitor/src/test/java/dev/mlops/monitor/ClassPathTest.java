package dev.mlops.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The monitor's class path carries neither the training stack nor the server (DESIGN.md, module dependencies). */
class ClassPathTest {

    @Test
    void classPath_hasNoTribuoAndNoServer() {
        ClassNotFoundException e = assertThrows(ClassNotFoundException.class, () -> Class.forName("org.tribuo.Model"));
        assertEquals("org.tribuo.Model", e.getMessage());
        ClassNotFoundException e2 = assertThrows(ClassNotFoundException.class,
                () -> Class.forName("dev.mlops.serve.ModelServer"));
        assertEquals("dev.mlops.serve.ModelServer", e2.getMessage());
        ClassNotFoundException e3 = assertThrows(ClassNotFoundException.class,
                () -> Class.forName("ai.onnxruntime.OrtSession"));
        assertEquals("ai.onnxruntime.OrtSession", e3.getMessage());
    }
}
