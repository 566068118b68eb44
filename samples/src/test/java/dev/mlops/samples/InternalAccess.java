package dev.mlops.samples;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** An ArchUnit condition: a class uses an {@code ...internal} package of another module. */
final class InternalAccess {
    private InternalAccess() {
    }

    static ArchCondition<JavaClass> crossesModule() {
        return new ArchCondition<>("use an internal package of another module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = module(origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    boolean internal = target.startsWith("dev.mlops.") && (target.contains(".internal.")
                            || target.endsWith(".internal"));
                    if (internal && !module(target).equals(from)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    /** The module of a package: the segment after {@code dev.mlops}. */
    private static String module(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }
}
