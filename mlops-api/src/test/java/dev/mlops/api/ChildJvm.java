package dev.mlops.api;

import java.io.File;

/** The class path for a child JVM that runs this module's test classes, whether the tests run on the module path or not. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java.class.path} plus {@code jdk.module.path} (where the module under test sits when it is named). */
    public static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        String mp = System.getProperty("jdk.module.path");
        return mp == null || mp.isEmpty() ? cp : cp + File.pathSeparator + mp;
    }
}
