package dev.mlops.test.junit;

import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.tracking.RunTracker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a temporary {@link ModelRepository} and a {@link RunTracker} into test methods, lifecycle methods and
 * constructors: each on its own temporary directory, one of each per test (a {@code @BeforeEach} method and the
 * test it precedes get the same one), closed and deleted when the test ends. Parameters of {@code @BeforeAll}
 * methods live for the whole class.
 *
 * <pre>{@code
 * @ExtendWith(MlopsExtension.class)
 * class CreditModelTest {
 *     @Test
 *     void register_thenServe(ModelRepository repository, RunTracker tracker) { ... }
 * }
 * }</pre>
 *
 * <p>The tracker is the file-based one ({@code RunTracker.inDirectory}); the repository is the file-system one, so a
 * {@link ModelServerExtension} or the code under test can serve from it.
 */
public final class MlopsExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MlopsExtension.class);

    /** Made by JUnit for {@code @ExtendWith(MlopsExtension.class)}. */
    public MlopsExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ModelRepository.class || type == RunTracker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ModelRepository.class ? repository(context) : tracker(context);
    }

    /** The temporary repository of the current test (made on first use). */
    public static ModelRepository repository(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RepositoryResource.class,
                k -> new RepositoryResource(), RepositoryResource.class).repository;
    }

    /** The run tracker of the current test (made on first use). */
    public static RunTracker tracker(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TrackerResource.class,
                k -> new TrackerResource(), TrackerResource.class).tracker;
    }

    /** A repository on a temporary directory, deleted when the store closes it. */
    private static final class RepositoryResource implements AutoCloseable {
        private final TemporaryDirectory dir = new TemporaryDirectory("mlops-test-repository");
        private final ModelRepository repository = ModelRepository.onFileSystem(dir.path());

        @Override
        public void close() throws Exception {
            dir.close();
        }
    }

    /** A file tracker on a temporary directory, closed and deleted when the store closes it. */
    private static final class TrackerResource implements AutoCloseable {
        private final TemporaryDirectory dir = new TemporaryDirectory("mlops-test-runs");
        private final RunTracker tracker = RunTracker.inDirectory(dir.path());

        @Override
        public void close() throws Exception {
            try (TemporaryDirectory d = dir) {
                tracker.close();
            }
        }
    }
}
