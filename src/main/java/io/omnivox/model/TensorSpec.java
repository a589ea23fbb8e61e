package io.omnivox.model;

import java.util.Arrays;

/**
 * Name, element type and shape of a model input or output as the ONNX file declares it.
 *
 * @param name  the tensor name, e.g. {@code input_ids}
 * @param type  element type as manifests write it, e.g. {@code float32}, {@code int64}
 * @param shape dimensions, {@code -1} for a symbolic (dynamic) axis
 */
public record TensorSpec(String name, String type, long[] shape) {

    public int rank() {
        return shape.length;
    }

    /** The dimension at {@code axis}, {@code -1} when it is dynamic. */
    public long dim(int axis) {
        return shape[axis];
    }

    @Override
    public String toString() {
        return name + " " + type + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && type.equals(t.type) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
