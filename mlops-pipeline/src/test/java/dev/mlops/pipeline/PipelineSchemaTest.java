package dev.mlops.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        for (Path file : List.of(PipelineTest.SAMPLE, PipelineSectionsTest.FULL)) {
            JsonNode sample = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
            conforms(sample, schema, file.getFileName().toString());
        }
    }

    @Test
    void theSchemaDescribesEverySectionWithItsRecordsKeysAndAllowedValues() throws IOException {
        JsonNode properties = new ObjectMapper().readTree(PipelineSchema.generate()).get("properties");
        for (String section : List.of("checks", "features", "tuning", "gate", "serve", "monitor")) {
            assertTrue(properties.has(section), section + " is missing from the schema");
        }
        JsonNode step = properties.at("/features/properties/preprocessing/properties/steps/items");
        assertEquals("IMPUTE", step.at("/properties/kind/enum/0").asText(), step.toString());
        assertEquals("array", properties.at("/gate/properties/thresholds/type").asText());
        assertEquals("integer", properties.at("/serve/properties/endpoint/properties/httpPort/type").asText());
        assertEquals("number", properties.at("/monitor/properties/drift/properties/thresholds/additionalProperties"
                + "/type").asText());
        assertEquals("logUniform", properties.at("/tuning/properties/space/additionalProperties/properties/kind/enum/2")
                .asText());
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
                    JsonNode property = schema.has("properties") ? schema.get("properties").get(e.getKey())
                            : schema.get("additionalProperties");
                    assertTrue(property != null, path + "." + e.getKey() + " is not in the schema");
                    if (!e.getKey().equals("algorithm")) {
                        conforms(e.getValue(), property, path + "." + e.getKey());
                    }
                });
            }
            case "array" -> {
                assertTrue(value.isArray(), path + " is not a list");
                for (int i = 0; schema.has("items") && i < value.size(); i++) {
                    conforms(value.get(i), schema.get("items"), path + "[" + i + "]");
                }
            }
            case "string" -> assertTrue(value.isTextual(), path + " is not a string");
            case "number" -> assertTrue(value.isNumber(), path + " is not a number");
            case "integer" -> assertTrue(value.isIntegralNumber(), path + " is not an integer");
            case "boolean" -> assertTrue(value.isBoolean(), path + " is not a boolean");
            default -> {
                if (schema.has("enum")) {
                    List<String> allowed = new java.util.ArrayList<>();
                    schema.get("enum").forEach(v -> allowed.add(v.asText()));
                    assertTrue(allowed.contains(value.asText()), path + " = " + value + " is not one of " + allowed);
                }
            }
        }
    }
}
