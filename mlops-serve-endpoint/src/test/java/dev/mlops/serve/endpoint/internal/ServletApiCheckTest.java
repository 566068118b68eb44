package dev.mlops.serve.endpoint.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The REST endpoint refuses to start, saying why, when the Servlet API on the class path is older than the 6 that
 * Jetty 12 needs, instead of answering every request with a 500 (which is what it did beside Spark 4's 5.0.0).
 */
class ServletApiCheckTest {
    @Test
    void servlet6OnTheClassPath_passes() {
        assertDoesNotThrow(() -> StandaloneEndpoint.requireServlet6(StandaloneEndpoint.class.getClassLoader()));
    }

    @Test
    void noServlet6_refusesWithWhatToDeclare() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> StandaloneEndpoint.requireServlet6(bare));
            assertTrue(e.getMessage().contains("jakarta.servlet:jakarta.servlet-api:6.0.0"), e.getMessage());
            assertTrue(e.getMessage().contains("httpPort -1"), e.getMessage());
        }
    }
}
