package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module's public surface is exactly its API packages: internal packages stay unexported (as Caffeine checks). */
class ModuleExportsTest {

    @Test
    void exportsExactlyTheApiPackages() {
        Module module = Preprocessing.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path, as dev.mlops.features");
        assertEquals("dev.mlops.features", module.getName());
        Set<String> exports = new TreeSet<>();
        for (ModuleDescriptor.Exports e : module.getDescriptor().exports()) {
            exports.add(e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source());
        }
        assertEquals(new TreeSet<>(Set.of("dev.mlops.features", "dev.mlops.features.internal.onnx to [dev.mlops.train]")), exports);
    }
}
