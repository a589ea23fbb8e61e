package io.omnivox.asr;

import io.omnivox.audio.Fbank;
import io.omnivox.audio.FbankOptions;
import io.omnivox.model.ModelException;
import java.util.Map;

/**
 * SenseVoice-Small's feature pipeline: samples in [-1, 1] → int16 range → 80-bin Kaldi fbank
 * ({@link FbankOptions#senseVoice()}) → low frame rate (LFR) stacking → CMVN. The output rows are the model's
 * {@code x} input, [frames][80 · lfrM] (560 with the usual m = 7).
 *
 * <p>LFR follows FunASR, the convention the model was trained with ({@code apply_lfr} in FunASR's
 * {@code funasr/frontends/wav_frontend.py}): the fbank is padded at the start with (m − 1) / 2 copies of frame 0, output
 * frame i stacks padded frames [i·n, i·n + m), there are ceil(T / n) of them, and a window that runs past the end is
 * filled with copies of the last frame. (sherpa-onnx's own C++ front end yields (T − m) / n + 1 frames without
 * padding; we do not follow it.) CMVN is FunASR's {@code apply_cmvn}: {@code (x + negMean) · invStddev}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SenseVoiceFrontend {

    /** Scales [-1, 1] samples to the int16 range, as FunASR ({@code waveform * (1 << 15)}) and sherpa-onnx do. */
    public static final float INT16_SCALE = 32768f;

    private final int lfrM;
    private final int lfrN;
    private final float[] negMean;
    private final float[] invStddev;
    private final Fbank fbank;

    /**
     * @param lfrM      frames stacked per output frame ({@code lfr_window_size}, 7)
     * @param lfrN      fbank frames between output frames ({@code lfr_window_shift}, 6)
     * @param negMean   added to each stacked feature, length 80 · lfrM (copied)
     * @param invStddev then multiplied with it, length 80 · lfrM (copied)
     */
    public SenseVoiceFrontend(int lfrM, int lfrN, float[] negMean, float[] invStddev) {
        if (lfrM < 1 || lfrN < 1) {
            throw new IllegalArgumentException("LFR window size and shift must be >= 1, got m=" + lfrM + " n=" + lfrN);
        }
        this.fbank = new Fbank(FbankOptions.senseVoice());
        int dim = fbank.options().numBins() * lfrM;
        if (negMean.length != dim || invStddev.length != dim) {
            throw new IllegalArgumentException("CMVN vectors must have " + dim + " values (" + fbank.options().numBins()
                    + " bins × LFR window " + lfrM + "), got neg_mean " + negMean.length + " and inv_stddev "
                    + invStddev.length);
        }
        this.lfrM = lfrM;
        this.lfrN = lfrN;
        this.negMean = negMean.clone();
        this.invStddev = invStddev.clone();
    }

    /**
     * Builds the front end from the sherpa-onnx export's {@code metadata_props}: {@code lfr_window_size},
     * {@code lfr_window_shift}, and {@code neg_mean} / {@code inv_stddev} (comma-separated floats).
     *
     * @throws ModelException naming the key when one is missing, unparsable or of the wrong length
     */
    public static SenseVoiceFrontend fromMetadata(Map<String, String> metadata) {
        int m = parseInt(metadata, "lfr_window_size");
        int n = parseInt(metadata, "lfr_window_shift");
        float[] negMean = parseFloats(metadata, "neg_mean");
        float[] invStddev = parseFloats(metadata, "inv_stddev");
        int dim = FbankOptions.senseVoice().numBins() * m;
        for (var entry : Map.of("neg_mean", negMean, "inv_stddev", invStddev).entrySet()) {
            if (entry.getValue().length != dim) {
                throw new ModelException("SenseVoice metadata '" + entry.getKey() + "' has " + entry.getValue().length
                        + " values; expected " + dim + " (80 fbank bins × lfr_window_size " + m + ")");
            }
        }
        try {
            return new SenseVoiceFrontend(m, n, negMean, invStddev);
        } catch (IllegalArgumentException e) {
            throw new ModelException("SenseVoice metadata is inconsistent: " + e.getMessage(), e);
        }
    }

    /** Features per output frame: 80 · lfrM. */
    public int featureDim() {
        return negMean.length;
    }

    /** Frames stacked per output frame. */
    public int lfrM() {
        return lfrM;
    }

    /** Fbank frames (10 ms each) per output frame. */
    public int lfrN() {
        return lfrN;
    }

    /**
     * The model input for one utterance.
     *
     * @param samples16k mono 16 kHz samples in [-1, 1]
     * @return [ceil(T / lfrN)][featureDim()] with T = fbank frames; no rows when the audio is shorter than one 25 ms
     *         frame
     */
    public float[][] features(float[] samples16k) {
        float[] scaled = new float[samples16k.length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = samples16k[i] * INT16_SCALE;
        }
        float[][] stacked = lfr(fbank.compute(scaled), lfrM, lfrN);
        applyCmvn(stacked, negMean, invStddev);
        return stacked;
    }

    /**
     * FunASR's LFR: output frame i is padded frames [i·n, i·n + m) concatenated, where the padded sequence is (m − 1) / 2
     * copies of frame 0, the T frames, then copies of frame T − 1 as far as needed; ceil(T / n) output frames.
     *
     * @param fbank [T][D] frames
     * @return [ceil(T / n)][m · D]; no rows when T = 0
     */
    static float[][] lfr(float[][] fbank, int m, int n) {
        int t = fbank.length;
        if (t == 0) {
            return new float[0][];
        }
        int d = fbank[0].length;
        int leftPad = (m - 1) / 2;
        int outFrames = (t + n - 1) / n;
        float[][] out = new float[outFrames][m * d];
        for (int i = 0; i < outFrames; i++) {
            for (int j = 0; j < m; j++) {
                // Position in the padded sequence → original frame, clamped at both ends.
                int src = Math.min(t - 1, Math.max(0, i * n + j - leftPad));
                System.arraycopy(fbank[src], 0, out[i], j * d, d);
            }
        }
        return out;
    }

    /** In place: {@code x[k] = (x[k] + negMean[k]) * invStddev[k]} for every row, in float as FunASR does. */
    static void applyCmvn(float[][] features, float[] negMean, float[] invStddev) {
        for (float[] row : features) {
            if (row.length != negMean.length || row.length != invStddev.length) {
                throw new IllegalArgumentException("feature row has " + row.length + " values, CMVN has "
                        + negMean.length + " / " + invStddev.length);
            }
            for (int k = 0; k < row.length; k++) {
                row[k] = (row[k] + negMean[k]) * invStddev[k];
            }
        }
    }

    private static String require(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null || value.isBlank()) {
            throw new ModelException("SenseVoice model lacks the metadata key '" + key + "' (present: "
                    + metadata.keySet() + "); is this the sherpa-onnx export?");
        }
        return value.trim();
    }

    private static int parseInt(Map<String, String> metadata, String key) {
        String value = require(metadata, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ModelException("SenseVoice metadata '" + key + "' is not an integer: '" + value + "'", e);
        }
    }

    private static float[] parseFloats(Map<String, String> metadata, String key) {
        String[] parts = require(metadata, key).split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new ModelException("SenseVoice metadata '" + key + "' value " + i + " is not a number: '"
                        + parts[i].trim() + "'", e);
            }
        }
        return values;
    }
}
