package dev.mlops.api.model;

import dev.mlops.api.FieldType;

/** The element type of a model input or output tensor, as ONNX declares it. */
public enum ElementType {
    /** 32-bit float, the usual type of numeric model inputs. */
    FLOAT,
    /** 64-bit float. */
    DOUBLE,
    /** 32-bit signed integer. */
    INT32,
    /** 64-bit signed integer, the usual type of class indices. */
    INT64,
    /** UTF-8 strings, for categorical inputs and label outputs. */
    STRING,
    /** Booleans. */
    BOOL;

    /** The element type a column of this field type is fed to a model as. */
    public static ElementType forField(FieldType type) {
        return switch (type) {
            case NUMERIC -> FLOAT;
            case INTEGER, TIMESTAMP -> INT64;
            case CATEGORICAL, TEXT -> STRING;
            case BOOLEAN -> BOOL;
        };
    }

    /** Whether values of this type are numbers. */
    public boolean isNumeric() {
        return this != STRING && this != BOOL;
    }

    /** Whether the type can hold NaN. */
    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }
}
