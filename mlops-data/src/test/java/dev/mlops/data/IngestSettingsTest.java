package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 10 item 4: the three sources share one ingest-settings record, set by the same builder methods. */
class IngestSettingsTest {
    private static final IngestSettings SETTINGS = IngestSettings.newBuilder().sampleRows(7).categoricalMaxDistinct(3)
            .type("a", FieldType.TEXT).role("y", FieldRole.LABEL).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT)
            .rejectionSampleSize(4).build();

    @Test
    void json_anySettings_roundTrip() {
        qt().forAll(integers().between(0, 100_000), integers().between(0, 500),
                strings().basicLatinAlphabet().ofLengthBetween(1, 12), integers().between(0, 1))
                .checkAssert((sample, distinct, column, policy) -> {
                    IngestSettings s = IngestSettings.newBuilder().sampleRows(sample)
                            .categoricalMaxDistinct(distinct).type(column, FieldType.values()[policy])
                            .role(column, FieldRole.values()[policy]).badRowPolicy(BadRowPolicy.values()[policy])
                            .rejectionSampleSize(distinct).build();
                    assertEquals(s, IngestSettings.fromJson(s.toJson()));
                    assertEquals(s, s.toBuilder().build());
                });
    }

    @Test
    void sourceBuilders_sameSetters_sameIngestSettings() {
        Path file = Path.of("unused.csv");
        assertEquals(SETTINGS, CsvSource.newBuilder(file).sampleRows(7).categoricalMaxDistinct(3)
                .type("a", FieldType.TEXT).role("y", FieldRole.LABEL).badRowPolicy(BadRowPolicy.SKIP_AND_REPORT)
                .rejectionSampleSize(4).build().options().ingest());
        assertEquals(SETTINGS, JsonLinesSource.newBuilder(file).ingest(SETTINGS).build().options().ingest());
        assertEquals(SETTINGS, JdbcSource.newBuilder().url("jdbc:sqlite::memory:").table("t").ingest(SETTINGS)
                .build().options().ingest());
        assertEquals(SETTINGS, CsvOptions.newBuilder().ingest(SETTINGS).build().ingest());
    }

    @Test
    void options_replacesIngestSettingsToo() {
        CsvOptions options = CsvOptions.newBuilder().delimiter(';').ingest(SETTINGS).build();
        CsvSource source = CsvSource.newBuilder(Path.of("unused.csv")).role("z", FieldRole.ID).options(options).build();
        assertEquals(options, source.options());
    }

    @Test
    void build_outOfRange_namesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IngestSettings.newBuilder().rejectionSampleSize(-1).build());
        assertTrue(e.getMessage().contains("rejectionSampleSize"), e.getMessage());
        IllegalArgumentException csv = assertThrows(IllegalArgumentException.class,
                () -> CsvSource.newBuilder(Path.of("unused.csv")).sampleRows(0).build());
        assertTrue(csv.getMessage().contains("sampleRows must be at least 1"), csv.getMessage());
    }
}
