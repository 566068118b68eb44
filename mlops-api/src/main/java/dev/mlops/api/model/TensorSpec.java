package dev.mlops.api.model;

import java.util.List;
import java.util.Objects;

/**
 * One named input or output of a model: element type, shape, whether missing values are allowed and whether
 * infinities are.
 *
 * <p>A shape dimension of {@code -1} is free (the batch dimension {@code N}); the usual input is {@code [-1, 1]}, one
 * value per row. Immutable; serializes to JSON as {@code {"name", "type", "shape", "nullable", "acceptsInfinity"}};
 * a signature written before {@code acceptsInfinity} existed reads as {@code false}.
 *
 * @param name the tensor name in the ONNX graph, also the column name in a frame
 * @param type the element type
 * @param shape the dimensions, {@code -1} where free
 * @param nullable whether a missing value is accepted: NaN or null for a floating point input, null or a missing
 *     cell (fed to the graph as the empty string) for a string input; integer and boolean inputs never hold one
 * @param acceptsInfinity whether {@code +Infinity} and {@code -Infinity} are accepted (floating point inputs only);
 *     false unless the model declares that it computes something meaningful from them
 */
public record TensorSpec(String name, ElementType type, List<Long> shape, boolean nullable, boolean acceptsInfinity) {

    /** Checks the parts and copies the shape. */
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A tensor name must not be blank");
        }
        shape = List.copyOf(shape == null ? List.of(-1L, 1L) : shape);
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("Tensor '" + name + "' needs at least one dimension (the rows)");
        }
        for (Long d : shape) {
            if (d == null || d < -1 || d == 0) {
                throw new IllegalArgumentException("Tensor '" + name + "' has dimension " + d + " in shape " + shape
                        + "; use -1 for a free dimension or a positive size");
            }
        }
    }

    /** A tensor that refuses infinities, as every packaged model does. */
    public TensorSpec(String name, ElementType type, List<Long> shape, boolean nullable) {
        this(name, type, shape, nullable, false);
    }

    /** A per-row input or output of shape {@code [N, 1]} that refuses infinities. */
    public static TensorSpec column(String name, ElementType type, boolean nullable) {
        return new TensorSpec(name, type, List.of(-1L, 1L), nullable);
    }

    /** This tensor declaring whether it accepts {@code +Infinity} and {@code -Infinity}. */
    public TensorSpec withAcceptsInfinity(boolean accepts) {
        return accepts == acceptsInfinity ? this : new TensorSpec(name, type, shape, nullable, accepts);
    }

    /** The number of values per row: the product of the dimensions after the first ({@code -1} when free). */
    public long valuesPerRow() {
        long n = 1;
        for (int i = 1; i < shape.size(); i++) {
            if (shape.get(i) < 0) {
                return -1;
            }
            n *= shape.get(i);
        }
        return n;
    }

    /** The shape as an array, with the first dimension replaced by {@code rows}. */
    public long[] shapeFor(int rows) {
        long[] dims = new long[shape.size()];
        dims[0] = rows;
        for (int i = 1; i < dims.length; i++) {
            dims[i] = shape.get(i);
        }
        return dims;
    }
}
