package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link InverseStft} against {@code torch.istft} semantics as HiFT uses them (n_fft 16, hop 4, periodic Hann,
 * {@code center=True}, {@code normalized=False}, onesided, {@code length=None}).
 *
 * <p>Reference values: torch is not installed where they were made, so they come from an independent numpy
 * implementation of {@code torch.istft} (irfft per frame, window, overlap-add, divide by the overlap-added squared
 * window, cut n_fft/2 from both ends), cross-checked against {@code scipy.signal.istft} on the same input. scipy
 * scales differently: its default {@code scaling='spectrum'} multiplies each inverse frame by {@code sum(window)} (its
 * {@code stft} divides by it), so scipy was given {@code X / sum(window)} (sum = 8 for the 16-point periodic Hann);
 * its {@code boundary=True} cuts {@code nperseg // 2} from both ends and it divides by the squared-window sum where
 * that exceeds 1e-10, as torch does. Both agreed to 5.6e-17. Python 3.11.7, numpy 2.4.6, scipy 1.17.1:
 *
 * <pre>{@code
 * import numpy as np, scipy.signal
 * N, H = 16, 4
 * w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N) / N)      # torch.hann_window(16), periodic
 * k = np.arange(9)[:, None]; t = np.arange(16)[None, :]
 * mag = (((7 * k + 3 * t) % 11) / 8 + 1 / 16).astype(np.float32)
 * ph = (((5 * k + 2 * t) % 13) / 4 - 1.5).astype(np.float32)
 * X = mag.astype(np.float64) * np.exp(1j * ph.astype(np.float64))
 * def istft(X):
 *     frames = X.shape[1]; total = N + H * (frames - 1)
 *     y = np.zeros(total); env = np.zeros(total)
 *     for f in range(frames):
 *         y[f * H:f * H + N] += np.fft.irfft(X[:, f], n=N) * w   # irfft ignores Im of bins 0 and 8
 *         env[f * H:f * H + N] += w * w
 *     return y[N // 2:total - N // 2] / env[N // 2:total - N // 2]
 * ours = istft(X)
 * _, sc = scipy.signal.istft(X / w.sum(), window='hann', nperseg=N, noverlap=N - H, nfft=N,
 *                            input_onesided=True, boundary=True, time_axis=-1, freq_axis=-2)
 * print(np.abs(ours - sc).max()); print(", ".join("%.10g" % v for v in ours))
 * }</pre>
 *
 * Measured: max |Java − reference| = 1.4e-8 over the 60 samples (float32 output of a double computation); the
 * round trip below measured 3.0e-8.
 */
class InverseStftTest {

    private static final int N_FFT = 16;
    private static final int HOP = 4;
    private static final int BINS = 9;
    private static final int FRAMES = 16;

    /** The numpy reference of the input defined in {@link #magnitude()} and {@link #phase()}: 4·(16 − 1) samples. */
    private static final double[] REFERENCE = {
        0.1021916301, -0.2898556557, -0.2863461914, 0.1661754147, -0.02554773863, -0.2897766651,
        -0.1982858779, 0.0258207154, -0.001188870115, 0.112549233, 0.2681975362, -0.04945806261,
        0.04861249769, 0.1417718414, 0.1289379741, 0.1034369724, 0.06883688012, 0.08257727618,
        -0.008716122098, -0.1777973059, -0.08679712211, 0.2812790695, 0.03006316767, -0.08816865511,
        0.05646416977, 0.02314143333, -0.1550577714, -0.0717940598, 0.08313891045, -0.3910273468,
        -0.2440215789, 0.1341961288, -0.09691111644, -0.08543324133, -0.0988903471, 0.1963204657,
        0.009002338951, 0.05875535989, 0.2753506137, -0.03745571998, 0.04424427598, 0.1040720446,
        0.3095035271, -0.2130779771, 0.03206296481, 0.2906327888, -0.1328114748, -0.04349510593,
        -0.1926420822, 0.04103285455, -0.09357030573, -0.1424817191, 0.06713702666, -0.04330404961,
        -0.09936051797, -0.05915096734, -0.02003405066, -0.2449903202, -0.2189195814, 0.1313973237,
    };

    /** {@code ((7k + 3t) mod 11) / 8 + 1/16} for bin k, frame t: exact in float. */
    private static float[] magnitude() {
        float[] m = new float[BINS * FRAMES];
        for (int k = 0; k < BINS; k++) {
            for (int t = 0; t < FRAMES; t++) {
                m[k * FRAMES + t] = ((7 * k + 3 * t) % 11) / 8f + 1 / 16f;
            }
        }
        return m;
    }

