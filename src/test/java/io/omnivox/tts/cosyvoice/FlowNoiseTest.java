package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FlowNoiseTest {

    private static final int BINS = FlowMatchingSolver.MEL_BINS;

    @Test
    void should_give_the_same_noise_when_the_seed_is_the_same() {
        assertThat(new FlowNoise(5).sample(0, 30)).containsExactly(new FlowNoise(5).sample(0, 30));
        assertThat(new FlowNoise(5).sample(0, 30)).isNotEqualTo(new FlowNoise(6).sample(0, 30));
    }

    @Test
    void should_give_a_window_the_values_of_the_whole_draw_when_sampled_from_an_offset() {
        float[] whole = new FlowNoise(9).sample(0, 100);

        float[] window = new FlowNoise(9).sample(60, 25);

        for (int c = 0; c < BINS; c++) {
            assertThat(Arrays.copyOfRange(window, c * 25, c * 25 + 25))
                    .containsExactly(Arrays.copyOfRange(whole, c * 100 + 60, c * 100 + 85));
        }
    }

    @Test
    void should_look_standard_normal_when_many_values_are_drawn() {
        // 80 000 values: the standard error of the mean is 1/√80000 ≈ 0.0035 and of the variance ≈ 0.005; bounds at
        // about 4 standard errors.
        float[] values = new FlowNoise(1234).sample(0, 1000);
        double sum = 0;
        double squares = 0;
        int beyondTwo = 0;
        for (float v : values) {
            sum += v;
            squares += v * v;
            beyondTwo += Math.abs(v) > 2 ? 1 : 0;
        }
        double mean = sum / values.length;
        double variance = squares / values.length - mean * mean;

        assertThat(mean).isCloseTo(0, within(0.015));
        assertThat(variance).isCloseTo(1, within(0.02));
        // P(|z| > 2) = 4.55 % for a normal variable.
        assertThat(beyondTwo / (double) values.length).isCloseTo(0.0455, within(0.004));
    }
}
