package dev.mlops.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.MlopsException;
import dev.mlops.train.ParamSpace;
import dev.mlops.train.TrainerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of a pipeline file, generated from the records it binds to: {@link PipelineFile}
 * and its parts, every {@link TrainerSettings} record by its {@code algorithm}, and the settings records of the
 * other sections (lists, maps and enums included; a {@link ParamSpace} by the JSON form it reads). Shipped as the resource
 * {@value #RESOURCE}; a test holds the shipped one equal to {@link #generate()}.
 */
public final class PipelineSchema {
    /** Where the shipped schema lies on the class path. */
    public static final String RESOURCE = "dev/mlops/pipeline/pipeline.schema.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PipelineSchema() {
    }

    /** The shipped schema's text. */
    public static String shipped() {
        try (InputStream in = PipelineSchema.class.getResourceAsStream("/" + RESOURCE)) {
            if (in == null) {
                throw new MlopsException("The pipeline schema " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MlopsException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The schema generated from the records, as indented JSON ending in a newline. */
    public static String generate() {
        ObjectNode schema = record(PipelineFile.class);
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", "mlops pipeline file");
        schema.set("required", NODES.arrayNode().add("source").add("trainer"));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode record(Class<?> type) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        for (RecordComponent c : type.getRecordComponents()) {
            properties.set(c.getName(), of(c.getGenericType()));
        }
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode of(Type type) {
        ObjectNode node = NODES.objectNode();
        Class<?> t = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        if (t == String.class) {
            node.put("type", "string");
        } else if (t == double.class || t == Double.class || t == float.class) {
            node.put("type", "number");
        } else if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
            node.put("type", "integer");
        } else if (t == boolean.class || t == Boolean.class) {
            node.put("type", "boolean");
        } else if (t.isEnum()) {
            ArrayNode values = node.putArray("enum");
            for (Object v : t.getEnumConstants()) {
                values.add(((Enum<?>) v).name());
            }
        } else if (List.class.isAssignableFrom(t)) {
            node.put("type", "array");
            node.set("items", of(argument(type, 0)));
        } else if (Map.class.isAssignableFrom(t)) {
            node.put("type", "object");
            node.set("additionalProperties", of(argument(type, 1)));
        } else if (t == ParamSpace.class) {
            node.put("type", "object");
            ObjectNode dimension = NODES.objectNode().put("type", "object");
            ObjectNode properties = dimension.putObject("properties");
            properties.putObject("values").put("type", "array");
            properties.putObject("kind").putArray("enum").add("values").add("uniform").add("logUniform")
                    .add("intRange");
            properties.putObject("lo").put("type", "number");
            properties.putObject("hi").put("type", "number");
            dimension.put("additionalProperties", false);
            node.set("additionalProperties", dimension);
        } else if (t == TrainerSettings.class) {
            ArrayNode oneOf = node.putArray("oneOf");
            for (Map.Entry<String, Class<?>> e : Pipeline.algorithms().entrySet()) {
                ObjectNode algorithm = record(e.getValue());
                ((ObjectNode) algorithm.get("properties")).set("algorithm", NODES.objectNode().put("const", e.getKey()));
                algorithm.set("required", NODES.arrayNode().add("algorithm"));
                oneOf.add(algorithm);
            }
        } else if (t.isRecord()) {
            return record(t);
        }
        return node;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }
}
