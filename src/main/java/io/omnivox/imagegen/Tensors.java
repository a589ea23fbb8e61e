package io.omnivox.imagegen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.omnivox.model.ModelException;

/** Tensor plumbing for the diffusion stages: inputs in the element type a model declares, float outputs out. */
final class Tensors {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private Tensors() {
    }

    /** A float32 tensor over {@code data}. */
    static OnnxTensor floats(float[] data, long... shape) {
        try {
            return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(data), shape);
        } catch (OrtException e) {
            throw new ModelException("Cannot make a float32 tensor of shape " + Arrays.toString(shape), e);
        }
    }

    /**
     * A tensor of {@code values} in the element type a model declares ({@code float32}, {@code float16},
     * {@code float64}, {@code int64} or {@code int32}); used where exports disagree, e.g. the UNet's {@code timestep}.
     */
    static OnnxTensor typed(String type, double[] values, long... shape) {
        try {
            return switch (type) {
                case "float32" -> {
                    float[] data = new float[values.length];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (float) values[i];
                    }
                    yield OnnxTensor.createTensor(ENV, FloatBuffer.wrap(data), shape);
                }
                case "float16" -> {
                    ByteBuffer data = ByteBuffer.allocateDirect(values.length * 2).order(ByteOrder.nativeOrder());
                    for (double value : values) {
                        data.putShort(Float.floatToFloat16((float) value));
                    }
                    data.rewind();
                    yield OnnxTensor.createTensor(ENV, data, shape, OnnxJavaType.FLOAT16);
                }
                case "float64" -> OnnxTensor.createTensor(ENV, java.nio.DoubleBuffer.wrap(values.clone()), shape);
                case "int64" -> {
                    long[] data = new long[values.length];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = Math.round(values[i]);
                    }
                    yield OnnxTensor.createTensor(ENV, LongBuffer.wrap(data), shape);
                }
                case "int32" -> {
                    int[] data = new int[values.length];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (int) Math.round(values[i]);
                    }
                    yield OnnxTensor.createTensor(ENV, IntBuffer.wrap(data), shape);
                }
                default -> throw new ModelException("Unsupported element type " + type
                        + " (float32, float16, float64, int64 or int32)");
            };
        } catch (OrtException e) {
            throw new ModelException("Cannot make a " + type + " tensor of shape " + Arrays.toString(shape), e);
        }
    }

    /** A float32 output's values and shape; fails naming the model when it is absent or of another type. */
    static Output floatOutput(OrtSession.Result result, String name, String model) {
        OnnxValue value = result.get(name).orElseThrow(() -> new ModelException(
                "Model " + model + " returned no '" + name + "'"));
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
            throw new ModelException("Model " + model + " output '" + name + "' is not a float32 tensor ("
                    + value.getInfo() + "); float16 exports are not supported, see models/export/sd-turbo.md");
        }
        TensorInfo info = tensor.getInfo();
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return new Output(data, info.getShape());
    }

    /** A copied float output. */
    record Output(float[] data, long[] shape) {
    }
}
