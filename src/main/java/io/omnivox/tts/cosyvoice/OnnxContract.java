package io.omnivox.tts.cosyvoice;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.TensorSpec;

/** Load-time checks of the CosyVoice graphs' declared I/O, and float tensors in and out of them. */
final class OnnxContract {

    private OnnxContract() {
    }

    /**
     * Checks that {@code spec} exists with {@code type} and {@code dims.length} axes, and that every fixed axis the
     * file declares equals the expected one ({@code -1} expects nothing; a dynamic axis in the file always passes).
     */
    static void expect(OnnxModel model, String what, String name, TensorSpec spec, String type, long... dims) {
        boolean ok = spec != null && spec.type().equals(type) && spec.rank() == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = dims[i] < 0 || spec.dim(i) < 0 || spec.dim(i) == dims[i];
        }
        if (!ok) {
            String expected = type + Arrays.toString(dims).replace("-1", "?");
            throw new ModelException("Model " + model.name() + " is not " + what + ": expected " + name + " "
                    + expected + ", found " + (spec == null ? "none" : spec.toString()) + " (inputs: "
                    + model.inputs().values() + ", outputs: " + model.outputs().values() + ")");
        }
    }

    /** A required positive integer from {@code metadata_props}. */
    static int positiveMetadata(OnnxModel model, String key) {
        String value = model.requireMetadata(key);
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelException("Model " + model.name() + ": metadata '" + key + "' should be a positive integer, got '"
                + value + "'");
    }

    /** A float32 tensor over {@code values} (copied by ONNX Runtime); the caller closes it. */
    static OnnxTensor tensor(OnnxModel model, float[] values, long... shape) {
        try {
            return OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(values), shape);
        } catch (OrtException e) {
            throw new ModelException("Input tensor " + Arrays.toString(shape) + " for " + model.name()
                    + " could not be created: " + e.getMessage(), e);
        }
    }

    /** Runs the model and copies one float32 output, which must hold {@code expected} values. */
    static float[] runForFloats(OnnxModel model, Map<String, OnnxTensor> feeds, String output, long expected) {
        try (OrtSession.Result result = model.run(feeds)) {
            return floats(model, result, output, expected);
        }
    }

    /** Copies one float32 output of a result, which must hold {@code expected} values. */
    static float[] floats(OnnxModel model, OrtSession.Result result, String output, long expected) {
        OnnxValue value = result.get(output).orElseThrow(
                () -> new ModelException("Model " + model.name() + " returned no '" + output + "'"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new ModelException("Model " + model.name() + " returned a non-tensor '" + output + "'");
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer == null || buffer.remaining() != expected) {
            throw new ModelException("Model " + model.name() + " returned '" + output + "' with shape "
                    + Arrays.toString(tensor.getInfo().getShape()) + ", expected " + expected + " float values");
        }
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** Closes models this wrapper owns, all of them even when one fails. */
    static void closeAll(String what, OnnxModel... models) {
        ModelException failure = null;
        for (OnnxModel model : models) {
            try {
                model.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new ModelException("Closing " + what + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
