package dev.mlops.train.onnx;

import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelTask;
import dev.mlops.api.model.TensorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ExportedModel is an immutable value. */
class ExportedModelTest {
    private static ExportedModel model(byte[] bytes) {
        return new ExportedModel(bytes, ModelTask.REGRESSION,
                List.of(new TensorSpec("features", ElementType.FLOAT, List.of(-1L, 2L), false)),
                List.of(new TensorSpec("value", ElementType.FLOAT, List.of(-1L, 1L), false)),
                List.of("y"), List.of("a", "b"), List.of(), false);
    }

    @Test
    void modelBytes_copiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        ExportedModel m = model(bytes);
        bytes[0] = 9;
        m.modelBytes()[1] = 9;
        assertArrayEquals(new byte[]{1, 2, 3}, m.modelBytes());
    }

    @Test
    void equals_comparesBytesByContent() {
        assertEquals(model(new byte[]{1, 2}), model(new byte[]{1, 2}));
        assertEquals(model(new byte[]{1, 2}).hashCode(), model(new byte[]{1, 2}).hashCode());
        assertNotEquals(model(new byte[]{1, 2}), model(new byte[]{1, 3}));
    }

    @Test
    void tensor_byName_orErrorListingNames() {
        assertEquals(List.of(-1L, 1L), model(new byte[0]).tensor("value").shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model(new byte[0]).tensor("nope"));
        assertEquals("No input or output named 'nope'; inputs [features], outputs [value]", e.getMessage());
    }
}
