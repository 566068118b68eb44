package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module's public surface is exactly its API packages: the Tribuo adapters and graph writers stay internal. */
class ModuleExportsTest {

    @Test
    void exportsExactlyTheApiPackages() {
        Module module = Trainer.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path, as dev.mlops.train");
        assertEquals("dev.mlops.train", module.getName());
        Set<String> exports = new TreeSet<>();
        for (ModuleDescriptor.Exports e : module.getDescriptor().exports()) {
            exports.add(e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source());
        }
        assertEquals(new TreeSet<>(Set.of("dev.mlops.train", "dev.mlops.train.onnx", "dev.mlops.train.scoping")),
                exports);
    }
}
