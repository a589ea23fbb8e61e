package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link Stft} against {@code torch.stft} semantics as HiFT uses them (n_fft 16, hop 4, periodic Hann,
 * {@code center=True}, {@code pad_mode='reflect'}, {@code normalized=False}, onesided).
 *
 * <p>Reference values: an independent numpy implementation (reflect-pad by 8 with {@code np.pad(mode='reflect')},
 * then {@code np.fft.rfft(window·frame)} per hop), cross-checked against {@code scipy.signal.stft} with
 * {@code boundary='even'} (scipy's even extension is torch's reflect padding), {@code padded=False},
 * {@code detrend=False}, multiplied by {@code sum(window)} = 8 to undo scipy's default {@code scaling='spectrum'}
 * (which divides by it). Both agreed to 5e-16. Values below 1e-12 were printed as 0. Python 3.11.7, numpy 2.4.6,
 * scipy 1.17.1:
 *
 * <pre>{@code
 * import numpy as np, scipy.signal
 * N, H, L = 16, 4, 24
 * w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N) / N)
 * m = np.arange(L)
 * x = (((3 * m * m + 5 * m) % 17) / 8 - 1).astype(np.float32).astype(np.float64)
 * xp = np.pad(x, N // 2, mode='reflect')
 * S = np.stack([np.fft.rfft(w * xp[f * H:f * H + N]) for f in range(1 + L // H)], axis=1)   # [9, 7]
 * _, _, Z = scipy.signal.stft(x, window='hann', nperseg=N, noverlap=N - H, nfft=N, boundary='even',
 *                             padded=False, detrend=False, return_onesided=True, scaling='spectrum')
 * print(np.abs(S - Z * w.sum()).max())
 * for part in (S.real, S.imag):
 *     for row in part: print(", ".join("%.10g" % (0.0 if abs(v) < 1e-12 else v) for v in row))
 * }</pre>
 *
 * Measured: max |Java − reference| = 1.0e-7 over the 126 values (float32 output, magnitudes up to 4.9).
 */
class StftTest {

    private static final int FRAMES = 7;

    private static final double[] REAL = {
        -2.281622727, -0.7855118948, 2.274399892, 2.794078844, 0.0611558855, -1.377584657, -1.375,
        1.539205248, 0.8830531555, -1.673067371, -2.1933968, 0.415176636, 1.00193418, 0.3825825215,
        -0.3550324904, -0.5482825457, 0.743302356, 0.8004917359, -0.6449207942, -0.5728300642, 0.6098349571,
        0.2181946897, 0.0496794144, -0.6412023844, -0.39020076, 0.1719999094, 0.3637769037, -0.3049174785,
        -1.140165043, -0.3339466094, 0.7834708691, 1.094669914, 0.7834708691, 0.05491747853, 0,
        1.187135396, 0.6182138044, -0.7382393539, -0.5491390682, -1.551441648, 0.5888881392, -0.5700825215,
        0.3550324904, -0.8267174543, 0.006697643979, -0.05049173594, 1.394920794, -1.177169936, 1.140165043,
        1.055464666, 2.449053626, 1.552509109, -0.8672633719, -2.535734898, -1.954599223, -3.007582521,
        -3.438047187, -3.796594886, -2.34134163, 1.516581328, 3.871902376, 4.7677497, 4.875,
    };
    private static final double[] IMAG = {
        0, 0, 0, 0, 0, 0, 0,
        0, 1.456154515, 1.575036411, -1.039136498, -1.6900654, 0.3237230963, -0.3049174785,
        0, -0.2030018929, -0.6983160134, 0.3058917102, 0.7350785775, -0.5919223714, 0.6098349571,
        0, -0.3130949027, 0.2332072687, 0.6858555134, 0.3253014643, -0.1420992226, -0.7424174785,
        0, -0.7951696628, -1.057350487, -0.9146783406, 0.04119610015, 0.8226671786, 0.875,
        0, 1.385128402, 0.8448820539, 0.7287487322, -0.2005868834, -1.094764266, 0.1325825215,
        0, -1.026225198, 0.7525092013, 0.5129984914, -0.3015330749, 1.048242672, -1.140165043,
        0, 0.4043778194, -1.813288804, -1.996243279, -0.2159537481, -0.6289419467, 0.5700825215,
        0, 0, 0, 0, 0, 0, 0,
    };

    /** {@code ((3n² + 5n) mod 17) / 8 − 1} for n in [0, 24): exact in float. */
    private static float[] signal() {
        float[] x = new float[24];
        for (int n = 0; n < x.length; n++) {
            x[n] = ((3 * n * n + 5 * n) % 17) / 8f - 1f;
        }
        return x;
    }

    @Test
    void should_match_torch_stft_semantics_when_centred_with_reflect_padding() {
        Stft.Spectrum spectrum = new Stft(16, 4).forward(signal());

        assertThat(spectrum.bins()).isEqualTo(9);
        assertThat(spectrum.frames()).isEqualTo(FRAMES);
        for (int i = 0; i < REAL.length; i++) {
            assertThat((double) spectrum.real()[i]).as("real %d", i).isCloseTo(REAL[i], within(1e-6));
            assertThat((double) spectrum.imag()[i]).as("imag %d", i).isCloseTo(IMAG[i], within(1e-6));
        }
    }

    @Test
    void should_stack_real_then_imaginary_rows_when_building_hifts_source_stft() {
        Stft.Spectrum spectrum = new Stft(16, 4).forward(signal());

        float[] stacked = spectrum.stacked();

        assertThat(stacked).hasSize(18 * FRAMES);
        // Row c, frame t of [18, frames]: rows 0..8 real, 9..17 imaginary.
        assertThat(stacked[2 * FRAMES + 3]).isEqualTo(spectrum.real()[2 * FRAMES + 3]);
        assertThat(stacked[(9 + 2) * FRAMES + 3]).isEqualTo(spectrum.imag()[2 * FRAMES + 3]);
    }

    @Test
    void should_give_120_frames_per_mel_frame_plus_one_when_framing_hifts_source() {
        Stft stft = new Stft(16, 4);

        assertThat(stft.frames(480 * 7)).isEqualTo(120 * 7 + 1);
        assertThat(stft.forward(new float[480 * 7]).frames()).isEqualTo(120 * 7 + 1);
    }

    @Test
    void should_refuse_a_signal_when_it_is_too_short_to_reflect() {
        assertThatThrownBy(() -> new Stft(16, 4).forward(new float[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reflect");
    }
}
