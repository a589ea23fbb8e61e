package io.omnivox.tts.cosyvoice;

/**
 * Inverse short-time Fourier transform with {@code torch.istft}'s semantics as HiFT calls it ({@code center=True},
 * {@code normalized=False}, {@code onesided=True}, {@code win_length = n_fft}, {@code length=None}, periodic Hann
 * window): each frame's one-sided spectrum goes through a real inverse DFT, is multiplied by the window and
 * overlap-added at {@code t·hop}; the sum is divided by the overlap-added squared window (the "window envelope") and
 * the {@code n_fft / 2} samples of centre padding are cut from both ends. {@code frames} frames give
 * {@code hop·(frames − 1)} samples.
 *
 * <p>As a real inverse FFT does ({@code torch.fft.irfft}, {@code numpy.fft.irfft}), the imaginary parts of bin 0 and
 * bin {@code n_fft / 2} are ignored: {@code x[m] = (Re X₀ + (−1)^m·Re X_{n/2} + 2·Σ_{k=1}^{n/2−1} (Re X_k·cos(2πkm/n) −
 * Im X_k·sin(2πkm/n))) / n}. This matters for HiFT, whose phases are arbitrary in every bin. Like torch, a zero
 * envelope (a window/hop pair that violates the NOLA condition) is an error, not a silent division.
 *
 * <p>Computed in double, returned as float. Immutable and thread-safe.
 */
public final class InverseStft {

    /** torch.istft's threshold for a usable window envelope ({@code window_envelop.abs() < 1e-11} fails). */
    private static final double MIN_ENVELOPE = 1e-11;

    private final int nFft;
    private final int hop;
    private final int bins;
    private final double[] window;
    private final double[] cos;
    private final double[] sin;

    /**
     * @param nFft frame length and FFT size, even, at least 2
     * @param hop  samples between frames, 1 … nFft
     */
    public InverseStft(int nFft, int hop) {
        Stft.checkSizes(nFft, hop);
        this.nFft = nFft;
        this.hop = hop;
        this.bins = nFft / 2 + 1;
        this.window = Stft.periodicHann(nFft);
        this.cos = Stft.twiddle(nFft, Math::cos);
        this.sin = Stft.twiddle(nFft, Math::sin);
    }

    public int nFft() {
        return nFft;
    }

    public int hop() {
        return hop;
    }

    /** Frequency bins per frame the input must have: {@code n_fft / 2 + 1}. */
    public int bins() {
        return bins;
    }

    /** Output samples for {@code frames} frames: {@code hop·(frames − 1)}. */
    public int length(int frames) {
        return hop * (frames - 1);
    }

    /**
     * The signal whose spectrum is {@code magnitude·e^(i·phase)}, as HiFT's {@code _istft} builds it (without its
     * magnitude clamp, which {@link HiftVocoder} applies).
     *
     * @param magnitude [bins, frames] row-major
     * @param phase     [bins, frames] row-major, radians
     * @return {@code hop·(frames − 1)} samples
     */
    public float[] fromPolar(float[] magnitude, float[] phase, int frames) {
        checkInput(magnitude, phase, frames);
        double[] re = new double[magnitude.length];
        double[] im = new double[magnitude.length];
        for (int i = 0; i < magnitude.length; i++) {
            re[i] = magnitude[i] * Math.cos(phase[i]);
            im[i] = magnitude[i] * Math.sin(phase[i]);
        }
        return overlapAdd(re, im, frames);
    }

    /**
     * The signal whose spectrum is {@code real + i·imag}.
     *
     * @param real [bins, frames] row-major
     * @param imag [bins, frames] row-major
     * @return {@code hop·(frames − 1)} samples
     */
    public float[] inverse(float[] real, float[] imag, int frames) {
        checkInput(real, imag, frames);
        double[] re = new double[real.length];
        double[] im = new double[imag.length];
        for (int i = 0; i < real.length; i++) {
            re[i] = real[i];
            im[i] = imag[i];
        }
        return overlapAdd(re, im, frames);
    }

    private float[] overlapAdd(double[] re, double[] im, int frames) {
        int total = nFft + hop * (frames - 1);
        double[] sum = new double[total];
        double[] envelope = new double[total];
        double[] frame = new double[nFft];
        int nyquist = nFft / 2;
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < nFft; m++) {
                double s = re[t] + ((m & 1) == 0 ? re[nyquist * frames + t] : -re[nyquist * frames + t]);
                double twice = 0;
                for (int k = 1, j = m; k < nyquist; k++, j = (j + m) % nFft) {
                    twice += re[k * frames + t] * cos[j] - im[k * frames + t] * sin[j];
                }
                frame[m] = (s + 2 * twice) / nFft;
            }
            int offset = t * hop;
            for (int m = 0; m < nFft; m++) {
                sum[offset + m] += window[m] * frame[m];
                envelope[offset + m] += window[m] * window[m];
            }
        }
        int pad = nFft / 2;
        float[] out = new float[length(frames)];
        for (int i = 0; i < out.length; i++) {
            double e = envelope[pad + i];
            if (Math.abs(e) < MIN_ENVELOPE) {
                throw new IllegalStateException("window envelope is zero at sample " + i + " (n_fft " + nFft
                        + ", hop " + hop + " violates the NOLA condition)");
            }
            out[i] = (float) (sum[pad + i] / e);
        }
        return out;
    }

    private void checkInput(float[] a, float[] b, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("need at least one frame, got " + frames);
        }
        if (a.length != bins * frames || b.length != bins * frames) {
            throw new IllegalArgumentException("expected [" + bins + ", " + frames + "] = " + bins * frames
                    + " values per part, got " + a.length + " and " + b.length);
        }
    }
}
