package io.omnivox.bench;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.OnnxModel;

/** One SenseVoice forward pass (batch 1, auto language, ITN on) with tensors made and closed per call. */
final class ModelCall {

    private final OnnxModel model;
    private final float[] flat;
    private final int frames;
    private final int dim;

    ModelCall(OnnxModel model, float[][] features) {
        this.model = model;
        this.frames = features.length;
        this.dim = features[0].length;
        this.flat = new float[frames * dim];
        for (int t = 0; t < frames; t++) {
            System.arraycopy(features[t], 0, flat, t * dim, dim);
        }
    }

    Object run() {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] { 1, frames, dim });
                OnnxTensor length = OnnxTensor.createTensor(env, IntBuffer.wrap(new int[] { frames }), new long[] { 1 });
                OnnxTensor language = OnnxTensor.createTensor(env, IntBuffer.wrap(new int[] { 0 }), new long[] { 1 });
                OnnxTensor itn = OnnxTensor.createTensor(env, IntBuffer.wrap(new int[] { 14 }), new long[] { 1 });
                OrtSession.Result result = model.run(Map.of("x", x, "x_length", length, "language", language,
                        "text_norm", itn))) {
            return result.size();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
