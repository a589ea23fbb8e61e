package io.omnivox.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnivox.audio.FbankOptions.Window;

import org.junit.jupiter.api.Test;

/** {@link FbankOptions}: SenseVoice's values, derived sizes and validation. */
class FbankOptionsTest {

    @Test
    void should_describe_sense_voice_frontend_when_asked_for_it() {
        FbankOptions o = FbankOptions.senseVoice();

        assertThat(o).isEqualTo(new FbankOptions(16_000, 80, 25f, 10f, Window.HAMMING, 0.97f, true, 0f, true, 20f, 0f,
                true, true));
        // 25 ms and 10 ms at 16 kHz; 400 padded to the next power of two.
        assertThat(o.windowSize()).isEqualTo(400);
        assertThat(o.windowShift()).isEqualTo(160);
        assertThat(o.paddedWindowSize()).isEqualTo(512);
        assertThat(o.effectiveHighFreq()).isEqualTo(8000f);
    }

    @Test
    void should_count_high_freq_from_nyquist_when_negative() {
        FbankOptions o = new FbankOptions(16_000, 80, 25f, 10f, Window.POVEY, 0.97f, true, 0f, true, 20f, -400f, true,
                true);

        assertThat(o.effectiveHighFreq()).isEqualTo(7600f);
    }

    @Test
    void should_reject_options_when_values_are_out_of_range() {
        assertThatThrownBy(() -> new FbankOptions(16_000, 2, 25f, 10f, Window.HAMMING, 0.97f, true, 0f, true, 20f, 0f,
                true, true)).hasMessageContaining("numBins");
        assertThatThrownBy(() -> new FbankOptions(16_000, 80, 25f, 10f, Window.HAMMING, 1.5f, true, 0f, true, 20f, 0f,
                true, true)).hasMessageContaining("preemphasis");
        assertThatThrownBy(() -> new FbankOptions(16_000, 80, 25f, 10f, Window.HAMMING, 0.97f, true, 0f, true, 20f,
                9000f, true, true)).hasMessageContaining("Nyquist");
        assertThatThrownBy(() -> new FbankOptions(16_000, 80, 25f, 0.01f, Window.HAMMING, 0.97f, true, 0f, true, 20f,
                0f, true, true)).hasMessageContaining("shift");
    }
}
