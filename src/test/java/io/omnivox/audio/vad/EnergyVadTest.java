package io.omnivox.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The energy fallback on the same recordings as Silero.
 *
 * <p>Tolerance 100 ms on clean clips: 30 ms frames and 30 ms padding; measured 20-50 ms (40-80 ms against the librivox labels). With white noise the quiet
 * ends of words sink below the noise and segments end early, so the noisy case uses a quieter noise than Silero's
 * (-50 dBFS, 20-30 dB below the speech; at -45 dBFS "meters" is lost) and 150 ms (measured 70 ms).
 */
class EnergyVadTest extends RecordedSpeechContract {

    @Override
    VoiceActivityDetector detector(VadOptions options) {
        return new EnergyVad(options);
    }

    @Override
    double tolerance() {
        return 0.1;
    }

    @Override
    double noiseLevel() {
        return -50;
    }

    @Override
    double noisyTolerance() {
        return 0.15;
    }

    @Test
    void should_stop_taking_a_background_for_speech_when_it_has_been_steady_for_a_third_of_a_second() {
        // A microphone that switches on: digital silence, then steady noise 30 dB above the floor's lower limit. It
        // counts as speech until it has been steady for 0.3 s (then the floor jumps to it), not for seconds.
        float[] samples = TestAudio.concat(TestAudio.silence(1), TestAudio.whiteNoise(4, -30, 3));

        assertThat(new EnergyVad(VadOptions.DEFAULTS).detect(TestAudio.clip(samples)))
                .allSatisfy(segment -> assertThat(segment.endSeconds()).isLessThan(1.5));
    }

    @Test
    void should_score_half_at_the_midpoint_and_little_near_the_floor() {
        assertThat(EnergyVad.probability(EnergyVad.SNR_MIDPOINT_DB)).isEqualTo(0.5);
        assertThat(EnergyVad.probability(4)).isLessThan(0.15);
        assertThat(EnergyVad.probability(20)).isGreaterThan(0.99);
    }
}
