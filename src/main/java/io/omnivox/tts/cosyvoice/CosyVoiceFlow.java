package io.omnivox.tts.cosyvoice;

import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;

/**
 * CosyVoice 2's flow, speech tokens → mel (step 3 of {@code models/export/cosyvoice2.md}):
 * {@code mu = flow_encoder(prompt_speech_tokens + tokens)} ([1, 80, 2T]), {@code spks = flow_speaker(embedding)}
 * ([1, 80]), {@code cond} = the prompt's mel in the first frames and zeros after, then the Euler solver with the
 * estimator, and the prompt frames are dropped from the result. {@code token_mel_ratio} is read from
 * {@code flow_encoder.onnx}'s metadata (2). Thread-safe.
 */
public final class CosyVoiceFlow implements AutoCloseable {

    public static final String SPEAKER_FILE = "flow_speaker.onnx";
    public static final String ENCODER_FILE = "flow_encoder.onnx";
    private static final int BINS = FlowMatchingSolver.MEL_BINS;

    /** A mel [80, frames] row-major. */
    public record Mel(float[] values, int frames) {
    }

    private final OnnxModel speaker;
    private final OnnxModel encoder;
    private final OnnxFlowEstimator estimator;
    private final boolean owned;
    private final FlowMatchingSolver solver;
    private final FlowNoise noise;
    private final int tokenMelRatio;

    /** A flow owning the three models (the estimator wrapper included). */
    public CosyVoiceFlow(OnnxModel speaker, OnnxModel encoder, OnnxFlowEstimator estimator,
            FlowMatchingSolver.Settings settings, long noiseSeed) {
        this(speaker, encoder, estimator, settings, noiseSeed, true);
    }

    private CosyVoiceFlow(OnnxModel speaker, OnnxModel encoder, OnnxFlowEstimator estimator,
            FlowMatchingSolver.Settings settings, long noiseSeed, boolean owned) {
        this.speaker = speaker;
        this.encoder = encoder;
        this.estimator = estimator;
        this.owned = owned;
        this.solver = new FlowMatchingSolver(estimator, settings);
        this.noise = new FlowNoise(noiseSeed);
        String what = "CosyVoice 2's flow speaker projection (embedding [1, 192] -> spks [1, 80])";
        OnnxContract.expect(speaker, what, "embedding", speaker.inputs().get("embedding"), "float32", 1,
                CampPlus.EMBEDDING);
        OnnxContract.expect(speaker, what, "spks", speaker.outputs().get("spks"), "float32", 1, BINS);
        what = "CosyVoice 2's flow encoder (speech_tokens [1, T] -> mu [1, 80, 2T])";
        OnnxContract.expect(encoder, what, "speech_tokens", encoder.inputs().get("speech_tokens"), "int64", 1, -1);
        OnnxContract.expect(encoder, what, "mu", encoder.outputs().get("mu"), "float32", 1, BINS, -1);
        this.tokenMelRatio = OnnxContract.positiveMetadata(encoder, "token_mel_ratio");
    }

    /** The flow graphs and the public estimator in {@code modelDir}; the factory owns the sessions. */
    public static CosyVoiceFlow open(OnnxSessionFactory factory, Path modelDir, FlowMatchingSolver.Settings settings,
            long noiseSeed) {
        return new CosyVoiceFlow(factory.open(modelDir.resolve(SPEAKER_FILE)),
                factory.open(modelDir.resolve(ENCODER_FILE)), OnnxFlowEstimator.open(factory, modelDir), settings,
                noiseSeed, false);
    }

    /** Mel frames per speech token (2). */
    public int tokenMelRatio() {
        return tokenMelRatio;
    }

    /** {@code flow_speaker}: the 80-d speaker condition of a 192-d CAM++ embedding. */
    public float[] speaker(float[] embedding) {
        if (embedding.length != CampPlus.EMBEDDING) {
            throw new IllegalArgumentException("speaker embedding must have " + CampPlus.EMBEDDING + " values, got "
                    + embedding.length);
        }
        try (OnnxTensor input = OnnxContract.tensor(speaker, embedding, 1, CampPlus.EMBEDDING)) {
            return OnnxContract.runForFloats(speaker, Map.of("embedding", input), "spks", BINS);
        }
    }

    /** {@code flow_encoder}: {@code mu} [80, ratio·T] of the tokens. */
    public float[] encode(int[] tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
        }
        try (OnnxTensor input = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), LongBuffer.wrap(ids),
                new long[] { 1, ids.length })) {
            return OnnxContract.runForFloats(encoder, Map.of("speech_tokens", input), "mu",
                    (long) BINS * tokenMelRatio * tokens.length);
        } catch (OrtException e) {
            throw new ModelException("Flow encoder " + encoder.name() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The mel of {@code tokens}, spoken in the voice of the prompt.
     *
     * @param promptTokens speech tokens of the prompt (may be empty)
     * @param tokens       the generated speech tokens (not empty)
     * @param promptMel    the prompt's mel [80, promptFrames] (promptFrames = ratio × promptTokens, or 0)
     * @param promptFrames frames in {@code promptMel}
     * @param embedding    the prompt's CAM++ embedding (192)
     * @return the mel of the generated tokens only, ratio × tokens frames
     */
    public Mel inference(int[] promptTokens, int[] tokens, float[] promptMel, int promptFrames, float[] embedding) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("no speech tokens to turn into a mel");
        }
        if (promptMel.length != BINS * promptFrames) {
            throw new IllegalArgumentException("prompt mel must be [80, " + promptFrames + "], got " + promptMel.length
                    + " values");
        }
        int[] all = new int[promptTokens.length + tokens.length];
        System.arraycopy(promptTokens, 0, all, 0, promptTokens.length);
        System.arraycopy(tokens, 0, all, promptTokens.length, tokens.length);
        int frames = tokenMelRatio * all.length;
        if (promptFrames > frames) {
            throw new IllegalArgumentException("prompt mel has " + promptFrames + " frames, more than the " + frames
                    + " of prompt and target tokens");
        }
        float[] mu = encode(all);
        float[] spks = speaker(embedding);
        float[] cond = new float[BINS * frames];
        for (int c = 0; c < BINS; c++) {
            System.arraycopy(promptMel, c * promptFrames, cond, c * frames, promptFrames);
        }
        float[] mel = solver.solve(mu, spks, cond, frames, noise);
        int outFrames = frames - promptFrames;
        float[] out = new float[BINS * outFrames];
        for (int c = 0; c < BINS; c++) {
            System.arraycopy(mel, c * frames + promptFrames, out, c * outFrames, outFrames);
        }
        return new Mel(out, outFrames);
    }

    @Override
    public void close() {
        if (owned) {
            try {
                estimator.close();
            } finally {
                OnnxContract.closeAll("the CosyVoice flow", speaker, encoder);
            }
        }
    }
}
