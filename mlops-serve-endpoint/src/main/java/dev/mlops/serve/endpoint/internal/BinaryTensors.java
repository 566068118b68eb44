package dev.mlops.serve.endpoint.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary tensor form shared by the REST binary extension and gRPC's raw contents: little-endian, row-major, no
 * padding; BOOL one byte (0 or 1); BYTES each element a 4-byte little-endian length and then its bytes.
 */
public final class BinaryTensors {
    private BinaryTensors() {
    }

    /**
     * Reads {@code elements} values of a datatype from exactly the remaining bytes of {@code bytes}.
     *
     * @throws EndpointException BAD_REQUEST when the bytes do not hold exactly that many elements
     */
    public static Object decode(String name, DataType type, long elements, ByteBuffer bytes) {
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) elements;
        if (type == DataType.BYTES) {
            if (elements * 4 > b.remaining()) {
                throw truncated(name, "its " + elements + " BYTES elements need at least " + elements * 4
                        + " bytes of lengths but the data has " + b.remaining());
            }
            byte[][] out = new byte[n][];
            for (int k = 0; k < n; k++) {
                if (b.remaining() < 4) {
                    throw truncated(name, "element " + k + " of " + n + " has no complete 4-byte length ("
                            + b.remaining() + " bytes left)");
                }
                long len = Integer.toUnsignedLong(b.getInt());
                if (len > b.remaining()) {
                    throw truncated(name, "element " + k + " says it is " + len + " bytes long but only "
                            + b.remaining() + " bytes are left");
                }
                out[k] = new byte[(int) len];
                b.get(out[k]);
            }
            if (b.hasRemaining()) {
                throw EndpointException.badRequest("input '" + name + "' has " + b.remaining()
                        + " bytes after its " + n + " BYTES elements; the shape and the data disagree");
            }
            return out;
        }
        long expected = elements * type.byteSize();
        if (b.remaining() != expected) {
            throw EndpointException.badRequest("input '" + name + "' is " + type + " with " + elements
                    + " elements, so " + expected + " bytes, but its binary data has " + b.remaining() + " bytes");
        }
        return switch (type) {
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int k = 0; k < n; k++) {
                    byte v = b.get();
                    if (v != 0 && v != 1) {
                        throw EndpointException.badRequest("input '" + name + "' element " + k + " is byte " + v
                                + "; a binary BOOL is 0 or 1");
                    }
                    out[k] = v == 1;
                }
                yield out;
            }
            case INT32 -> {
                int[] out = new int[n];
                b.asIntBuffer().get(out);
                yield out;
            }
            case INT64 -> {
                long[] out = new long[n];
                b.asLongBuffer().get(out);
                yield out;
            }
            case FP32 -> {
                float[] out = new float[n];
                b.asFloatBuffer().get(out);
                yield out;
            }
            case FP64 -> {
                double[] out = new double[n];
                b.asDoubleBuffer().get(out);
                yield out;
            }
            default -> throw EndpointException.badRequest("input '" + name + "' has datatype " + type
                    + ", which has no binary form here");
        };
    }

    private static EndpointException truncated(String name, String what) {
        return EndpointException.badRequest("input '" + name + "' is truncated: " + what);
    }

    /** The binary form of a tensor's data. */
    public static byte[] encode(Tensor t) {
        Object data = t.data();
        if (data instanceof byte[][] raw) {
            int size = 0;
            for (byte[] r : raw) {
                size += 4 + r.length;
            }
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] r : raw) {
                b.putInt(r.length).put(r);
            }
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(t.size() * t.datatype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (data instanceof boolean[] a) {
            for (boolean v : a) {
                b.put((byte) (v ? 1 : 0));
            }
        } else if (data instanceof int[] a) {
            b.asIntBuffer().put(a);
        } else if (data instanceof long[] a) {
            b.asLongBuffer().put(a);
        } else if (data instanceof float[] a) {
            b.asFloatBuffer().put(a);
        } else {
            b.asDoubleBuffer().put((double[]) data);
        }
        return b.array();
    }
}
