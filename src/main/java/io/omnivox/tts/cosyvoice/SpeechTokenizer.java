package io.omnivox.tts.cosyvoice;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.TensorSpec;

/**
 * CosyVoice 2's speech tokenizer ({@code speech_tokenizer_v2.onnx}, 25 tokens/s) on 16 kHz prompt audio. The features
 * are Whisper's {@code log_mel_spectrogram(audio, n_mels=128)} as upstream's front end calls it: STFT with n_fft 400,
 * hop 160, periodic Hann window, centred (reflect padding of 200), power of each bin, the last frame dropped (Whisper's
 * {@code stft[..., :-1]}), 128 Slaney mel filters from 0 to 8 kHz, {@code log10(max(mel, 1e-10))}, floored at the
 * utterance's maximum minus 8, then {@code (x + 4) / 4}. That is {@code floor(samples / 160)} frames.
 *
 * <p>Contract, checked at load: {@code feats} float32 [1, 128, T], {@code feats_length} int32 [1] → {@code indices}
 * [1, tokens], int32 or int64 (readers disagree on the public file, so both are accepted). Thread-safe.
 */
public final class SpeechTokenizer implements AutoCloseable {

    public static final String FILE = "speech_tokenizer_v2.onnx";
    public static final int SAMPLE_RATE = 16_000;
    public static final int MELS = 128;
    static final int N_FFT = 400;
    static final int HOP = 160;
    private static final String WHAT = "CosyVoice 2's speech tokenizer (feats, feats_length -> indices)";

    private final OnnxModel model;
    private final boolean owned;
    private final boolean int64Indices;
    private final double[][] filters = MelFeatures.slaneyFilterbank(SAMPLE_RATE, N_FFT, MELS, 0, 8000);
    private final double[] window = MelFeatures.hann(N_FFT);
    private final MelFeatures.Dft dft = new MelFeatures.Dft(N_FFT);

    /** A tokenizer owning {@code model}. */
    public SpeechTokenizer(OnnxModel model) {
        this(model, true);
    }

    private SpeechTokenizer(OnnxModel model, boolean owned) {
        this.model = model;
        this.owned = owned;
        OnnxContract.expect(model, WHAT, "feats", model.inputs().get("feats"), "float32", 1, MELS, -1);
        OnnxContract.expect(model, WHAT, "feats_length", model.inputs().get("feats_length"), "int32", 1);
        TensorSpec indices = model.outputs().get("indices");
        boolean wide = indices != null && "int64".equals(indices.type());
        OnnxContract.expect(model, WHAT, "indices", indices, wide ? "int64" : "int32", 1, -1);
        this.int64Indices = wide;
    }

    /** The tokenizer in {@code modelDir}; the factory owns the session. */
    public static SpeechTokenizer open(OnnxSessionFactory factory, Path modelDir) {
        return new SpeechTokenizer(factory.open(modelDir.resolve(FILE)), false);
    }

    /** Whisper's 128-bin log-mel of 16 kHz audio: [128][frames], frames = samples / 160. */
    public float[][] features(float[] audio16k) {
        int frames = audio16k.length / HOP;
        if (frames < 1) {
            throw new IllegalArgumentException("prompt audio too short for the speech tokenizer: " + audio16k.length
                    + " samples");
        }
        float[] padded = MelFeatures.reflectPad(audio16k, N_FFT / 2, N_FFT / 2);
        double[][] logMel = new double[MELS][frames];
        double[] frame = new double[N_FFT];
        double[] power = new double[dft.bins()];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < N_FFT; m++) {
                frame[m] = padded[t * HOP + m] * window[m];
            }
            dft.power(frame, power);
            for (int c = 0; c < MELS; c++) {
                double sum = 0;
                for (int k = 0; k < power.length; k++) {
                    sum += filters[c][k] * power[k];
                }
                double v = Math.log10(Math.max(sum, 1e-10));
                logMel[c][t] = v;
                max = Math.max(max, v);
            }
        }
        float[][] out = new float[MELS][frames];
        for (int c = 0; c < MELS; c++) {
            for (int t = 0; t < frames; t++) {
                out[c][t] = (float) ((Math.max(logMel[c][t], max - 8) + 4) / 4);
            }
        }
        return out;
    }

    /** Speech tokens (0 … 6560) of 16 kHz audio. */
    public int[] tokenize(float[] audio16k) {
        float[][] feats = features(audio16k);
        int frames = feats[0].length;
        float[] flat = new float[MELS * frames];
        for (int c = 0; c < MELS; c++) {
            System.arraycopy(feats[c], 0, flat, c * frames, frames);
        }
        try (OnnxTensor f = OnnxContract.tensor(model, flat, 1, MELS, frames);
                OnnxTensor length = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(),
                        IntBuffer.wrap(new int[] { frames }), new long[] { 1 });
                OrtSession.Result result = model.run(Map.of("feats", f, "feats_length", length))) {
            OnnxTensor indices = (OnnxTensor) result.get("indices")
                    .orElseThrow(() -> new ModelException("Model " + model.name() + " returned no indices"));
            if (int64Indices) {
                LongBuffer buffer = indices.getLongBuffer();
                int[] out = new int[buffer.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Math.toIntExact(buffer.get());
                }
                return out;
            }
            IntBuffer buffer = indices.getIntBuffer();
            int[] out = new int[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (OrtException e) {
            throw new ModelException("Speech tokenizer " + model.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (owned) {
            OnnxContract.closeAll(model.name(), model);
        }
    }
}
