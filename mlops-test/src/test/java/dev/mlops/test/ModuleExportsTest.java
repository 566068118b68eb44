package dev.mlops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The kit's public surface is exactly its two API packages. Its tests run on the class path (see the pom), so the
 * descriptor is read from the compiled classes.
 */
class ModuleExportsTest {

    @Test
    void exportsExactlyTheApiPackages() {
        ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("dev.mlops.test").orElseThrow(
                () -> new AssertionError("no module dev.mlops.test in target/classes")).descriptor();
        Set<String> exports = new TreeSet<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            exports.add(e.isQualified() ? e.source() + " to " + new TreeSet<>(e.targets()) : e.source());
        }
        assertEquals(new TreeSet<>(Set.of("dev.mlops.test", "dev.mlops.test.junit")), exports);
    }
}
