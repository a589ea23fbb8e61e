package io.omnivox.tts.cosyvoice;

import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import io.omnivox.audio.Fbank;
import io.omnivox.audio.FbankOptions;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;

/**
 * CAM++ speaker embedding ({@code campplus.onnx}) of 16 kHz prompt audio, as upstream's front end computes it:
 * {@code torchaudio.compliance.kaldi.fbank(audio, num_mel_bins=80, dither=0, sample_frequency=16000)} (Kaldi defaults:
 * 25 ms Povey frames every 10 ms, pre-emphasis 0.97, DC removal, snip edges, 20 Hz to Nyquist, log power) on samples
 * in [-1, 1], mean-normalised over time, then {@code input} [1, T, 80] → {@code output} [1, 192]. Thread-safe.
 */
public final class CampPlus implements AutoCloseable {

    public static final String FILE = "campplus.onnx";
    public static final int SAMPLE_RATE = 16_000;
    public static final int BINS = 80;
    public static final int EMBEDDING = 192;
    private static final String WHAT = "the CAM++ speaker model (input [B, T, 80] -> output [B, 192])";

    /** torchaudio's Kaldi fbank defaults with 80 bins and no dither. */
    public static final FbankOptions FBANK = new FbankOptions(SAMPLE_RATE, BINS, 25f, 10f, FbankOptions.Window.POVEY,
            0.97f, true, 0f, true, 20f, 0f, true, true);

    private final OnnxModel model;
    private final boolean owned;
    private final Fbank fbank = new Fbank(FBANK);

    public CampPlus(OnnxModel model) {
        this(model, true);
    }

    private CampPlus(OnnxModel model, boolean owned) {
        this.model = model;
        this.owned = owned;
        OnnxContract.expect(model, WHAT, "input", model.inputs().get("input"), "float32", -1, -1, BINS);
        OnnxContract.expect(model, WHAT, "output", model.outputs().get("output"), "float32", -1, EMBEDDING);
    }

    public static CampPlus open(OnnxSessionFactory factory, Path modelDir) {
        return new CampPlus(factory.open(modelDir.resolve(FILE)), false);
    }

    /** The mean-normalised fbank, [frames][80]. */
    public float[][] features(float[] audio16k) {
        float[][] feats = fbank.compute(audio16k);
        if (feats.length == 0) {
            throw new IllegalArgumentException("prompt audio too short for the speaker embedding: " + audio16k.length
                    + " samples");
        }
        for (int b = 0; b < BINS; b++) {
            double mean = 0;
            for (float[] frame : feats) {
                mean += frame[b];
            }
            mean /= feats.length;
            for (float[] frame : feats) {
                frame[b] = (float) (frame[b] - mean);
            }
        }
        return feats;
    }

    /** The 192-d speaker embedding of 16 kHz audio. */
    public float[] embed(float[] audio16k) {
        float[][] feats = features(audio16k);
        float[] flat = new float[feats.length * BINS];
        for (int t = 0; t < feats.length; t++) {
            System.arraycopy(feats[t], 0, flat, t * BINS, BINS);
        }
        try (OnnxTensor input = OnnxContract.tensor(model, flat, 1, feats.length, BINS)) {
            return OnnxContract.runForFloats(model, Map.of("input", input), "output", EMBEDDING);
        }
    }

    @Override
    public void close() {
        if (owned) {
            OnnxContract.closeAll(model.name(), model);
        }
    }
}
