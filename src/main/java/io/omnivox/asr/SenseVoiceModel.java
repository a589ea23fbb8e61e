package io.omnivox.asr;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.TensorSpec;

/**
 * The SenseVoice-Small ONNX graph (sherpa-onnx export): {@code x} [N, T, 560] float32, {@code x_length} [N] int32,
 * {@code language} [N] int32, {@code text_norm} [N] int32 → {@code logits} [N, T + 4, vocab]; the first four output
 * frames are the language, emotion, event and ITN queries.
 */
final class SenseVoiceModel {

    static final int QUERY_FRAMES = 4;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OnnxModel model;
    private final int featureDim;

    /** Logits of one batch: row-major [batch][frames][vocab]. */
    record Logits(float[] values, int frames, int vocab) {

        int offset(int item) {
            return item * frames * vocab;
        }
    }

    SenseVoiceModel(OnnxModel model) {
        this.model = model;
        for (String input : List.of("x", "x_length", "language", "text_norm")) {
            model.requireInput(input);
        }
        TensorSpec x = model.inputs().get("x");
        if (x.rank() != 3 || x.dim(2) <= 0) {
            throw new ModelException("SenseVoice model " + model.name() + ": input x should be [N, T, 560], got " + x);
        }
        if (!model.outputs().containsKey("logits")) {
            throw new ModelException("SenseVoice model " + model.name() + " has no output 'logits' (outputs: "
                    + model.outputs().keySet() + ")");
        }
        this.featureDim = (int) x.dim(2);
    }

    int featureDim() {
        return featureDim;
    }

    /** Runs a batch of feature matrices (each [frames][featureDim]), zero-padded to the longest. */
    Logits run(List<float[][]> batch, int language, int textNorm) {
        int n = batch.size();
        int maxFrames = batch.stream().mapToInt(f -> f.length).max().orElse(0);
        FloatBuffer x = FloatBuffer.allocate(n * maxFrames * featureDim);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            float[][] features = batch.get(i);
            lengths[i] = features.length;
            x.position(i * maxFrames * featureDim);
            for (float[] frame : features) {
                x.put(frame, 0, featureDim);
            }
        }
        x.rewind();
        int[] languages = filled(n, language);
        int[] norms = filled(n, textNorm);
        try (OnnxTensor xs = OnnxTensor.createTensor(env, x, new long[] { n, maxFrames, featureDim });
                OnnxTensor lens = OnnxTensor.createTensor(env, IntBuffer.wrap(lengths), new long[] { n });
                OnnxTensor langs = OnnxTensor.createTensor(env, IntBuffer.wrap(languages), new long[] { n });
                OnnxTensor itn = OnnxTensor.createTensor(env, IntBuffer.wrap(norms), new long[] { n });
                OrtSession.Result result = model.run(Map.of("x", xs, "x_length", lens, "language", langs,
                        "text_norm", itn))) {
            OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
            long[] shape = logits.getInfo().getShape();
            FloatBuffer buffer = logits.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return new Logits(values, (int) shape[1], (int) shape[2]);
        } catch (OrtException e) {
            throw new ModelException("SenseVoice input tensors could not be created: " + e.getMessage(), e);
        }
    }

    private static int[] filled(int n, int value) {
        int[] values = new int[n];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
