package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** mlops-api's tests run without mlops-data, so they see what a user sees who forgot that dependency. */
class DataSourceFactoriesTest {

    @Test
    void csv_withoutMlopsData_saysWhichDependencyToAdd() {
        MlopsException e = assertThrows(MlopsException.class, () -> DataSource.csv(Path.of("credit-g.csv")));
        assertTrue(e.getMessage().contains("dev.mlops:mlops-data"), e.getMessage());
    }
}
