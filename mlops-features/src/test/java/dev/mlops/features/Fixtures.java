package dev.mlops.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the committed scikit-learn fixtures (made by fixtures/make_fixtures.py). */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing fixture " + name + "; run fixtures/make_fixtures.py");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode scores() {
        try {
            return Json.mapper().readTree(text("sklearn_scores.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV of numbers, except the columns named in {@code categorical}. */
    static Frame csv(String name, String... categorical) {
        String[] lines = text(name).split("\n");
        String[] header = lines[0].split(",");
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows.add(lines[i].split(","));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (List.of(categorical).contains(header[c])) {
                String[] v = new String[rows.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = rows.get(r)[c];
                }
                columns.add(CategoricalColumn.of(header[c], v));
            } else {
                double[] v = new double[rows.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = Double.parseDouble(rows.get(r)[c]);
                }
                columns.add(DoubleColumn.of(header[c], v));
            }
        }
        return Frame.of(columns);
    }
}
