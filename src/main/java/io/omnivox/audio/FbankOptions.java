package io.omnivox.audio;

/**
 * Options of {@link Fbank}, named and defaulted as Kaldi's {@code compute-fbank-feats} (and kaldi-native-fbank) name
 * them; {@link #senseVoice()} is the front end SenseVoice-Small was trained with.
 *
 * <p>Kaldi's energy column ({@code use_energy}) is not offered: no model here uses it, so {@code energy_floor} has
 * nothing to act on. The floor applied to mel energies before the log is Kaldi's fixed one, {@link #LOG_FLOOR}.
 *
 * @param sampleRate     samples per second of the input (Kaldi {@code samp_freq}), e.g. 16000
 * @param numBins        number of triangular mel bins, i.e. features per frame (Kaldi {@code num_bins}), at least 3
 * @param frameLengthMs  frame length in milliseconds (25 ms = 400 samples at 16 kHz)
 * @param frameShiftMs   frame shift in milliseconds (10 ms = 160 samples at 16 kHz)
 * @param window         window function applied to each frame after pre-emphasis
 * @param preemphasis    pre-emphasis coefficient in [0, 1]: {@code x[i] -= c * x[i - 1]}; 0 turns it off
 * @param removeDcOffset subtract each frame's mean before pre-emphasis
 * @param dither         standard deviation of Gaussian noise added to every sample; 0 (no dither) keeps the output
 *                       deterministic, anything else uses a fixed seed per {@link Fbank#compute} call
 * @param snipEdges      {@code true}: only frames that fit entirely in the signal, the first starting at sample 0;
 *                       {@code false}: {@code round(samples / shift)} frames centred on the shifts, the signal
 *                       mirrored at its ends
 * @param lowFreq        lower edge of the first mel bin in Hz, in [0, Nyquist)
 * @param highFreq       upper edge of the last mel bin in Hz; 0 means the Nyquist frequency, a negative value is an
 *                       offset from it (-400 = Nyquist - 400 Hz)
 * @param usePower       {@code true}: power spectrum (|X|²); {@code false}: magnitude (|X|)
 * @param useLogFbank    {@code true}: natural log of the mel energies (floored at {@link #LOG_FLOOR}); {@code false}:
 *                       the mel energies themselves
 */
public record FbankOptions(
        int sampleRate,
        int numBins,
        float frameLengthMs,
        float frameShiftMs,
        Window window,
        float preemphasis,
        boolean removeDcOffset,
        float dither,
        boolean snipEdges,
        float lowFreq,
        float highFreq,
        boolean usePower,
        boolean useLogFbank) {

    /**
     * The smallest mel energy taken to the log, as in Kaldi ({@code std::numeric_limits<float>::epsilon()}, 2⁻²³ ≈
     * 1.19e-7, not {@link Float#MIN_VALUE}): a silent frame's features are all {@code ln(2⁻²³) ≈ -15.942385}.
     */
    public static final float LOG_FLOOR = Math.ulp(1.0f);

    /** Window functions, with Kaldi's definitions over a frame of N samples, n = 0 … N-1. */
    public enum Window {
        /** {@code 0.54 - 0.46 cos(2πn / (N-1))}: FunASR's and SenseVoice's choice. */
        HAMMING,
        /** {@code 0.5 - 0.5 cos(2πn / (N-1))} (Kaldi's "hanning", the symmetric Hann window). */
        HANNING,
        /** {@code (0.5 - 0.5 cos(2πn / (N-1)))^0.85}: Kaldi's default, like Hamming but zero at both ends. */
        POVEY,
        /** All ones. */
        RECTANGULAR
    }

    public FbankOptions {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
        }
        if (numBins < 3) {
            throw new IllegalArgumentException("numBins must be at least 3 (as in Kaldi), got " + numBins);
        }
        if (!(frameLengthMs > 0) || !(frameShiftMs > 0)) {
            throw new IllegalArgumentException("frame length and shift must be positive, got " + frameLengthMs
                    + " ms and " + frameShiftMs + " ms");
        }
        // Same float arithmetic as windowSize() / windowShift(): a frame needs 2 samples (the window formulas divide by
        // N - 1) and the shift at least 1.
        if ((int) (sampleRate * 0.001f * frameLengthMs) < 2 || (int) (sampleRate * 0.001f * frameShiftMs) < 1) {
            throw new IllegalArgumentException("frame length " + frameLengthMs + " ms / shift " + frameShiftMs
                    + " ms is under 2 / 1 samples at " + sampleRate + " Hz");
        }
        if (window == null) {
            throw new IllegalArgumentException("window must not be null");
        }
        if (!(preemphasis >= 0 && preemphasis <= 1)) {
            throw new IllegalArgumentException("preemphasis must be in [0, 1], got " + preemphasis);
        }
        if (!(dither >= 0)) {
            throw new IllegalArgumentException("dither must be >= 0, got " + dither);
        }
        float nyquist = 0.5f * sampleRate;
        float high = highFreq > 0 ? highFreq : nyquist + highFreq;
        if (!(lowFreq >= 0) || lowFreq >= nyquist || high <= 0 || high > nyquist || high <= lowFreq) {
            throw new IllegalArgumentException("bad mel range: lowFreq " + lowFreq + " Hz and highFreq " + highFreq
                    + " Hz (= " + high + " Hz) vs. Nyquist " + nyquist + " Hz");
        }
    }

    /**
     * SenseVoice-Small's front end (FunASR's WavFrontend config, as sherpa-onnx runs it): 16 kHz, 80 bins, 25 ms
     * frames every 10 ms, Hamming window, pre-emphasis 0.97, DC offset removed, no dither, snip edges, mel range 20 Hz
     * to Nyquist, log power. Expects samples scaled to the int16 range.
     */
    public static FbankOptions senseVoice() {
        return new FbankOptions(16_000, 80, 25f, 10f, Window.HAMMING, 0.97f, true, 0f, true, 20f, 0f, true, true);
    }

    /** A copy with another window. */
    public FbankOptions withWindow(Window newWindow) {
        return new FbankOptions(sampleRate, numBins, frameLengthMs, frameShiftMs, newWindow, preemphasis,
                removeDcOffset, dither, snipEdges, lowFreq, highFreq, usePower, useLogFbank);
    }

    /** A copy with another {@code snipEdges}. */
    public FbankOptions withSnipEdges(boolean newSnipEdges) {
        return new FbankOptions(sampleRate, numBins, frameLengthMs, frameShiftMs, window, preemphasis,
                removeDcOffset, dither, newSnipEdges, lowFreq, highFreq, usePower, useLogFbank);
    }

    /** Samples per frame, truncated as Kaldi does ({@code (int) (rate * 0.001f * ms)}, in float): 400 at 16 kHz. */
    public int windowSize() {
        return (int) (sampleRate * 0.001f * frameLengthMs);
    }

    /** Samples between frame starts, computed as {@link #windowSize()}: 160 at 16 kHz. */
    public int windowShift() {
        return (int) (sampleRate * 0.001f * frameShiftMs);
    }

    /** The FFT length: {@link #windowSize()} rounded up to a power of two (512 for 400 samples). */
    public int paddedWindowSize() {
        int size = windowSize();
        return size <= 1 ? 2 : Integer.highestOneBit(size - 1) << 1;
    }

    /** Upper edge of the last mel bin in Hz, after resolving 0 and negative values against Nyquist. */
    public float effectiveHighFreq() {
        return highFreq > 0 ? highFreq : 0.5f * sampleRate + highFreq;
    }
}
