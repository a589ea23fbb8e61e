package io.omnivox.audio.vad;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.TensorSpec;

/**
 * Silero VAD (v5/v6 ONNX export, model registry entry {@code silero-vad}, file {@code silero_vad.onnx}): a small
 * recurrent network giving a speech probability for every 32 ms window at 16 kHz, post-processed by
 * {@link VadOptions}' rules.
 *
 * <p>The model contract, checked at construction: inputs {@code input} float32 [1, 64 + 512] (the window, preceded by
 * the last 64 samples of the previous one), {@code state} float32 [2, 1, 128] and {@code sr} int64 scalar (16000);
 * outputs {@code output} float32 [1, 1] (the probability) and {@code stateN} (the next {@code state}).
 *
 * <p>Thread-safe: each {@link #open()} (and each {@link #detect}) keeps its own recurrent state; the session is shared.
 */
public final class SileroVad implements VoiceActivityDetector {

    /** Samples per window at 16 kHz: the only window size the model was trained with there (32 ms). */
    public static final int WINDOW = 512;
    /** Samples of the previous window the model sees before each window at 16 kHz. */
    public static final int CONTEXT = 64;
    /** The recurrent state's shape: two LSTM tensors (h, c) for batch 1, 128 units each. */
    private static final long[] STATE_SHAPE = {2, 1, 128};
    private static final int STATE_SIZE = 2 * 128;
    private static final long[] INPUT_SHAPE = {1, CONTEXT + WINDOW};

    private final OnnxModel model;
    private final VadOptions options;

    /**
     * Silero VAD from {@code modelFile} ({@code silero_vad.onnx} from the {@code silero-vad} model entry), opened by
     * the session factory, which owns the session.
     *
     * @throws ModelException when the file is missing, cannot be loaded or is not a Silero VAD v5/v6 export
     */
    public SileroVad(OnnxSessionFactory factory, Path modelFile, VadOptions options) {
        this(factory.open(modelFile), options);
    }

    /**
     * Silero VAD on an already loaded model; the caller keeps owning (and closes) it.
     *
     * @throws ModelException when the model's inputs or outputs are not Silero VAD v5/v6's
     */
    public SileroVad(OnnxModel model, VadOptions options) {
        this.model = model;
        this.options = options;
        checkContract(model);
        // Fails now, not on the first stream, when the options cannot work with 32 ms windows.
        new SpeechSegmenter(options, WINDOW, SAMPLE_RATE);
    }

    /** The options segments are made with. */
    public VadOptions options() {
        return options;
    }

    @Override
    public VadStream open() {
        return new WindowedVadStream(new Scorer(model), options, WINDOW);
    }

    private static void checkContract(OnnxModel model) {
        expect(model, "input", model.inputs().get("input"), "float32", -1, -1);
        expect(model, "state", model.inputs().get("state"), "float32", 2, -1, 128);
        expect(model, "sr", model.inputs().get("sr"), "int64");
        expect(model, "output", model.outputs().get("output"), "float32", -1, 1);
        expect(model, "stateN", model.outputs().get("stateN"), "float32", 2, -1, 128);
    }

    /** Checks one tensor's type, rank and fixed dimensions ({@code -1}: any); a dynamic dimension always passes. */
    private static void expect(OnnxModel model, String name, TensorSpec spec, String type, long... dims) {
        boolean ok = spec != null && spec.type().equals(type) && spec.rank() == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = dims[i] < 0 || spec.dim(i) < 0 || spec.dim(i) == dims[i];
        }
        if (!ok) {
            String expected = type + Arrays.toString(dims).replace("-1", "?");
            throw new ModelException("Model " + model.name() + " is not a Silero VAD v5/v6 export: expected "
                    + name + " " + expected + ", found " + (spec == null ? "none" : spec.toString())
                    + " (inputs: " + model.inputs().values() + ", outputs: " + model.outputs().values() + ")");
        }
    }

    /** One stream's recurrent state and the model call for each window. */
    private static final class Scorer implements WindowedVadStream.WindowScorer {

        private final OnnxModel model;
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final FloatBuffer input = direct(CONTEXT + WINDOW);
        private final FloatBuffer state = direct(STATE_SIZE);
        private final LongBuffer rate = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder())
                .asLongBuffer().put(0, SAMPLE_RATE);
        private final float[] context = new float[CONTEXT];

        Scorer(OnnxModel model) {
            this.model = model;
        }

        @Override
        public float score(float[] window) {
            input.clear();
            input.put(context).put(window).flip();
            state.rewind();
            rate.rewind();
            float probability;
            try (OnnxTensor in = OnnxTensor.createTensor(env, input, INPUT_SHAPE);
                    OnnxTensor st = OnnxTensor.createTensor(env, state, STATE_SHAPE);
                    OnnxTensor sr = OnnxTensor.createTensor(env, rate, new long[0]);
                    OrtSession.Result result = model.run(Map.of("input", in, "state", st, "sr", sr))) {
                probability = floats(result, "output").get(0);
                FloatBuffer next = floats(result, "stateN");
                if (next.remaining() != STATE_SIZE) {
                    throw new ModelException("Model " + model.name() + " returned " + next.remaining()
                            + " state values, expected " + STATE_SIZE);
                }
                state.clear();
                state.put(next).flip();
            } catch (OrtException e) {
                throw new ModelException("Running " + model.name() + " failed: " + e.getMessage(), e);
            }
            System.arraycopy(window, WINDOW - CONTEXT, context, 0, CONTEXT);
            return probability;
        }

        private FloatBuffer floats(OrtSession.Result result, String name) {
            OnnxValue value = result.get(name).orElseThrow(
                    () -> new ModelException("Model " + model.name() + " returned no '" + name + "'"));
            if (!(value instanceof OnnxTensor tensor)) {
                throw new ModelException("Model " + model.name() + " returned a non-tensor '" + name + "'");
            }
            return tensor.getFloatBuffer();
        }

        private static FloatBuffer direct(int size) {
            return ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
    }
}
