package dev.mlops.serve.endpoint.internal;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * One named tensor of the protocol: datatype, shape and its elements flat in row-major order, as a primitive array
 * ({@code boolean[]} BOOL, {@code int[]} INT32, {@code long[]} INT64, {@code float[]} FP32, {@code double[]} FP64) or
 * {@code byte[][]} (BYTES, undecoded). Transport-neutral: JSON, the binary extension and gRPC all decode to it.
 *
 * @param name the tensor name
 * @param datatype the datatype
 * @param shape the dimensions
 * @param data the elements
 */
public record Tensor(String name, DataType datatype, long[] shape, Object data) {

    /** The number of elements the data holds. */
    public int size() {
        return Array.getLength(data);
    }

    /** The product of the shape, checked against overflow and the element limit. */
    static long elements(String name, long[] shape, long limit) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw EndpointException.badRequest("tensor '" + name + "' has negative dimension " + d + " in shape "
                        + Arrays.toString(shape) + "; every dimension of a request tensor is a size");
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                n = Long.MAX_VALUE;
            }
        }
        if (n > limit) {
            throw new EndpointException(EndpointException.Kind.TOO_LARGE, "tensor '" + name + "' has shape "
                    + Arrays.toString(shape) + ", " + (n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : n)
                    + " elements, over the endpoint's limit of " + limit + "; send fewer rows per request");
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && datatype == t.datatype && Arrays.equals(shape, t.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + datatype + Arrays.toString(shape);
    }
}
