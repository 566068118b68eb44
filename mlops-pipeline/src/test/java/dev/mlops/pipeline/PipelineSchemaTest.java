package dev.mlops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineSchemaTest {
    @Test
    void theShippedSchemaIsTheOneGeneratedFromTheRecords() throws IOException {
        String generated = PipelineSchema.generate();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "pipeline.schema.json"), generated);
        assertEquals(generated, PipelineSchema.shipped(), "the shipped schema is stale: copy"
                + " target/pipeline.schema.json to src/main/resources/" + PipelineSchema.RESOURCE);
        assertTrue(generated.contains("\"maxDepth\""), generated);
        assertTrue(generated.contains("\"const\" : \"xgboost-classifier\""), generated);
    }

    /**
     * Every key of the shipped sample file is a property of the schema at its place, and every value has the kind
     * the schema says (a small structural check over this schema's own vocabulary: type, properties, oneOf/const).
     */
    @Test
    void theSampleFileConformsToTheSchema() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(PipelineSchema.shipped());
        JsonNode sample = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(PipelineTest.SAMPLE));
        conforms(sample, schema, "");
    }

    private static void conforms(JsonNode value, JsonNode schema, String path) {
        if (schema.has("oneOf")) {
            JsonNode chosen = null;
            for (JsonNode option : schema.get("oneOf")) {
                if (option.get("properties").get("algorithm").get("const").asText()
                        .equals(value.path("algorithm").asText())) {
                    chosen = option;
                }
            }
            assertTrue(chosen != null, path + ": no schema option for " + value);
            conforms(value, chosen, path);
            return;
        }
        String type = schema.path("type").asText();
        switch (type) {
            case "object" -> {
                assertTrue(value.isObject(), path + " is not an object");
                value.fields().forEachRemaining(e -> {
                    JsonNode property = schema.get("properties").get(e.getKey());
                    assertTrue(property != null, path + "." + e.getKey() + " is not in the schema");
                    if (!e.getKey().equals("algorithm")) {
                        conforms(e.getValue(), property, path + "." + e.getKey());
                    }
                });
            }
            case "string" -> assertTrue(value.isTextual(), path + " is not a string");
            case "number" -> assertTrue(value.isNumber(), path + " is not a number");
            case "integer" -> assertTrue(value.isIntegralNumber(), path + " is not an integer");
            case "boolean" -> assertTrue(value.isBoolean(), path + " is not a boolean");
            default -> { }
        }
    }
}
