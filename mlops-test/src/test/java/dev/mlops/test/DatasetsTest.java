package dev.mlops.test;

import static dev.mlops.test.MlopsAssertions.assertThat;
import static dev.mlops.test.MlopsAssertions.assertThatThrownBy;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    /** Rows and columns of each file, as the datasets' README gives them. */
    private static final Map<String, int[]> SHAPES = Map.of("credit", new int[]{1000, 21},
            "diabetes", new int[]{768, 9}, "iris", new int[]{150, 5}, "glass", new int[]{214, 10},
            "cpu", new int[]{209, 7}, "breast-cancer", new int[]{286, 10}, "vote", new int[]{435, 17},
            "labor", new int[]{57, 17}, "unbalanced", new int[]{856, 33});

    @Test
    void byName_everyBundledDataset_readsWithItsShapeAndItsLabelMarked() {
        assertThat(Datasets.names()).containsExactlyInAnyOrderElementsOf(SHAPES.keySet());
        for (String name : Datasets.names()) {
            Frame f = Datasets.byName(name);
            assertThat(new int[]{f.rowCount(), f.columnCount()}).as(name).containsExactly(SHAPES.get(name));
            assertThat(f.schema().field(Datasets.label(name)).role()).as(name).isEqualTo(FieldRole.LABEL);
        }
    }

    @Test
    void credit_isTheGermanCreditData() {
        Frame credit = Datasets.credit();
        assertThat(credit.categorical("class").codeCounts()[credit.categorical("class").dictionary().indexOf("good")])
                .isEqualTo(700);
        assertThat(Datasets.unbalanced().categorical("Outcome").dictionary()).contains("Active", "Inactive");
        assertThat(Datasets.iris().rowCount() + Datasets.glass().rowCount() + Datasets.cpu().rowCount()
                + Datasets.diabetes().rowCount() + Datasets.breastCancer().rowCount() + Datasets.vote().rowCount()
                + Datasets.labor().rowCount()).isEqualTo(150 + 214 + 209 + 768 + 286 + 435 + 57);
    }

    @Test
    void byName_anUnknownName_failsListingTheNames() {
        assertThatThrownBy(() -> Datasets.byName("titanic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'titanic'").hasMessageContaining("credit");
    }

    @Test
    void url_theReadmeWithSourcesAndLicences_shipsBesideTheData() {
        assertThat(Datasets.class.getResource("/dev/mlops/test/datasets/README.md")).isNotNull();
    }
}
