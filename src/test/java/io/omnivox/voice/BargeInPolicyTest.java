package io.omnivox.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.omnivox.asr.Transcript;

class BargeInPolicyTest {

    private static final String SPEAKING = "The tide turns at noon, and the ferry leaves twenty minutes later.";

    private static Transcript heard(String text, String... events) {
        return new Transcript(text, "en", "NEUTRAL", List.of(events), true, List.of());
    }

    private static BargeInPolicy policy(SessionSettings.InterruptionPolicy policy, int minWords) {
        return new BargeInPolicy(new SessionSettings.Interruption(policy, minWords));
    }

    @Test
    void should_interrupt_for_real_words_but_not_for_backchannels_or_noises() {
        BargeInPolicy words = policy(SessionSettings.InterruptionPolicy.WORDS, 2);

        assertThat(words.interrupts(heard("Wait, stop please."), SPEAKING)).isTrue();
        assertThat(words.interrupts(heard("Mhm."), SPEAKING)).isFalse();
        assertThat(words.interrupts(heard("Okay, yeah."), SPEAKING)).isFalse();
        assertThat(words.interrupts(heard("", "Cough"), SPEAKING)).isFalse();
        assertThat(words.interrupts(heard("", "Laughter"), SPEAKING)).isFalse();
        assertThat(words.interrupts(heard("嗯嗯"), SPEAKING)).isFalse();
        assertThat(words.interrupts(heard("the ah"), SPEAKING)).isFalse();
        assertThat(words.interrupts(heard("the bus"), SPEAKING)).isTrue();
        assertThat(words.interrupts(heard("等一下"), SPEAKING)).isTrue();
    }

    @Test
    void should_not_take_the_replys_own_voice_for_an_interruption() {
        BargeInPolicy any = policy(SessionSettings.InterruptionPolicy.ANY, 1);

        assertThat(any.interrupts(heard("the ferry leaves twenty minutes"), SPEAKING)).isFalse();
        assertThat(any.interrupts(heard("tide turns at noon"), SPEAKING)).isFalse();
        assertThat(any.interrupts(heard("what time is the bus"), SPEAKING)).isTrue();
    }

    @Test
    void should_count_words_for_the_min_words_policy_and_take_any_speech_for_any() {
        BargeInPolicy two = policy(SessionSettings.InterruptionPolicy.MIN_WORDS, 2);
        BargeInPolicy any = policy(SessionSettings.InterruptionPolicy.ANY, 1);

        assertThat(two.interrupts(heard("Stop."), SPEAKING)).isFalse();
        assertThat(two.interrupts(heard("Stop now."), SPEAKING)).isTrue();
        assertThat(two.interrupts(heard("yeah stop"), SPEAKING)).isFalse();
        assertThat(any.interrupts(heard("mhm"), SPEAKING)).isTrue();
        assertThat(any.interrupts(heard("", "Cough"), SPEAKING)).isFalse();
        assertThat(any.interrupts(heard("", "Speech"), SPEAKING)).isTrue();
    }

    @Test
    void should_split_words_across_scripts() {
        assertThat(BargeInPolicy.words("Hello, world! 你好 it's 42.")).containsExactly("hello", "world", "你", "好",
                "it's", "42");
    }
}
