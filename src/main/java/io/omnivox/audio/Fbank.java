package io.omnivox.audio;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Log mel filter-bank features computed exactly as Kaldi's {@code compute-fbank-feats} (and kaldi-native-fbank,
 * torchaudio's {@code kaldi.fbank}) compute them, so models trained on Kaldi features (SenseVoice, Paraformer, CAM++)
 * see the same numbers.
 *
 * <p>Per frame: extract {@link FbankOptions#windowSize()} samples (snip-edges or mirrored edges), add dither, subtract
 * the frame's mean, pre-emphasise ({@code x[i] -= c·x[i-1]}, and Kaldi's {@code x[0] -= c·x[0]}), multiply by the
 * window, zero-pad to {@link FbankOptions#paddedWindowSize()}, real FFT, power (or magnitude) spectrum, Kaldi's
 * triangular mel banks (mel = 1127 ln(1 + f/700), triangles in the mel domain over the FFT bins below Nyquist), and
 * {@code ln(max(e, FLT_EPSILON))}. No energy column.
 *
 * <p>Callers scale samples themselves: Kaldi-trained models expect the int16 range, not [-1, 1]. Immutable and
 * thread-safe; each {@link #compute} call allocates its scratch buffers once, not per frame. Arithmetic is in double
 * (Kaldi uses float), so results agree with Kaldi to float rounding (≈1e-5 on log values).
 */
public final class Fbank {

    private final FbankOptions options;
    private final int frameLength;
    private final int frameShift;
    private final int paddedLength;
    private final double[] window;
    private final RealFft fft;
    /** First FFT bin of each mel bin, and its weights for the consecutive bins from there. */
    private final int[] melStart;
    private final double[][] melWeights;

    public Fbank(FbankOptions options) {
        this.options = options;
        this.frameLength = options.windowSize();
        this.frameShift = options.windowShift();
        this.paddedLength = options.paddedWindowSize();
        this.window = window(options.window(), frameLength);
        this.fft = new RealFft(paddedLength);
        int numBins = options.numBins();
        this.melStart = new int[numBins];
        this.melWeights = new double[numBins][];
        buildMelBanks();
    }

    /** The options this instance computes with. */
    public FbankOptions options() {
        return options;
    }

    /**
     * Number of frames {@link #compute} yields for {@code numSamples} samples: with snip-edges
     * {@code 1 + (n - length) / shift} (0 if shorter than a frame), otherwise {@code (n + shift/2) / shift}.
     */
    public int numFrames(int numSamples) {
        if (options.snipEdges()) {
            return numSamples < frameLength ? 0 : 1 + (numSamples - frameLength) / frameShift;
        }
        return (int) ((numSamples + (long) (frameShift / 2)) / frameShift);
    }

    /**
     * Features of the whole signal.
     *
     * @param samples mono samples at {@link FbankOptions#sampleRate()}, already scaled as the model expects
     * @return [frames][numBins]; no rows when the signal is shorter than a frame
     */
    public float[][] compute(float[] samples) {
        int numFrames = numFrames(samples.length);
        int numBins = options.numBins();
        float[][] out = new float[numFrames][numBins];
        double[] frame = new double[paddedLength];
        double[] re = new double[paddedLength / 2 + 1];
        double[] im = new double[paddedLength / 2 + 1];
        // A fixed seed keeps dithered output reproducible; without dither the generator is never touched.
        SplittableRandom random = options.dither() > 0 ? new SplittableRandom(0x6b616c6469L) : null;
        for (int f = 0; f < numFrames; f++) {
            extract(samples, f, frame);
            process(frame, random);
            fft.forward(frame, re, im);
            // re[] becomes the power (or magnitude) spectrum.
            for (int k = 0; k < re.length; k++) {
                double power = re[k] * re[k] + im[k] * im[k];
                re[k] = options.usePower() ? power : Math.sqrt(power);
            }
            melEnergies(re, out[f]);
        }
        return out;
    }

    /** Copies frame {@code f}'s samples into {@code frame[0, frameLength)} and zeroes the padding after them. */
    private void extract(float[] samples, int f, double[] frame) {
        long start = options.snipEdges()
                ? (long) f * frameShift
                : (long) f * frameShift + frameShift / 2 - frameLength / 2;
        int n = samples.length;
        if (start >= 0 && start + frameLength <= n) {
            int s = (int) start;
            for (int i = 0; i < frameLength; i++) {
                frame[i] = samples[s + i];
            }
        } else {
            // Only without snip-edges, for the first and last few frames: mirror at the ends as Kaldi does
            // (-1 → 0, -2 → 1; n → n-1, n+1 → n-2), repeatedly if the signal is shorter than a frame.
            for (int i = 0; i < frameLength; i++) {
                long idx = start + i;
                while (idx < 0 || idx >= n) {
                    idx = idx < 0 ? -idx - 1 : 2L * n - 1 - idx;
                }
                frame[i] = samples[(int) idx];
            }
        }
        Arrays.fill(frame, frameLength, paddedLength, 0.0);
    }

    /** Dither, DC removal, pre-emphasis and window over {@code frame[0, frameLength)}, in Kaldi's order. */
    private void process(double[] frame, SplittableRandom random) {
        if (random != null) {
            double dither = options.dither();
            for (int i = 0; i < frameLength; i++) {
                frame[i] += random.nextGaussian() * dither;
            }
        }
        if (options.removeDcOffset()) {
            double sum = 0;
            for (int i = 0; i < frameLength; i++) {
                sum += frame[i];
            }
            double mean = sum / frameLength;
            for (int i = 0; i < frameLength; i++) {
                frame[i] -= mean;
            }
        }
        double c = options.preemphasis();
        if (c != 0) {
            for (int i = frameLength - 1; i > 0; i--) {
                frame[i] -= c * frame[i - 1];
            }
            // Kaldi's rule for the first sample: it is its own predecessor.
            frame[0] -= c * frame[0];
        }
        for (int i = 0; i < frameLength; i++) {
            frame[i] *= window[i];
        }
    }

    private void melEnergies(double[] spectrum, float[] out) {
        boolean log = options.useLogFbank();
        for (int b = 0; b < out.length; b++) {
            double[] w = melWeights[b];
            int s = melStart[b];
            double e = 0;
            for (int j = 0; j < w.length; j++) {
                e += w[j] * spectrum[s + j];
            }
            out[b] = (float) (log ? Math.log(Math.max(e, FbankOptions.LOG_FLOOR)) : e);
        }
    }

    /**
     * Kaldi's MelBanks (vtln warp 1), in float as Kaldi computes them: numBins triangles whose edges are equally
     * spaced in mel between lowFreq and highFreq (so numBins + 2 edge points, hence the division by numBins + 1), each
     * weighting the FFT bins 0 … padded/2 − 1 (the Nyquist bin never) whose centre frequency lies strictly inside it.
     */
    private void buildMelBanks() {
        int numFftBins = paddedLength / 2;
        float fftBinWidth = (float) options.sampleRate() / paddedLength;
        float melLow = mel(options.lowFreq());
        float melHigh = mel(options.effectiveHighFreq());
        float delta = (melHigh - melLow) / (options.numBins() + 1);
        for (int bin = 0; bin < options.numBins(); bin++) {
            float left = melLow + bin * delta;
            float center = melLow + (bin + 1) * delta;
            float right = melLow + (bin + 2) * delta;
            int first = -1;
            int last = -1;
            double[] weights = new double[numFftBins];
            for (int i = 0; i < numFftBins; i++) {
                float m = mel(fftBinWidth * i);
                if (m > left && m < right) {
                    weights[i] = m <= center ? (m - left) / (center - left) : (right - m) / (right - center);
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("mel bin " + bin + " covers no FFT bin: " + options.numBins()
                        + " bins are too many for a " + paddedLength + "-point FFT between " + options.lowFreq()
                        + " and " + options.effectiveHighFreq() + " Hz");
            }
            melStart[bin] = first;
            melWeights[bin] = Arrays.copyOfRange(weights, first, last + 1);
        }
    }

    /** Kaldi's mel scale, in float: 1127 ln(1 + f / 700). */
    static float mel(float hz) {
        return 1127.0f * (float) Math.log(1.0f + hz / 700.0f);
    }

    /** Kaldi's window functions; each value rounded to float as Kaldi stores them. */
    static double[] window(FbankOptions.Window type, int length) {
        double[] w = new double[length];
        double a = 2 * Math.PI / (length - 1);
        for (int i = 0; i < length; i++) {
            double cos = Math.cos(a * i);
            double v = switch (type) {
                case HAMMING -> 0.54 - 0.46 * cos;
                case HANNING -> 0.5 - 0.5 * cos;
                case POVEY -> Math.pow(0.5 - 0.5 * cos, 0.85);
                case RECTANGULAR -> 1.0;
            };
            w[i] = (float) v;
        }
        return w;
    }
}
