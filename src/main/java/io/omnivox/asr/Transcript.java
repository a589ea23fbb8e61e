package io.omnivox.asr;

import java.util.List;

/**
 * What was heard in one utterance.
 *
 * @param text     the words, rich tags removed
 * @param language detected (or requested) language code, e.g. {@code en}; {@code nospeech} when nothing was said
 * @param emotion  SenseVoice's emotion tag, e.g. {@code HAPPY}, {@code NEUTRAL}; {@code EMO_UNKNOWN} when unknown
 * @param events   audio events, e.g. {@code Speech}, {@code Laughter}, {@code BGM}
 * @param itn      whether inverse text normalisation was applied
 * @param tokens   recognised pieces with times in seconds from the start of the utterance
 */
public record Transcript(String text, String language, String emotion, List<String> events, boolean itn,
        List<TimedToken> tokens) {

    /** One recognised piece (a word or sub-word) and when it was heard. */
    public record TimedToken(String text, double start, double end) {
    }

    public Transcript {
        events = List.copyOf(events);
        tokens = List.copyOf(tokens);
    }

    /** True when nothing intelligible was said. */
    public boolean noSpeech() {
        return text.isBlank();
    }
}
