package dev.mlops.train.onnx;

import java.util.List;
import java.util.Objects;

/**
 * The name, element type and shape of one input or output of an exported ONNX model. A dimension of {@code -1}
 * is the symbolic batch dimension {@code N}.
 *
 * @param name        the tensor's name in the graph
 * @param elementType the element type
 * @param shape       the dimensions, {@code -1} for the batch dimension
 */
public record TensorSpec(String name, ElementType elementType, List<Long> shape) {
    /** The element types an exported model reads or writes. */
    public enum ElementType {
        /** 32-bit float ({@code tensor(float)}). */
        FLOAT,
        /** 64-bit signed integer ({@code tensor(int64)}). */
        INT64,
        /** UTF-8 string ({@code tensor(string)}). */
        STRING
    }

    /** Checks the parts and copies the shape. */
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elementType, "elementType");
        shape = List.copyOf(shape);
    }
}
