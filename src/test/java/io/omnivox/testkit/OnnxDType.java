package io.omnivox.testkit;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/**
 * Element types a test graph can declare for inputs, outputs, constants and {@code Cast} targets.
 *
 * <p>Only the types the fixtures need; {@link #code()} is what ONNX attributes such as
 * {@code Cast(to=...)} expect.
 */
public enum OnnxDType {
    FLOAT(DataType.FLOAT),
    FLOAT16(DataType.FLOAT16),
    DOUBLE(DataType.DOUBLE),
    INT8(DataType.INT8),
    UINT8(DataType.UINT8),
    INT32(DataType.INT32),
    INT64(DataType.INT64),
    BOOL(DataType.BOOL);

    private final DataType proto;

    OnnxDType(DataType proto) {
        this.proto = proto;
    }

    /** The protobuf enum constant. */
    public DataType proto() {
        return proto;
    }

    /** The numeric {@code TensorProto.DataType} value, e.g. for {@code Cast}'s {@code to} attribute. */
    public int code() {
        return proto.getNumber();
    }
}
