package dev.mlops.data.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.api.LongColumn;
import dev.mlops.data.drift.Drift;
import dev.mlops.data.profile.Histogram;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.quality.BiasReport;
import dev.mlops.data.quality.LabelBalance;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReportTest {
    static Frame frame() {
        return Frame.of(DoubleColumn.of("<amount>", 1, 2, 3, 4, 100, Double.NaN),
                CategoricalColumn.of("grp", "a&b", "a&b", "c", "c", "c", null),
                CategoricalColumn.of("y", "good", "bad", "good", "good", "bad", "good"),
                BooleanColumn.of("flag", true, false, null, true, true, false),
                LongColumn.ofInstants("ts", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"),
                        null, Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-02T00:00:00Z"),
                        Instant.parse("2024-03-03T00:00:00Z")));
    }

    static DataReport report() {
        Frame f = frame();
        ValidationReport v = Validator.create().expect("<amount>").between(0, 10).validate(f, "test <data>");
        return DataReport.newBuilder("Report <1>").profile(Profile.of(f)).validation(v)
                .labelBalance(LabelBalance.of(f, "y")).bias(BiasReport.of(f, "grp", "y", "good"))
                .drift(Drift.compare(f, f.head(4))).created(Instant.parse("2024-05-01T00:00:00Z")).build();
    }

    @Test
    void toHtml_selfContainedAndEscaped() {
        String html = report().toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        for (String external : new String[] {"<script", "<link", "src=", "@import", "url(", "@font-face"}) {
            assertFalse(html.contains(external), external);
        }
        assertTrue(html.contains("&lt;amount&gt;"));
        assertFalse(html.contains("<amount>"));
        assertTrue(html.contains("a&amp;b"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("FAIL"));
        assertTrue(html.contains("2024-01-01"));
    }

    @Test
    void toJson_holdsEveryPart_andProfileLoadsBack() throws Exception {
        JsonNode root = Json.mapper().readTree(report().toJson());
        assertEquals(1, root.get("profile").get("formatVersion").asInt());
        assertEquals("test <data>", root.get("validation").get("source").asText());
        assertEquals(1, root.get("bias").size());
        assertTrue(root.has("labelBalance") && root.has("drift"));
        Profile back = Profile.fromJson(Json.write(root.get("profile")));
        assertEquals(6, back.rowCount());
    }

    @Test
    void writeHtmlAndJson_toFiles(@TempDir Path dir) throws Exception {
        DataReport r = report();
        r.writeHtml(dir.resolve("sub/report.html"));
        r.writeJson(dir.resolve("sub/report.json"));
        assertEquals(r.toHtml(), Files.readString(dir.resolve("sub/report.html")));
        assertTrue(Files.size(dir.resolve("sub/report.json")) > 100);
    }

    @Test
    void build_withoutParts_rejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataReport.newBuilder("x").build());
        assertTrue(e.getMessage().contains("at least one part")
                && e.getMessage().contains("a profile, a validation"), e.getMessage());
    }

    @Test
    void svg_oneBarPerBin() {
        String svg = DataReport.svg(new Histogram(new double[] {0, 1, 2, 3}, new long[] {1, 5, 2}), false);
        assertEquals(3, svg.split("class=\"bar\"", -1).length - 1);
        assertTrue(svg.contains("(1, 2]: 5"));
    }
}