    /** {@code ((5k + 2t) mod 13) / 4 − 1.5} radians: exact in float, non-zero in bins 0 and 8 too. */
    private static float[] phase() {
        float[] p = new float[BINS * FRAMES];
        for (int k = 0; k < BINS; k++) {
            for (int t = 0; t < FRAMES; t++) {
                p[k * FRAMES + t] = ((5 * k + 2 * t) % 13) / 4f - 1.5f;
            }
        }
        return p;
    }

    @Test
    void should_match_torch_istft_semantics_when_given_magnitude_and_phase() {
        float[] y = new InverseStft(N_FFT, HOP).fromPolar(magnitude(), phase(), FRAMES);

        assertThat(y).hasSize(REFERENCE.length);
        for (int i = 0; i < y.length; i++) {
            assertThat((double) y[i]).as("sample %d", i).isCloseTo(REFERENCE[i], within(1e-6));
        }
    }

    @Test
    void should_give_the_same_signal_from_cartesian_parts_when_they_describe_the_same_spectrum() {
        float[] magnitude = magnitude();
        float[] phase = phase();
        float[] real = new float[magnitude.length];
        float[] imag = new float[magnitude.length];
        for (int i = 0; i < magnitude.length; i++) {
            real[i] = (float) (magnitude[i] * Math.cos(phase[i]));
            imag[i] = (float) (magnitude[i] * Math.sin(phase[i]));
        }

        float[] y = new InverseStft(N_FFT, HOP).inverse(real, imag, FRAMES);

        for (int i = 0; i < y.length; i++) {
            assertThat((double) y[i]).isCloseTo(REFERENCE[i], within(1e-6));
        }
    }

    @Test
    void should_recover_the_signal_when_inverting_its_stft() {
        // 0.5 s of noise at 24 kHz, a multiple of the hop: centre padding plus the envelope division make the round
        // trip exact everywhere, edges included (torch behaves the same), so the whole signal is compared.
        Random random = new Random(7);
        float[] signal = new float[12_000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) random.nextGaussian() * 0.3f;
        }
        Stft.Spectrum spectrum = new Stft(N_FFT, HOP).forward(signal);

        float[] back = new InverseStft(N_FFT, HOP).inverse(spectrum.real(), spectrum.imag(), spectrum.frames());

        assertThat(back).hasSize(signal.length);
        assertThat(back).containsExactly(signal, within(1e-6f));
    }

    @Test
    void should_ignore_the_imaginary_parts_of_dc_and_nyquist_when_inverting() {
        InverseStft istft = new InverseStft(N_FFT, HOP);
        Stft.Spectrum spectrum = new Stft(N_FFT, HOP).forward(new float[] {0.5f, -1f, 0.25f, 2f, -0.75f, 1f, 0f, 3f,
            -2f, 0.5f, 1.5f, -1f});
        float[] imag = spectrum.imag().clone();
        int frames = spectrum.frames();
        for (int t = 0; t < frames; t++) {
            imag[t] = 5f + t; // bin 0
            imag[8 * frames + t] = -3f * t; // bin 8 (Nyquist)
        }

        float[] withImaginary = istft.inverse(spectrum.real(), imag, frames);

        assertThat(withImaginary).containsExactly(istft.inverse(spectrum.real(), spectrum.imag(), frames));
    }

    @Test
    void should_give_hop_times_frames_minus_one_samples_when_asked_for_the_length() {
        InverseStft istft = new InverseStft(N_FFT, HOP);

        assertThat(istft.length(120 * 5 + 1)).isEqualTo(5 * 480);
        assertThat(istft.inverse(new float[BINS], new float[BINS], 1)).isEmpty();
    }

    @Test
    void should_refuse_input_when_it_is_not_bins_by_frames() {
        InverseStft istft = new InverseStft(N_FFT, HOP);

        assertThatThrownBy(() -> istft.fromPolar(new float[BINS * 4], new float[BINS * 4], 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[9, 5]");
        assertThatThrownBy(() -> new InverseStft(15, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_fail_when_the_window_envelope_is_zero() {
        // Hop = n_fft: frames do not overlap, and the periodic Hann window is 0 at its first sample, so the envelope
        // is 0 there (the NOLA condition fails), as torch.istft would report.
        InverseStft istft = new InverseStft(N_FFT, N_FFT);

        assertThatThrownBy(() -> istft.inverse(new float[BINS * 3], new float[BINS * 3], 3))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NOLA");
    }
}
