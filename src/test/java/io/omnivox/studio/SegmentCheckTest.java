package io.omnivox.studio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checks on a synthesised segment, on made-up samples. */
class SegmentCheckTest {

    private static final int RATE = 16_000;
    private static final String LINE = "The keeper winds the clockwork lens every four hours."; // 9 words, 3.6 s

    private static float[] tone(double seconds, float level) {
        float[] audio = new float[(int) (seconds * RATE)];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (level * Math.sin(2 * Math.PI * 200 * i / RATE));
        }
        return audio;
    }

    @Test
    void should_pass_speech_of_about_the_right_length() {
        SegmentCheck check = SegmentCheck.of(tone(3.0, 0.5f), RATE, LINE, 0.1, 0.35);

        assertThat(check.problems()).isEmpty();
        assertThat(check.toJson()).contains("\"word_error_rate\": 0.100").contains("\"problems\": []");
    }

    @Test
    void should_name_each_problem() {
        assertThat(SegmentCheck.of(tone(3.0, 0.001f), RATE, LINE, null, 0.35).problems()).containsExactly("silent");
        assertThat(SegmentCheck.of(tone(3.0, 1.2f), RATE, LINE, null, 0.35).problems()).containsExactly("clipped");
        assertThat(SegmentCheck.of(tone(0.5, 0.5f), RATE, LINE, null, 0.35).problems())
                .containsExactly("too short for its text");
        assertThat(SegmentCheck.of(tone(20, 0.5f), RATE, LINE, null, 0.35).problems())
                .containsExactly("too long for its text");
        assertThat(SegmentCheck.of(tone(3.0, 0.5f), RATE, LINE, 0.6, 0.35).problems())
                .containsExactly("heard back differently");
    }

    @Test
    void should_not_time_short_lines_and_should_time_chinese_by_characters() {
        assertThat(SegmentCheck.of(tone(0.2, 0.5f), RATE, "Yes.", null, 0.35).problems()).isEmpty();
        assertThat(SegmentCheck.expectedSeconds("今天天气很好，我们去海边散步吧")).isGreaterThan(3.0);
    }
}
