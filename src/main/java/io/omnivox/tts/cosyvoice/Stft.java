package io.omnivox.tts.cosyvoice;

/**
 * Short-time Fourier transform with {@code torch.stft}'s semantics as HiFT calls it ({@code center=True},
 * {@code pad_mode='reflect'}, {@code normalized=False}, {@code onesided=True}, {@code win_length = n_fft}, periodic
 * Hann window): the signal is reflect-padded by {@code n_fft / 2} on both sides (mirrored without repeating the edge
 * sample, {@code x[-1] = x[1]}), and frame {@code t} is {@code X[k, t] = Σ_m w[m]·x[t·hop + m − n_fft/2]·e^(−2πikm/n_fft)}
 * for the {@code n_fft / 2 + 1} non-negative frequencies. A signal of {@code L} samples gives {@code 1 + L / hop}
 * frames.
 *
 * <p>HiFT uses it on the harmonic source ({@code n_fft} 16, hop 4: 9 bins, 120 frames per mel frame plus one). The
 * transform is a direct DFT from a cosine/sine table, computed in double: for 16 points that is as fast as an FFT and
 * has no length restriction. Immutable and thread-safe.
 */
public final class Stft {

    /** The spectrum as {@code [bins, frames]} row-major real and imaginary parts. */
    public record Spectrum(float[] real, float[] imag, int bins, int frames) {

        /**
         * The layout HiFT's decoder takes as {@code source_stft}: {@code [2·bins, frames]}, rows {@code 0 … bins−1}
         * the real parts, rows {@code bins … 2·bins−1} the imaginary parts (upstream concatenates them on the
         * channel axis).
         */
        public float[] stacked() {
            float[] out = new float[2 * bins * frames];
            System.arraycopy(real, 0, out, 0, real.length);
            System.arraycopy(imag, 0, out, real.length, imag.length);
            return out;
        }
    }

    private final int nFft;
    private final int hop;
    private final int bins;
    private final double[] window;
    /** cos / sin of 2π·j/n_fft for j in [0, n_fft): e^(−2πikm/n) uses index (k·m) mod n. */
    private final double[] cos;
    private final double[] sin;

    /**
     * @param nFft frame length and FFT size, even, at least 2
     * @param hop  samples between frames, 1 … nFft
     */
    public Stft(int nFft, int hop) {
        checkSizes(nFft, hop);
        this.nFft = nFft;
        this.hop = hop;
        this.bins = nFft / 2 + 1;
        this.window = periodicHann(nFft);
        this.cos = twiddle(nFft, Math::cos);
        this.sin = twiddle(nFft, Math::sin);
    }

    public int nFft() {
        return nFft;
    }

    public int hop() {
        return hop;
    }

    /** {@code f(2πj/n)} for j in [0, n): the DFT's cosine or sine table, shared with {@link InverseStft}. */
    static double[] twiddle(int n, java.util.function.DoubleUnaryOperator f) {
        double[] table = new double[n];
        for (int j = 0; j < n; j++) {
            table[j] = f.applyAsDouble(2 * Math.PI * j / n);
        }
        return table;
    }

    /** Frequency bins per frame: {@code n_fft / 2 + 1}. */
    public int bins() {
        return bins;
    }

    /** Frames of a signal of {@code samples} samples: {@code 1 + samples / hop} (centre padding). */
    public int frames(int samples) {
        return 1 + samples / hop;
    }

    /**
     * The spectrum of {@code signal}.
     *
     * @param signal at least {@code n_fft / 2 + 1} samples (reflect padding needs more samples than it pads)
     * @return real and imaginary parts, each {@code [bins, 1 + signal.length / hop]}
     */
    public Spectrum forward(float[] signal) {
        int pad = nFft / 2;
        int length = signal.length;
        if (length <= pad) {
            throw new IllegalArgumentException("reflect padding by " + pad + " needs more than " + pad
                    + " samples, got " + length);
        }
        int frames = frames(length);
        float[] real = new float[bins * frames];
        float[] imag = new float[bins * frames];
        double[] frame = new double[nFft];
        for (int t = 0; t < frames; t++) {
            int start = t * hop - pad;
            for (int m = 0; m < nFft; m++) {
                frame[m] = window[m] * signal[reflect(start + m, length)];
            }
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int m = 0, j = 0; m < nFft; m++, j = (j + k) % nFft) {
                    re += frame[m] * cos[j];
                    im -= frame[m] * sin[j];
                }
                real[k * frames + t] = (float) re;
                imag[k * frames + t] = (float) im;
            }
        }
        return new Spectrum(real, imag, bins, frames);
    }

    /** Index into a signal of {@code length} samples reflected at both ends without repeating the edge sample. */
    private static int reflect(int index, int length) {
        if (index < 0) {
            return -index;
        }
        return index < length ? index : 2 * (length - 1) - index;
    }

    /**
     * {@code torch.hann_window(n)} (periodic, the default) = scipy's {@code get_window('hann', n)}:
     * {@code 0.5 − 0.5·cos(2πm/n)}, the first n points of a symmetric Hann window of n + 1 points.
     */
    static double[] periodicHann(int n) {
        double[] w = new double[n];
        for (int m = 0; m < n; m++) {
            w[m] = 0.5 - 0.5 * Math.cos(2 * Math.PI * m / n);
        }
        return w;
    }

    static void checkSizes(int nFft, int hop) {
        if (nFft < 2 || nFft % 2 != 0) {
            throw new IllegalArgumentException("n_fft must be even and at least 2, got " + nFft);
        }
        if (hop < 1 || hop > nFft) {
            throw new IllegalArgumentException("hop must be in 1.." + nFft + ", got " + hop);
        }
    }
}
