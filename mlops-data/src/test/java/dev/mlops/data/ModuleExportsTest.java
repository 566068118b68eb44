package dev.mlops.data;

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
        Module module = CsvSource.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path, as dev.mlops.data");
        assertEquals("dev.mlops.data", module.getName());
        Set<String> exports = new TreeSet<>();
        for (ModuleDescriptor.Exports e : module.getDescriptor().exports()) {
            exports.add(e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source());
        }
        assertEquals(new TreeSet<>(Set.of("dev.mlops.data", "dev.mlops.data.clean", "dev.mlops.data.drift", "dev.mlops.data.label",
                "dev.mlops.data.metrics", "dev.mlops.data.profile", "dev.mlops.data.quality", "dev.mlops.data.report",
                "dev.mlops.data.split", "dev.mlops.data.validate")), exports);
    }
}
