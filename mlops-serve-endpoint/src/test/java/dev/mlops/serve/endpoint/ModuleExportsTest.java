package dev.mlops.serve.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module's public surface: its API and the protocol's generated messages and stubs; the transport stays internal. */
class ModuleExportsTest {

    @Test
    void exportsTheApiAndTheProtocolClasses_notTheTransport() {
        Module module = ModelEndpoint.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path, as dev.mlops.serve.endpoint");
        assertEquals("dev.mlops.serve.endpoint", module.getName());
        Set<String> exports = new TreeSet<>();
        for (ModuleDescriptor.Exports e : module.getDescriptor().exports()) {
            exports.add(e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source());
        }
        assertEquals(new TreeSet<>(Set.of("dev.mlops.serve.endpoint", "inference")), exports);
        assertFalse(module.isExported("dev.mlops.serve.endpoint.internal"));
    }
}
