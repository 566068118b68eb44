package dev.mlops.test.junit;

import static dev.mlops.test.MlopsAssertions.assertThat;

import dev.mlops.api.model.ModelRepository;
import dev.mlops.api.model.ModelVersion;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunStatus;
import dev.mlops.api.tracking.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MlopsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlopsExtensionTest {
    private static final List<Path> REGISTERED = new ArrayList<>();
    private RunTracker trackerOfBeforeEach;
    private ModelRepository repositoryOfBeforeEach;

    @BeforeEach
    void setUp(RunTracker tracker, ModelRepository repository) {
        trackerOfBeforeEach = tracker;
        repositoryOfBeforeEach = repository;
    }

    @Test
    @Order(1)
    void parameters_inATest_areTheOnesOfItsBeforeEachAndWork(ModelRepository repository, RunTracker tracker) {
        assertThat(repository).isSameAs(repositoryOfBeforeEach);
        assertThat(tracker).isSameAs(trackerOfBeforeEach);
        ModelVersion v = repository.register("demo", ModelServerExtensionTest.logreg());
        REGISTERED.add(Path.of(v.location()));
        assertThat(Files.exists(Path.of(v.location()))).isTrue();
        tracker.start("exp", "first").logMetric("auc", 0.8, 0).end(RunStatus.FINISHED);
        assertThat(tracker.search(RunQuery.all().experiment("exp"))).hasSize(1);
    }

    @Test
    @Order(2)
    void parameters_ofTheNextTest_areFreshAndTheLastTestsFilesAreGone(ModelRepository repository,
                                                                       RunTracker tracker) {
        assertThat(repository.models()).isEmpty();
        assertThat(tracker.search(RunQuery.all())).isEmpty();
        assertThat(REGISTERED).hasSize(1).allSatisfy(p -> assertThat(Files.exists(p)).isFalse());
    }

    @AfterAll
    static void everyTemporaryRepository_isDeleted() {
        assertThat(REGISTERED).allSatisfy(p -> assertThat(Files.exists(p)).isFalse());
    }
}
