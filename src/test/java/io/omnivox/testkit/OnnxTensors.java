package io.omnivox.testkit;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Factories for {@link TensorProto} values (initializers, {@code Constant} payloads, tensor attributes).
 *
 * <p>Data is stored as little-endian {@code raw_data}, which is what the ONNX spec mandates for raw
 * data and keeps large weights compact. A tensor with no dims is a scalar.
 */
public final class OnnxTensors {

    private OnnxTensors() {
    }

    /** A float32 tensor; {@code data.length} must equal the product of {@code dims}. */
    public static TensorProto floats(String name, float[] data, long... dims) {
        ByteBuffer buf = buffer(data.length, 4, dims);
        buf.asFloatBuffer().put(data);
        return tensor(name, OnnxDType.FLOAT, buf, dims);
    }

    /** A float16 tensor, converted from float32 with round-to-nearest-even. */
    public static TensorProto float16(String name, float[] data, long... dims) {
        ByteBuffer buf = buffer(data.length, 2, dims);
        for (float v : data) {
            buf.putShort(Float.floatToFloat16(v));
        }
        buf.flip();
        return tensor(name, OnnxDType.FLOAT16, buf, dims);
    }

    /** An int64 tensor. */
    public static TensorProto longs(String name, long[] data, long... dims) {
        ByteBuffer buf = buffer(data.length, 8, dims);
        buf.asLongBuffer().put(data);
        return tensor(name, OnnxDType.INT64, buf, dims);
    }

    /** An int32 tensor. */
    public static TensorProto ints(String name, int[] data, long... dims) {
        ByteBuffer buf = buffer(data.length, 4, dims);
        buf.asIntBuffer().put(data);
        return tensor(name, OnnxDType.INT32, buf, dims);
    }

    /** A bool tensor (one byte per element, as ONNX stores bools). */
    public static TensorProto bools(String name, boolean[] data, long... dims) {
        ByteBuffer buf = buffer(data.length, 1, dims);
        for (boolean v : data) {
            buf.put((byte) (v ? 1 : 0));
        }
        buf.flip();
        return tensor(name, OnnxDType.BOOL, buf, dims);
    }

    /** Number of elements of a shape; 1 for a scalar. */
    public static long elementCount(long... dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dim in " + Arrays.toString(dims));
            }
            n *= d;
        }
        return n;
    }

    private static ByteBuffer buffer(int length, int elementBytes, long[] dims) {
        if (elementCount(dims) != length) {
            throw new IllegalArgumentException(
                    length + " values do not fill shape " + Arrays.toString(dims));
        }
        return ByteBuffer.allocate(length * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static TensorProto tensor(String name, OnnxDType type, ByteBuffer data, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(type.code()).setRawData(ByteString.copyFrom(data.array()));
        if (name != null) {
            t.setName(name);
        }
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
