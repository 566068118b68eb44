package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network stage on the small logistic regression: REST and gRPC give the same answer for the same row. */
class EndpointStageTest {
    @TempDir
    Path root;

    @Test
    void run_restAndGrpcAgree_onALoopbackUrl() throws Exception {
        ModelRepository repo = ModelRepository.onFileSystem(root);
        repo.register("credit", ServeStageTest.logreg("run-1"));
        repo.setAlias("credit", "production", 1);
        Frame test = Frame.of(DoubleColumn.of("x1", 0.5, 1.0), DoubleColumn.of("x2", -0.25, 0.0));
        EndpointStage.Result r = EndpointStage.run(repo, "credit", test);
        assertTrue(r.inferUrl().startsWith("http://127.0.0.1:"), r.inferUrl());
        assertEquals(r.restLabel(), r.grpcLabel());
        assertArrayEquals(r.restProbabilities(), r.grpcProbabilities());
        double good = 1 / (1 + Math.exp(-(1.5 * 0.5 - 2 * -0.25 + 0.25)));
        assertEquals(good, r.grpcProbabilities()[1], 1e-6);
    }
}
