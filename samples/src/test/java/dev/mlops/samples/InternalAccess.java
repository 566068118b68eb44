package dev.mlops.samples;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Map;
import java.util.Set;

/** An ArchUnit condition: a class uses an {@code ...internal} package of another module. */
final class InternalAccess {
    /**
     * Internal packages shared on purpose, with the modules allowed to use them: the one ONNX graph builder, which the
     * preprocessing export (mlops-features) and the model export (mlops-train) both write through (decision 181).
     */
    private static final Map<String, Set<String>> SHARED = Map.of("dev.mlops.features.internal.onnx", Set.of("train"));

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
                    boolean shared = SHARED.getOrDefault(target, Set.of()).contains(from);
                    if (internal && !shared && !module(target).equals(from)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    /** Slices by package, counting {@code x.internal} (and its subpackages) as part of {@code x}. */
    static SliceAssignment packageWithItsInternals() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String p = javaClass.getPackageName();
                if (!p.startsWith("dev.mlops.")) {
                    return SliceIdentifier.ignore();
                }
                int internal = p.indexOf(".internal");
                return SliceIdentifier.of(internal < 0 ? p : p.substring(0, internal));
            }

            @Override
            public String getDescription() {
                return "packages of dev.mlops, each with its internal subpackages";
            }
        };
    }

    /** The module of a package: the segment after {@code dev.mlops}. */
    private static String module(String packageName) {
        String[] parts = packageName.split("\\.");
        return parts.length > 2 ? parts[2] : "";
    }
}
