package dev.mlops.serve.endpoint.internal;

import dev.mlops.api.model.ElementType;
import java.util.Arrays;
import java.util.List;

/**
 * The tensor datatypes of the Open Inference Protocol. All are recognised so a message can name the one a client sent;
 * only those an ONNX artifact's signature can use are {@link #supported()}.
 */
enum DataType {
    BOOL(1, ElementType.BOOL),
    UINT8(1, null),
    UINT16(2, null),
    UINT32(4, null),
    UINT64(8, null),
    INT8(1, null),
    INT16(2, null),
    INT32(4, ElementType.INT32),
    INT64(8, ElementType.INT64),
    FP16(2, null),
    BF16(2, null),
    FP32(4, ElementType.FLOAT),
    FP64(8, ElementType.DOUBLE),
    BYTES(-1, ElementType.STRING);

    /** The supported datatypes, for messages. */
    static final List<DataType> SUPPORTED = Arrays.stream(values()).filter(DataType::supported).toList();

    private final int byteSize;
    private final ElementType element;

    DataType(int byteSize, ElementType element) {
        this.byteSize = byteSize;
        this.element = element;
    }

    /** Bytes per element in the binary form; -1 for BYTES (each element is length-prefixed). */
    int byteSize() {
        return byteSize;
    }

    /** Whether a signature can use this datatype. */
    boolean supported() {
        return element != null;
    }

    /** The datatype an element type travels as. */
    static DataType of(ElementType type) {
        return switch (type) {
            case FLOAT -> FP32;
            case DOUBLE -> FP64;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case STRING -> BYTES;
            case BOOL -> BOOL;
        };
    }

    /**
     * Parses a datatype name as a client sent it.
     *
     * @throws EndpointException BAD_REQUEST for an unknown or unsupported name
     */
    static DataType parse(String name, String tensor) {
        for (DataType t : values()) {
            if (t.name().equals(name)) {
                if (!t.supported()) {
                    throw EndpointException.badRequest("tensor '" + tensor + "' has datatype " + name
                            + ", which this endpoint does not serve; ONNX artifacts here take " + SUPPORTED);
                }
                return t;
            }
        }
        throw EndpointException.badRequest("tensor '" + tensor + "' has unknown datatype '" + name
                + "'; use one of " + SUPPORTED);
    }
}
