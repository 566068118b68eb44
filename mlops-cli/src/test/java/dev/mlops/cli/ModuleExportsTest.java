package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module's public surface is exactly its API package. */
class ModuleExportsTest {

    @Test
    void exportsExactlyTheApiPackage() {
        Module module = Mlops.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path, as dev.mlops.cli");
        assertEquals("dev.mlops.cli", module.getName());
        Set<String> exports = new TreeSet<>();
        for (ModuleDescriptor.Exports e : module.getDescriptor().exports()) {
            exports.add(e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source());
        }
        assertEquals(new TreeSet<>(Set.of("dev.mlops.cli")), exports);
    }
}
