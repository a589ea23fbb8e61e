package io.omnivox.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link RealFft}, the FFT under {@link Fbank}, against a direct DFT. */
class FbankRealFftTest {

    @Test
    void should_equal_the_direct_dft_when_input_is_random() {
        for (int n : new int[] { 2, 4, 8, 16, 64, 512 }) {
            double[] x = new SplittableRandom(n).doubles(n, -1000, 1000).toArray();
            double[] re = new double[n / 2 + 1];
            double[] im = new double[n / 2 + 1];

            new RealFft(n).forward(x.clone(), re, im);

            for (int k = 0; k <= n / 2; k++) {
                double dr = 0;
                double di = 0;
                for (int t = 0; t < n; t++) {
                    double angle = -2 * Math.PI * k * t / n;
                    dr += x[t] * Math.cos(angle);
                    di += x[t] * Math.sin(angle);
                }
                // Values reach ~1000·n; 1e-9 relative is far below float resolution.
                double tolerance = 1e-9 * 1000 * n;
                assertThat(re[k]).as("Re X[%d], n=%d", k, n).isCloseTo(dr, within(tolerance));
                assertThat(im[k]).as("Im X[%d], n=%d", k, n).isCloseTo(di, within(tolerance));
            }
        }
    }

    @Test
    void should_put_a_cosine_in_its_bin_when_input_is_a_pure_tone() {
        int n = 512;
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = Math.cos(2 * Math.PI * 37 * t / n);
        }
        double[] re = new double[n / 2 + 1];
        double[] im = new double[n / 2 + 1];

        new RealFft(n).forward(x, re, im);

        // A unit cosine at bin 37 gives X[37] = n / 2 and (numerically) nothing elsewhere.
        for (int k = 0; k <= n / 2; k++) {
            double magnitude = Math.hypot(re[k], im[k]);
            assertThat(magnitude).isCloseTo(k == 37 ? n / 2.0 : 0.0, within(1e-9));
        }
    }

    @Test
    void should_reject_the_length_when_not_a_power_of_two() {
        assertThatThrownBy(() -> new RealFft(400)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RealFft(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
