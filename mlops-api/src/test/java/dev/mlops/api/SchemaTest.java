package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class SchemaTest {

    private static Gen<Field> fields() {
        Gen<String> names = strings().allPossible().ofLengthBetween(1, 12).assuming(s -> !s.isBlank());
        return names.zip(integers().between(0, FieldType.values().length - 1), booleans().all(),
                integers().between(0, FieldRole.values().length - 1),
                (n, t, nullable, r) -> new Field(n, FieldType.values()[t], nullable, FieldRole.values()[r]));
    }

    @Test
    void json_roundTripsAnySchema() {
        qt().forAll(lists().of(fields()).ofSizeBetween(0, 8)).check(list -> {
            Map<String, Field> unique = new LinkedHashMap<>();
            list.forEach(f -> unique.putIfAbsent(f.name(), f));
            Schema schema = Schema.of(new ArrayList<>(unique.values()));
            return Schema.fromJson(schema.toJson()).equals(schema);
        });
    }

    @Test
    void json_isReadableByAPerson() {
        String json = Schema.of(Field.numeric("age").withRole(FieldRole.FEATURE), Field.categorical("class")
                .withRole(FieldRole.LABEL)).toJson();
        assertTrue(json.contains("\"name\" : \"age\"") && json.contains("\"role\" : \"LABEL\""), json);
    }

    @Test
    void fromJson_notASchema_failsWithWhereAndWhat() {
        DataException e = assertThrows(DataException.class, () -> Schema.fromJson("{\"fields\": [{\"name\": 3"));
        assertTrue(e.getMessage().contains("Cannot read Schema from JSON at line 1"), e.getMessage());
    }

    @Test
    void field_blankName_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Field.numeric(" "));
        assertTrue(e.getMessage().contains("field name must not be blank"), e.getMessage());
    }

    @Test
    void field_missingRoleInJson_defaultsToFeature() {
        Schema s = Schema.fromJson("{\"fields\":[{\"name\":\"x\",\"type\":\"NUMERIC\",\"nullable\":true}]}");
        assertEquals(FieldRole.FEATURE, s.field("x").role());
    }

    @Test
    void with_replacesInPlaceOrAppends() {
        Schema s = Schema.of(Field.numeric("a"), Field.numeric("b"));
        assertEquals(List.of("a", "b"), s.with(Field.integer("a")).names());
        assertEquals(FieldType.INTEGER, s.with(Field.integer("a")).field(0).type());
        assertEquals(List.of("a", "b", "c"), s.with(Field.text("c")).names());
    }

    @Test
    void indexOf_unknownName_listsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schema.of(Field.numeric("a")).indexOf("z"));
        assertTrue(e.getMessage().contains("[a]"));
    }
}
