package io.omnivox.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Defaults, validation and the {@code omnivox.vad} configuration mapping. */
class VadOptionsTest {

    private static VadConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(VadConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(VadConfig.class);
    }

    @Test
    void should_use_silero_reference_values_when_nothing_is_configured() {
        assertThat(VadOptions.DEFAULTS).isEqualTo(new VadOptions(0.5, 0.35, 250, 100, 30, 30));
        assertThat(VadOptions.from(config(Map.of()))).isEqualTo(VadOptions.DEFAULTS);
    }

    @Test
    void should_release_0_15_below_the_threshold_when_only_the_threshold_is_configured() {
        VadOptions options = VadOptions.from(config(Map.of("omnivox.vad.threshold", "0.6",
                "omnivox.vad.min-silence-ms", "600", "omnivox.vad.max-speech-seconds", "20")));

        assertThat(options.threshold()).isEqualTo(0.6);
        assertThat(options.negThreshold()).isEqualTo(0.6 - 0.15);
        assertThat(options.minSilenceMs()).isEqualTo(600);
        assertThat(options.maxSpeechSeconds()).isEqualTo(20);
    }

    @Test
    void should_keep_an_explicit_release_threshold_when_one_is_configured() {
        VadOptions options = VadOptions.from(config(Map.of("omnivox.vad.neg-threshold", "0.2")));

        assertThat(options.negThreshold()).isEqualTo(0.2);
        assertThat(options.threshold()).isEqualTo(0.5);
    }

    @Test
    void should_keep_the_release_threshold_above_zero_when_the_threshold_is_low() {
        assertThat(VadOptions.DEFAULTS.withThreshold(0.1).negThreshold()).isEqualTo(VadOptions.MIN_NEG_THRESHOLD);
    }

    @Test
    void should_refuse_options_when_they_cannot_work() {
        assertThatThrownBy(() -> new VadOptions(0.5, 0.6, 250, 100, 30, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negThreshold");
        assertThatThrownBy(() -> new VadOptions(1.5, 0.35, 250, 100, 30, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> VadOptions.DEFAULTS.withSpeechPadMs(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speechPadMs=-1");
        assertThatThrownBy(() -> VadOptions.DEFAULTS.withMaxSpeechSeconds(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSpeechSeconds");
    }

    @Test
    void should_describe_segments_in_seconds_when_asked() {
        SpeechSegment segment = new SpeechSegment(8_000, 24_000, 16_000);

        assertThat(segment.startSeconds()).isEqualTo(0.5);
        assertThat(segment.endSeconds()).isEqualTo(1.5);
        assertThat(segment.durationSeconds()).isEqualTo(1.0);
        assertThatThrownBy(() -> new SpeechSegment(10, 5, 16_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
